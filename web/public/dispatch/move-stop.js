/**
 * Moving a stop to another route or position: first checked with the optimizer's check mode
 * (violations and cost delta, nothing stored), then applied when the dispatcher agrees.
 */
import { describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import { cost, costDelta } from '../shared/format.js';

/**
 * @param {{ api: import('../shared/api-client.js').Api, onApplied: (planId: string, geometryPending: boolean) => void }} deps
 */
export function createMoveStop({ api, onApplied }) {
  const form = /** @type {HTMLFormElement} */ (byId('move-form'));
  const vehicleSelect = /** @type {HTMLSelectElement} */ (byId('move-vehicle'));
  const positionInput = /** @type {HTMLInputElement} */ (byId('move-position'));
  const applyButton = /** @type {HTMLButtonElement} */ (byId('move-apply'));
  const force = /** @type {HTMLInputElement} */ (byId('move-force'));
  const result = byId('move-result');
  let planId = '';
  let containerId = '';
  /** @type {any} */
  let lastCheck = null;

  const moves = () => [{ containerId, vehicleId: vehicleSelect.value, position: Math.max(0, Number(positionInput.value) - 1) }];

  function invalidate() {
    lastCheck = null;
    applyButton.disabled = true;
  }
  vehicleSelect.addEventListener('change', invalidate);
  positionInput.addEventListener('input', invalidate);
  force.addEventListener('change', () => {
    applyButton.disabled = !lastCheck || (!lastCheck.feasible && !force.checked);
  });
  byId('move-cancel').addEventListener('click', () => {
    form.hidden = true;
  });

  /** @param {any} check */
  function showCheck(check) {
    const delta = check.costDelta;
    replaceChildren(
      result,
      h('p', { className: check.feasible ? 'feasible' : 'error' }, check.feasible ? 'Haalbaar.' : 'Niet haalbaar: de wijziging breekt een regel.'),
      h('p', null, `Kosten ${cost(check.costBefore)} → ${cost(check.cost)} (`, h('strong', { className: 'cost-delta' }, costDelta(delta)), ')'),
      check.violations.length
        ? h('ul', { className: 'violations' }, ...check.violations.map((/** @type {any} */ v) => h('li', null, `${v.name}: ${v.reason}`)))
        : null,
    );
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    invalidate();
    replaceChildren(result, h('p', { className: 'muted' }, 'Controleren…'));
    try {
      lastCheck = await api.request(`/v1/plans/${planId}/check`, { body: { moves: moves() } });
      showCheck(lastCheck);
      applyButton.disabled = !lastCheck.feasible && !force.checked;
    } catch (err) {
      replaceChildren(result, h('p', { className: 'error' }, describeError(err)));
    }
  });

  applyButton.addEventListener('click', async () => {
    applyButton.disabled = true;
    try {
      const applied = await api.request(`/v1/plans/${planId}/edits`, { body: { moves: moves(), force: force.checked } });
      if (applied.applied) {
        replaceChildren(result, h('p', { className: 'feasible' }, `Toegepast · kosten nu ${cost(applied.cost)}`));
        form.hidden = true;
        onApplied(planId, applied.geometry === 'pending');
      } else {
        showCheck(applied);
      }
    } catch (err) {
      replaceChildren(result, h('p', { className: 'error' }, describeError(err)));
    }
  });

  return {
    /**
     * @param {any} plan
     * @param {{ vehicleId: string, containerId: string, position: number }} stop
     * @param {string[]} vehicleIds every vehicle the stop may move to
     */
    open(plan, stop, vehicleIds) {
      planId = plan.id;
      containerId = stop.containerId;
      byId('move-container').textContent = containerId;
      replaceChildren(vehicleSelect, ...vehicleIds.map((id) => h('option', { value: id, selected: id === stop.vehicleId }, id)));
      positionInput.value = String(stop.position + 1);
      force.checked = false;
      invalidate();
      replaceChildren(result);
      form.hidden = false;
      form.scrollIntoView({ block: 'nearest' });
    },
  };
}
