/**
 * The plans of the municipality: create one for a day (queued for the plan worker), follow its
 * progress live over server-sent events, and pick one to see in detail.
 */
import { describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import { PLAN_STATUS_LABELS, cost, localDate } from '../shared/format.js';
import { readEventStream } from '../shared/sse.js';

const STAGE_LABELS = /** @type {Record<string, string>} */ ({
  select: 'containers kiezen',
  matrix: 'reistijden ophalen',
  solve: 'routes optimaliseren',
  store: 'opslaan',
  done: 'klaar',
});

/**
 * @param {{
 *   api: import('../shared/api-client.js').Api,
 *   onSelect: (planId: string) => void,
 *   onError: (err: unknown) => void,
 * }} deps
 */
export function createPlansPanel({ api, onSelect, onError }) {
  const list = byId('plan-list');
  const form = /** @type {HTMLFormElement} */ (byId('plan-form'));
  const dateInput = /** @type {HTMLInputElement} */ (byId('plan-date'));
  const limitInput = /** @type {HTMLInputElement} */ (byId('plan-time-limit'));
  const progress = byId('plan-progress');
  const progressText = byId('plan-progress-text');
  const progressBar = /** @type {HTMLProgressElement} */ (byId('plan-progress-bar'));
  const errorLine = byId('plan-error');
  let selected = /** @type {string | null} */ (null);
  /** @type {AbortController | null} */
  let following = null;

  dateInput.value = localDate();

  /** @param {any} p */
  function item(p) {
    return h(
      'li',
      null,
      h(
        'button',
        { type: 'button', className: p.id === selected ? 'selected' : '', dataset: { planId: p.id, status: p.status }, onclick: () => select(p.id) },
        h('span', { className: 'date' }, p.date),
        h('span', { className: 'status' }, PLAN_STATUS_LABELS[p.status] ?? p.status),
        h('span', { className: 'cost' }, p.cost === null ? '' : `kosten ${cost(p.cost)}`),
      ),
    );
  }

  async function refresh() {
    const page = await api.request('/v1/plans?pageSize=30');
    if (!page.items.length) replaceChildren(list, h('li', { className: 'muted' }, 'Nog geen planningen.'));
    else replaceChildren(list, ...page.items.map(item));
  }

  /** @param {string} id */
  function select(id) {
    selected = id;
    list.querySelectorAll('button[data-plan-id]').forEach((b) => b.classList.toggle('selected', /** @type {HTMLElement} */ (b).dataset.planId === id));
    onSelect(id);
  }

  /** @param {string} text @param {number} [percent] */
  function showProgress(text, percent) {
    progress.hidden = false;
    progressText.textContent = text;
    if (percent !== undefined) progressBar.value = percent;
  }

  /**
   * Follows a plan job until it completes or fails; the stream ends by itself then.
   * @param {string} planId
   */
  async function follow(planId) {
    following?.abort();
    const controller = new AbortController();
    following = controller;
    let final = /** @type {any} */ (null);
    let failed = false;
    try {
      await readEventStream(api, `/v1/plans/${planId}/events`, {
        signal: controller.signal,
        onEvent(name, data) {
          if (name === 'state') showProgress(`Status: ${PLAN_STATUS_LABELS[data.status] ?? data.status}`);
          else if (name === 'progress')
            showProgress(`${STAGE_LABELS[data.stage] ?? data.stage} · ${Math.round(data.percent)}%${data.bestCost === undefined ? '' : ` · beste kosten ${cost(data.bestCost)}`}`, data.percent);
          else if (name === 'retrying') showProgress(`Nieuwe poging: ${data.failureReason ?? ''}`);
          else if (name === 'completed' || name === 'failed') {
            final = data;
            // a failed re-optimisation leaves the plan dispatched: the event says it failed, not the state
            failed = name === 'failed';
          }
        },
      });
    } catch (err) {
      if (controller.signal.aborted) return;
      onError(err);
    }
    if (following === controller) following = null;
    if (final && (failed || final.status === 'failed')) {
      showProgress(`Mislukt: ${final.failureReason ?? 'onbekende reden'}`);
    } else if (final) {
      showProgress(`Klaar · kosten ${cost(final.cost)}`, 100);
    }
    await refresh().catch(onError);
    select(planId);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errorLine.textContent = '';
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type=submit]'));
    button.disabled = true;
    try {
      const accepted = await api.request('/v1/plans', { body: { date: dateInput.value, timeLimitS: Number(limitInput.value) } });
      showProgress('In de wachtrij', 0);
      await refresh();
      await follow(accepted.id);
    } catch (err) {
      errorLine.textContent = describeError(err);
    } finally {
      button.disabled = false;
    }
  });

  return { refresh, select, follow };
}

