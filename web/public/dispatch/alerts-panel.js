/** Open alerts (fire, tilt, battery, silence, full) with a button to acknowledge each. */
import { byId, h, replaceChildren } from '../shared/dom.js';
import { ALERT_KIND_LABELS, SEVERITY_LABELS, dateTime } from '../shared/format.js';

/**
 * @param {{ api: import('../shared/api-client.js').Api, onFocusContainer: (id: string) => void, onError: (err: unknown) => void }} deps
 */
export function createAlertsPanel({ api, onFocusContainer, onError }) {
  const list = byId('alert-list');
  const count = byId('alert-count');

  async function acknowledge(/** @type {string} */ id, /** @type {HTMLButtonElement} */ button) {
    button.disabled = true;
    try {
      await api.request(`/v1/alerts/${id}/acknowledge`, { method: 'POST' });
      await refresh();
    } catch (err) {
      button.disabled = false;
      onError(err);
    }
  }

  /** @param {any} a */
  function item(a) {
    const acknowledged = Boolean(a.acknowledgedAt);
    return h(
      'li',
      { className: `${a.severity}${acknowledged ? ' acknowledged' : ''}`, dataset: { alertId: a.id } },
      h('div', null,
        h('span', { className: 'kind' }, ALERT_KIND_LABELS[a.kind] ?? a.kind), ' ',
        h('span', { className: `badge ${a.severity === 'critical' ? 'bad' : a.severity === 'warning' ? 'warn' : ''}` }, SEVERITY_LABELS[a.severity] ?? a.severity),
        h('div', null, a.message),
        h('div', { className: 'when' }, dateTime(a.raisedAt),
          a.containerId ? [' · ', h('a', { href: '#', onclick: (/** @type {Event} */ e) => { e.preventDefault(); onFocusContainer(a.containerId); } }, a.containerId)] : null,
          acknowledged ? ' · bevestigd' : null),
      ),
      acknowledged ? h('span') : h('button', { type: 'button', className: 'secondary', onclick: (/** @type {Event} */ e) => acknowledge(a.id, /** @type {HTMLButtonElement} */ (e.currentTarget)) }, 'Bevestigen'),
    );
  }

  async function refresh() {
    const page = await api.request('/v1/alerts?open=true&pageSize=100');
    const open = page.items.filter((/** @type {any} */ a) => !a.acknowledgedAt).length;
    count.textContent = String(open);
    count.className = `badge ${open ? 'bad' : 'ok'}`;
    if (!page.items.length) replaceChildren(list, h('li', { className: 'muted' }, 'Geen open meldingen.'));
    else replaceChildren(list, ...page.items.map(item));
  }

  return { refresh };
}
