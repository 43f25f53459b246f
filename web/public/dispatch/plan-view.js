/**
 * One plan in detail: state and actions (approve, dispatch, complete, cancel), its routes drawn on
 * the map one colour per vehicle, and every stop in a table from which a stop can be moved.
 */
import { byId, h, replaceChildren } from '../shared/dom.js';
import { FRACTION_LABELS, PLAN_STATUS_LABELS, STOP_KIND_LABELS, STOP_STATUS_LABELS, clockTime, cost, distance, duration, percent, routeColor } from '../shared/format.js';
import { L, fitTo } from '../shared/map.js';
import { createDecisionsPanel } from './decisions-panel.js';

/** The state changes a dispatcher can ask for, per state (the API checks them again). */
const ACTIONS = /** @type {Record<string, { to: string, label: string, style?: string }[]>} */ ({
  draft: [{ to: 'approved', label: 'Goedkeuren' }, { to: 'cancelled', label: 'Annuleren', style: 'danger' }],
  approved: [{ to: 'dispatched', label: 'Versturen naar chauffeurs' }, { to: 'draft', label: 'Terug naar concept', style: 'secondary' }, { to: 'cancelled', label: 'Annuleren', style: 'danger' }],
  dispatched: [{ to: 'reoptimise', label: 'Resterende stops herplannen', style: 'secondary' }, { to: 'completed', label: 'Afronden' }, { to: 'cancelled', label: 'Annuleren', style: 'danger' }],
  queued: [{ to: 'cancelled', label: 'Annuleren', style: 'danger' }],
  running: [{ to: 'cancelled', label: 'Annuleren', style: 'danger' }],
  failed: [{ to: 'cancelled', label: 'Annuleren', style: 'danger' }],
});
const EDITABLE = new Set(['draft', 'approved']);

/**
 * @typedef {{ vehicleId: string, containerId: string, position: number }} MoveTarget
 * @param {{
 *   api: import('../shared/api-client.js').Api,
 *   map: import('leaflet').Map,
 *   onError: (err: unknown) => void,
 *   onStatusChanged: () => void,
 *   onMove: (plan: any, stop: MoveTarget) => void,
 *   onFollow: (planId: string) => void,
 *   onFocusContainer: (id: string) => void,
 * }} deps
 */
