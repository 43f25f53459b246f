/**
 * The Leaflet map both pages use, loaded from this server (no CDN). The background tiles are the
 * only outside resource: their URL comes from /web/config.json, can be overridden per browser
 * (`?tiles=<url template>` or `?tiles=none`, remembered in localStorage), and when they cannot load
 * the map says so and keeps drawing containers and routes on a plain background.
 */
import * as L from '../vendor/leaflet/leaflet-src.esm.js';

export { L };

const TILE_KEY = 'afvalroute.tileUrl';

/**
 * Which tiles to use: the page's ?tiles= wins (and is remembered), then the remembered choice,
 * then the server's configuration. 'none' means no background map.
 * @param {{ tileUrl: string, tileAttribution: string }} config
 * @param {string} search location.search
 * @param {{ getItem(k: string): string | null, setItem(k: string, v: string): void } | null} storage
 * @returns {{ url: string, attribution: string }}
 */
export function chooseTiles(config, search, storage) {
  const asked = new URLSearchParams(search).get('tiles');
  if (asked !== null && storage) storage.setItem(TILE_KEY, asked);
  const chosen = asked ?? storage?.getItem(TILE_KEY) ?? null;
  if (chosen === null || chosen === '') return { url: config.tileUrl, attribution: config.tileAttribution };
  if (chosen === 'none') return { url: '', attribution: '' };
  // Only http(s) templates: a crafted link must not point the map at javascript: or data: URLs.
  if (!/^https?:\/\//.test(chosen) && !chosen.startsWith('/')) return { url: config.tileUrl, attribution: config.tileAttribution };
  return { url: chosen, attribution: '' };
}

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
  const bounds = group.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
}
