/**
 * Service worker of the pages: keeps the driver tablet's files so that a reload in a dead zone
 * still opens the page (the route and the outbox live in localStorage). Network first, so a new
 * version reaches the tablet whenever it is online; the cache only answers when the network does
 * not. API requests and map tiles are never cached here. Browsers run service workers only on
 * https or localhost; on a plain-http depot LAN the page works without one.
 */
const CACHE = 'afvalroute-web-v1';
const NETWORK_TIMEOUT_MS = 4000;
const SHELL = [
  'driver/',
  'driver/driver.css',
  'driver/main.js',
  'driver/event-queue.js',
  'driver/route-map.js',
  'driver/stop-list.js',
  'driver/sync-status.js',
  'shared/api-client.js',
  'shared/base.css',
  'shared/dom.js',
  'shared/format.js',
  'shared/map.js',
  'shared/session.js',
  'shared/sse.js',
  'shared/tiles.js',
  'vendor/leaflet/leaflet-src.esm.js',
  'vendor/leaflet/leaflet.css',
  'config.json',
];

self.addEventListener('install', (/** @type {any} */ event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (/** @type {any} */ event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('afvalroute-web-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (/** @type {any} */ event) => {
  const request = event.request;
  const url = new URL(request.url);
  const scope = new URL('./', self.location.href).pathname;
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith(scope)) return;
  event.respondWith(networkFirst(request));
});

/** @param {Request} request */
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw err;
  }
}

/** @template T @param {Promise<T>} promise @param {number} ms @returns {Promise<T>} */
function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('network timeout')), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}
