/**
 * Where each truck was last: the container of its latest stop event today (the API derives
 * positions from stop events; reading them is recorded in the processing log).
 */
import { h } from '../shared/dom.js';
import { STOP_STATUS_LABELS, clockTime } from '../shared/format.js';
import { L } from '../shared/map.js';

/** @param {import('leaflet').Map} map */
export function createVehiclesLayer(map) {
  const group = L.featureGroup().addTo(map);
  return {
    /** @param {any[]} vehicles items of GET /v1/vehicles */
    show(vehicles) {
      group.clearLayers();
      for (const v of vehicles) {
        const p = v.lastPosition;
        if (!p) continue;
        L.marker([p.location[1], p.location[0]], {
          // no icon size: the label sizes itself (CSS)
          icon: L.divIcon({ className: 'vehicle-marker', html: '', iconSize: null }),
          zIndexOffset: 2000,
          keyboard: false,
        })
          .bindTooltip(h('span', null, `${v.name} · ${STOP_STATUS_LABELS[p.event] ?? p.event} om ${clockTime(p.time)}`))
          .addTo(group)
          .getElement()
          ?.replaceChildren(v.id);
      }
    },
  };
}
