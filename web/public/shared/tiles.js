/**
 * Which background tiles a page uses. Pure, so it is unit-tested without a browser.
 */

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