export function createPlanView({ api, map, onError, onStatusChanged, onMove, onFollow, onFocusContainer }) {
  const panel = byId('plan-detail');
  const stopsPanel = byId('stops-panel');
  const layer = L.featureGroup().addTo(map);
  const decisions = createDecisionsPanel({ api, onFocusContainer, onError });
  let current = /** @type {any} */ (null);

  /**
   * Re-plans the stops not yet visited of a running day with the time limit of the plan form. The
   * plan stays dispatched; its event stream follows the re-optimisation job until it ends, and the
   * plans panel shows the progress and then this plan again.
   */
  async function reoptimise() {
    const id = current.id;
    const limit = Number(/** @type {HTMLInputElement} */ (byId('plan-time-limit')).value);
    try {
      await api.request(`/v1/plans/${id}/reoptimise`, { body: { timeLimitS: Number.isFinite(limit) && limit >= 1 ? limit : 10 } });
      byId('plan-summary').textContent = 'Resterende stops worden herpland…';
      onFollow(id);
    } catch (err) {
      onError(err);
    }
  }

  async function changeStatus(/** @type {string} */ to) {
    if (to === 'reoptimise') return reoptimise();
    if (to === 'cancelled' && !window.confirm('Deze planning annuleren?')) return;
    try {
      await api.request(`/v1/plans/${current.id}/status`, { body: { status: to } });
      onStatusChanged();
      await show(current.id);
    } catch (err) {
      onError(err);
    }
  }

  async function exportGpx(/** @type {any} */ route) {
    try {
      const response = await api.raw(`/v1/routes/${route.id}/export?format=gpx`, { accept: 'application/gpx+xml' });
      const url = URL.createObjectURL(await response.blob());
      const a = h('a', { href: url, download: `route-${route.vehicleId}-${current.date}.gpx` });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      onError(err);
    }
  }

  /** @param {any} plan @param {any[]} details */
  function render(plan, details) {
    panel.hidden = false;
    byId('plan-title').textContent = `Planning ${plan.date} · ${PLAN_STATUS_LABELS[plan.status] ?? plan.status}`;
    const served = details.reduce((n, r) => n + r.stops.filter((/** @type {any} */ s) => s.kind === 'job').length, 0);
    const u = plan.stats?.unassigned;
    const unassigned = Array.isArray(u) ? u.length : typeof u === 'number' ? u : 0;
    byId('plan-summary').textContent = [
      `${plan.routes.length} ${plan.routes.length === 1 ? 'route' : 'routes'}`,
      `${served} containers`,
      unassigned ? `${unassigned} niet ingepland` : null,
      `kosten ${cost(plan.cost)}`,
      plan.attempts ? `poging ${plan.attempts.made}/${plan.attempts.max}` : null,
    ].filter(Boolean).join(' · ');
    byId('plan-failure').textContent = plan.failureReason ?? '';
    renderUnassigned(Array.isArray(u) ? u : []);
    replaceChildren(
      byId('plan-actions'),
      ...(ACTIONS[plan.status] ?? []).map((a) => h('button', { type: 'button', className: a.style ?? '', dataset: { to: a.to }, onclick: () => changeStatus(a.to) }, a.label)),
      plan.status === 'queued' || plan.status === 'running' ? h('button', { type: 'button', className: 'secondary', onclick: () => onFollow(plan.id) }, 'Voortgang volgen') : null,
    );
    replaceChildren(
      byId('route-rows'),
      ...plan.routes.map((/** @type {any} */ r, /** @type {number} */ i) =>
        h('tr', { dataset: { routeId: r.id, vehicleId: r.vehicleId } },
          h('td', null, h('span', { className: 'swatch', style: `background:${routeColor(i)}` })),
          h('td', null, r.vehicleId),
          h('td', null, String(r.stops)),
          h('td', null, distance(r.distanceM)),
          h('td', null, duration(r.durationS)),
          h('td', null, `${clockTime(r.startTime)}–${clockTime(r.endTime)}`),
          h('td', null, h('button', { type: 'button', className: 'secondary', title: 'Route als GPX downloaden', onclick: () => exportGpx(r) }, 'GPX')),
        ),
      ),
    );
    // the table first: it takes room from the map, which is then fitted to the routes
    renderStops(plan, details);
    drawRoutes(details);
  }

  /**
   * Containers the plan leaves out, required ones first: a full container left out needs a person.
   * @param {{ containerId: string, reason: string, required: boolean }[]} list
   */
  function renderUnassigned(list) {
    const box = byId('plan-unassigned');
    box.hidden = list.length === 0;
    const required = list.filter((x) => x.required).length;
    replaceChildren(/** @type {HTMLElement} */ (box.querySelector('summary')), `${list.length} ${list.length === 1 ? 'container' : 'containers'} niet ingepland${required ? `, waarvan ${required} verplicht` : ''}`);
    box.classList.toggle('has-required', required > 0);
    replaceChildren(
      /** @type {HTMLElement} */ (box.querySelector('ul')),
      ...[...list].sort((a, b) => Number(b.required) - Number(a.required)).map((x) =>
        h('li', null, h('strong', null, x.containerId), x.required ? ' (verplicht)' : ' (optioneel)', `: ${x.reason}`)),
    );
  }

  /** @param {any[]} details */
  function drawRoutes(details) {
    layer.clearLayers();
    details.forEach((route, i) => {
      const color = routeColor(i);
      const located = route.stops.filter((/** @type {any} */ s) => s.location);
      const line = route.geometry?.coordinates?.length ? route.geometry.coordinates : located.map((/** @type {any} */ s) => s.location);
      L.polyline(line.map((/** @type {number[]} */ c) => [c[1], c[0]]), { color, weight: 4, opacity: 0.8, className: 'route-line', dashArray: route.geometry ? undefined : '6 6' })
        .bindTooltip(h('span', null, route.vehicleId))
        .addTo(layer);
      let n = 0;
      for (const s of located) {
        const latLng = L.latLng(s.location[1], s.location[0]);
        if (s.kind === 'job') {
          n++;
          L.marker(latLng, { icon: L.divIcon({ className: 'stop-number', html: String(n), iconSize: [20, 20] }), keyboard: false })
            .bindTooltip(h('span', null, `${route.vehicleId} #${n} · ${s.containerId} · ${clockTime(s.eta)}`))
            .addTo(layer)
            .getElement()?.style.setProperty('color', color);
        } else if (s.kind === 'unload' || s.kind === 'start') {
          L.circleMarker(latLng, { radius: 9, color, weight: 3, fillColor: '#fff', fillOpacity: 1, className: `route-${s.kind}` })
            .bindTooltip(h('span', null, `${STOP_KIND_LABELS[s.kind]} · ${s.address ?? ''}`))
            .addTo(layer);
        }
      }
    });
    fitTo(map, layer);
  }

  /** @param {any} plan @param {any[]} details */
  function renderStops(plan, details) {
    const editable = EDITABLE.has(plan.status);
    const rows = details.flatMap((route) => {
      let n = 0;
      return route.stops.map((/** @type {any} */ s) => {
        const index = s.kind === 'job' ? n++ : null;
        return h('tr', { dataset: { stopId: s.id, containerId: s.containerId ?? '' }, onclick: () => s.location && map.setView([s.location[1], s.location[0]], Math.max(map.getZoom(), 16)) },
          h('td', null, route.vehicleId),
          h('td', null, index === null ? '' : String(index + 1)),
          h('td', null, STOP_KIND_LABELS[s.kind] ?? s.kind),
          h('td', null, s.containerId ?? s.facilityId ?? ''),
          h('td', null, s.address ?? ''),
          h('td', null, s.fraction ? FRACTION_LABELS[s.fraction] ?? s.fraction : ''),
          h('td', null, s.kind === 'job' ? percent(s.expectedFill) : ''),
          h('td', null, s.kind === 'job' ? percent(s.fillLevel) : ''),
          h('td', null, clockTime(s.eta)),
          h('td', null, s.kind === 'job' ? STOP_STATUS_LABELS[s.status] ?? s.status : ''),
          h('td', null, editable && index !== null
            ? h('button', { type: 'button', className: 'secondary', onclick: (/** @type {Event} */ e) => { e.stopPropagation(); onMove(plan, { vehicleId: route.vehicleId, containerId: s.containerId, position: index }); } }, 'Verplaats')
            : null),
        );
      });
    });
    stopsPanel.hidden = rows.length === 0;
    replaceChildren(byId('stop-rows'), ...rows);
  }

  /** @param {string} planId */
  async function show(planId) {
    try {
      const plan = await api.request(`/v1/plans/${planId}`);
      const details = await Promise.all(plan.routes.map((/** @type {any} */ r) => api.request(`/v1/routes/${r.id}`)));
      current = plan;
      render(plan, details);
      await decisions.show(planId);
      return plan;
    } catch (err) {
      onError(err);
      return null;
    }
  }

  return {
    show,
    current: () => current,
    hide() {
      panel.hidden = true;
      stopsPanel.hidden = true;
      decisions.hide();
      layer.clearLayers();
    },
  };
}
