/**
 * Why each container of the plan day is on a route or not (`GET /v1/plans/{id}/decisions`): its
 * decision (moet / mag / overslaan / noodrit), the explanation in the tenant's language, and for a
 * must or optional container left out the reason a dispatcher can act on. Filter by decision.
 */
import { byId, h, replaceChildren } from '../shared/dom.js';
import { clockTime } from '../shared/format.js';

const KIND_LABELS = /** @type {Record<string, string>} */ ({ must: 'Moet', optional: 'Mag', emergency: 'Noodrit', skip: 'Overslaan' });
const KIND_ORDER = ['must', 'optional', 'emergency', 'skip'];

/**
 * @param {{ api: import('../shared/api-client.js').Api, onFocusContainer: (id: string) => void, onError: (err: unknown) => void }} deps
 */
export function createDecisionsPanel({ api, onFocusContainer, onError }) {
  const box = byId('plan-decisions');
  let items = /** @type {any[]} */ ([]);
  let filter = /** @type {string | null} */ (null);

  /** @param {any} d */
  function item(d) {
    const where = d.outcome === 'planned' ? `${d.vehicleId} ${clockTime(d.eta)}` : d.outcome === 'unassigned' ? 'niet ingepland' : '';
    return h('li', { className: `decision ${d.kind} ${d.outcome}`, dataset: { containerId: d.containerId, kind: d.kind } },
      h('span', { className: `badge ${d.kind === 'emergency' ? 'bad' : d.kind === 'must' ? 'warn' : ''}` }, KIND_LABELS[d.kind] ?? d.kind), ' ',
      h('a', { href: '#', onclick: (/** @type {Event} */ e) => { e.preventDefault(); onFocusContainer(d.containerId); } }, d.containerId),
      where ? h('span', { className: 'when' }, ` · ${where}`) : null,
      h('div', { className: 'explanation' }, d.explanation),
      d.unassigned ? h('div', { className: 'error' }, d.unassigned.explanation) : null,
    );
  }

  function render() {
    const counts = Object.fromEntries(KIND_ORDER.map((k) => [k, items.filter((d) => d.kind === k).length]));
    replaceChildren(/** @type {HTMLElement} */ (box.querySelector('summary')), `Beslissingen per container (${items.length})`);
    replaceChildren(/** @type {HTMLElement} */ (box.querySelector('.decision-filter')),
      h('button', { type: 'button', className: filter === null ? '' : 'secondary', onclick: () => { filter = null; render(); } }, 'Alle'),
      ...KIND_ORDER.filter((k) => counts[k]).map((k) => h('button', { type: 'button', className: filter === k ? '' : 'secondary', dataset: { kind: k }, onclick: () => { filter = k; render(); } }, `${KIND_LABELS[k]} (${counts[k]})`)),
    );
    const shown = filter ? items.filter((d) => d.kind === filter) : items;
    replaceChildren(/** @type {HTMLElement} */ (box.querySelector('ul')), ...shown.map(item));
  }

  /** @param {string} planId */
  async function show(planId) {
    try {
      const all = [];
      for (let page = 1; ; page++) {
        const body = await api.request(`/v1/plans/${planId}/decisions?page=${page}&pageSize=1000`);
        all.push(...body.items);
        if (all.length >= body.total || body.items.length === 0) break;
      }
      items = all;
      filter = null;
      box.hidden = items.length === 0;
      render();
    } catch (err) {
      onError(err);
    }
  }

  return { show, hide() { box.hidden = true; } };
}
