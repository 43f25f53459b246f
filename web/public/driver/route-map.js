/** The driver's route on the map: the road line, numbered stops coloured by status, the next one ringed. */
import { L, fitTo } from '../shared/map.js';

const STATUS_COLORS = /** @type {Record<string, string>} */ ({ planned: '#0b5cad', arrived: '#ef6c00', emptied: '#2e7d32', skipped: '#757575' });

/** @param {import('leaflet').Map} map */
export function createRouteMap(map) {
  const layer = L.featureGroup().addTo(map);
  let fitted = '';
  let lastCurrent = /** @type {string | null} */ (null);

  return {
    /**
     * @param {any} route
     * @param {(stop: any) => string} statusOf
     * @param {string | null} currentId
     */
    draw(route, statusOf, currentId) {
      layer.clearLayers();
      const located = route.stops.filter((/** @type {any} */ s) => s.location);
      const line = route.geometry?.coordinates?.length ? route.geometry.coordinates : located.map((/** @type {any} */ s) => s.location);
      L.polyline(line.map((/** @type {number[]} */ c) => [c[1], c[0]]), { color: '#0b5cad', weight: 5, opacity: 0.7, className: 'route-line' }).addTo(layer);
      let n = 0;
      for (const s of located) {
        const latLng = L.latLng(s.location[1], s.location[0]);
        if (s.kind === 'job') {
          n++;
          const status = statusOf(s);
          const marker = L.marker(latLng, {
            icon: L.divIcon({ className: `driver-stop-marker${s.id === currentId ? ' current' : ''}`, html: String(n), iconSize: [28, 28] }),
            zIndexOffset: s.id === currentId ? 1000 : 0,
            keyboard: false,
          }).addTo(layer);
          const el = marker.getElement();
          if (el) el.style.background = STATUS_COLORS[status] ?? STATUS_COLORS.planned;
        } else if (s.kind === 'start' || s.kind === 'unload') {
          L.circleMarker(latLng, { radius: 10, color: '#12355b', weight: 3, fillColor: '#fff', fillOpacity: 1 }).bindTooltip(s.kind === 'start' ? 'Depot' : 'Losplaats').addTo(layer);
        }
      }
      if (fitted !== route.id) {
        fitted = route.id;
        fitTo(map, layer);
      } else if (currentId && currentId !== lastCurrent) {
        const next = route.stops.find((/** @type {any} */ s) => s.id === currentId);
        // follow the driver only when the next stop has left the view: no jumping map otherwise
        if (next?.location && !map.getBounds().contains([next.location[1], next.location[0]])) map.panTo([next.location[1], next.location[0]]);
      }
      lastCurrent = currentId;
    },
  };
}
