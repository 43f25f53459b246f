/**
 * The Leaflet map both pages use, loaded from this server (no CDN). The background tiles are the
 * only outside resource: their URL comes from /web/config.json, can be overridden per browser
 * (`?tiles=<url template>` or `?tiles=none`, remembered in localStorage), and when they cannot load
 * the map says so and keeps drawing containers and routes on a plain background.
 */
import * as L from '../vendor/leaflet/leaflet-src.esm.js';

export { L };
export { chooseTiles } from './tiles.js';

/** @returns {Promise<{ tileUrl: string, tileAttribution: string }>} */
export async function loadWebConfig() {
  try {
    const response = await fetch(new URL('../config.json', import.meta.url), { cache: 'no-cache' });
    if (response.ok) return await response.json();
  } catch {
    // offline reload of a cached page: fall back to the defaults below
  }
  return { tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', tileAttribution: '&copy; OpenStreetMap' };
}

/**
 * @param {HTMLElement} element
 * @param {{ url: string, attribution: string }} tiles
 * @returns {import('leaflet').Map}
 */
export function createMap(element, tiles) {
  const map = L.map(element, { zoomControl: true }).setView([52.2, 5.3], 7);
  // The map's box changes when panels open or the tablet turns; Leaflet must hear of it.
  new ResizeObserver(() => map.invalidateSize()).observe(element);
  const notice = L.DomUtil.create('div', 'map-notice');
  notice.hidden = true;
  const NoticeControl = L.Control.extend({ onAdd: () => notice });
  new NoticeControl({ position: 'bottomleft' }).addTo(map);
  if (!tiles.url) {
    element.classList.add('map-no-tiles');
    return map;
  }
  let loaded = 0;
  const layer = L.tileLayer(tiles.url, { maxZoom: 19, attribution: tiles.attribution, referrerPolicy: 'no-referrer' });
  layer.on('tileload', () => {
    loaded++;
    notice.hidden = true;
    element.classList.remove('map-no-tiles');
  });
  layer.on('tileerror', () => {
    if (loaded) return;
    element.classList.add('map-no-tiles');
    notice.textContent = 'Achtergrondkaart niet bereikbaar: containers en routes blijven zichtbaar.';
    notice.hidden = false;
  });
  layer.addTo(map);
  return map;
}

/**
 * Fits the map to layers when they have any extent.
 * @param {import('leaflet').Map} map
 * @param {import('leaflet').FeatureGroup} group
 */
export function fitTo(map, group) {
  map.invalidateSize();
  const bounds = group.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
}
