/**
 * The driver's tablet: today's route of the signed-in vehicle, and stop events that are stored on
 * the tablet first and sent when the network allows (replayed safely by client event id). The last
 * route fetched is kept too, so a reload in a dead zone still shows the day's work.
 */
import { ApiError, NetworkError, createApi, describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import { dateTime, localDate } from '../shared/format.js';
import { chooseTiles, createMap, loadWebConfig } from '../shared/map.js';
import { clearToken, readToken, saveToken } from '../shared/session.js';
import { createEventQueue, effectiveStopStatus } from './event-queue.js';
import { createRouteMap } from './route-map.js';
import { createStopList, isDone } from './stop-list.js';
import { syncStatus } from './sync-status.js';

const ROUTE_KEY = 'afvalroute.driver.route';
const RETRY_MS = 15_000;
const REFRESH_MS = 120_000;

const api = createApi({ getToken: readToken });
let route = /** @type {any} */ (null);
let serverUnreachable = false;
let shownCurrent = /** @type {string | null} */ (null);

/**
 * Sends one queued event and says what the queue should do with it.
 * @param {import('./event-queue.js').QueuedEvent} event
 * @returns {Promise<{ outcome: import('./event-queue.js').SendOutcome, reason?: string, result?: unknown }>}
 */
async function send(event) {
  const { stopId, clientEventId, kind, time, observedFill, reasonCode, note } = event;
  try {
    const result = await api.request(`/v1/driver/stops/${stopId}/events`, { body: { clientEventId, kind, time, observedFill, reasonCode, note } });
    serverUnreachable = false;
    return { outcome: 'delivered', result };
  } catch (err) {
    if (err instanceof NetworkError) {
      serverUnreachable = navigator.onLine;
      return { outcome: 'retry-later' };
    }
    // 401: the token must be renewed, the event itself is fine: keep it and ask for a new token.
    if (err instanceof ApiError && err.status === 401) {
      setTimeout(() => signOut('Dit token is niet (meer) geldig. Meld u opnieuw aan; de wachtende gebeurtenissen worden daarna verstuurd.'));
      return { outcome: 'retry-later' };
    }
    // 408/429/5xx: try again later.
    if (err instanceof ApiError && (err.status === 408 || err.status === 429 || err.status >= 500)) return { outcome: 'retry-later' };
    return { outcome: 'rejected', reason: describeError(err) };
  }
}

const queue = createEventQueue({
  storage: localStorage,
  send,
  onDelivered(event, result) {
    const stop = route?.stops.find((/** @type {any} */ s) => s.id === event.stopId);
    const status = /** @type {any} */ (result)?.stopStatus;
    if (stop && status) {
      stop.status = status;
      saveRoute();
    }
  },
});

function saveRoute() {
  if (route) localStorage.setItem(ROUTE_KEY, JSON.stringify(route));
}

function cachedRoute() {
  try {
    const r = JSON.parse(localStorage.getItem(ROUTE_KEY) ?? 'null');
    return r && r.date === localDate() ? r : null;
  } catch {
    return null;
  }
}

function renderSync() {
  const s = syncStatus({ online: navigator.onLine, pending: queue.pending().length, serverUnreachable });
  const el = byId('sync-status');
  el.textContent = s.text;
  el.className = `sync ${s.level}`;
  el.dataset.pending = String(queue.pending().length);
  const rejected = queue.rejected();
  const box = byId('rejected');
  box.hidden = rejected.length === 0;
  if (rejected.length) {
    replaceChildren(box,
      h('strong', null, `${rejected.length === 1 ? '1 gebeurtenis is' : `${rejected.length} gebeurtenissen zijn`} geweigerd door de server:`),
      h('ul', null, ...rejected.map((r) => h('li', null, `${r.event.kind} · ${dateTime(r.event.time)}: ${r.reason}`))),
      h('button', { type: 'button', className: 'secondary', onclick: () => queue.clearRejected() }, 'Gezien'));
  }
}

/** @param {string} text */
function showMessage(text) {
  const el = byId('route-message');
  el.textContent = text;
  el.hidden = !text;
}

let map = /** @type {import('leaflet').Map | null} */ (null);
let routeMap = /** @type {ReturnType<typeof createRouteMap> | null} */ (null);
const stopList = createStopList({
  list: byId('stop-list'),
  onEvent(stopId, input) {
    queue.enqueue(stopId, input);
    void flush();
  },
});

function render() {
  renderSync();
  if (!route) {
    replaceChildren(byId('stop-list'));
    return;
  }
  const pending = queue.pending();
  const jobs = route.stops.filter((/** @type {any} */ s) => s.kind === 'job');
  const done = jobs.filter((/** @type {any} */ s) => isDone(s, effectiveStopStatus(s.status, pending.filter((e) => e.stopId === s.id)))).length;
  byId('route-title').textContent = `Route ${route.vehicleId} · ${route.date} · ${done}/${jobs.length} containers`;
  const current = stopList.render(route, pending);
  if (current && current !== shownCurrent) {
    document.querySelector(`li[data-stop-id="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }
  shownCurrent = current;
  const statusOf = (/** @type {any} */ s) => effectiveStopStatus(s.status, pending.filter((e) => e.stopId === s.id));
  routeMap?.draw(route, statusOf, current);
  if (!current && route.stops.some((/** @type {any} */ s) => s.kind === 'job')) showMessage('Alle containers van vandaag zijn gedaan. Rijd terug naar het depot.');
}

async function loadRoute() {
  try {
    route = await api.request('/v1/driver/route?lang=nl');
    serverUnreachable = false;
    saveRoute();
    showMessage('');
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      route = null;
      localStorage.removeItem(ROUTE_KEY);
      showMessage('Er is vandaag (nog) geen verstuurde route voor deze wagen.');
    } else if (err instanceof ApiError && err.status === 401) {
      signOut('Dit token is onbekend of ingetrokken. Meld u opnieuw aan.');
      return;
    } else if (err instanceof ApiError && err.status === 403) {
      signOut('Dit token hoort niet bij een chauffeur.');
      return;
    } else {
      route ??= cachedRoute();
      serverUnreachable = err instanceof NetworkError && navigator.onLine;
      showMessage(route ? 'Geen verbinding: de route komt uit het geheugen van de tablet.' : `Route niet geladen: ${describeError(err)}`);
    }
  }
  render();
}

/** Delivery attempts finished so far, on body[data-flushes]: what a test (or a support call) watches. */
let flushes = 0;

/** @param {{ reload?: boolean }} [opts] reload: ask for the route even when nothing was sent */
async function flush({ reload = false } = {}) {
  render();
  const { delivered } = await queue.flush();
  document.body.dataset.flushes = String(++flushes);
  // After replays, or back online, ask for the server's view (the dispatcher may have re-planned).
  if ((delivered || reload) && !queue.pending().length) await loadRoute();
  else render();
}

/** @param {string} [message] */
function signOut(message) {
  clearToken();
  byId('driver').hidden = true;
  byId('sign-out').hidden = true;
  byId('sign-in').hidden = false;
  byId('sign-in-error').textContent = message ?? '';
}

let started = false;
async function start() {
  byId('sign-in').hidden = true;
  byId('driver').hidden = false;
  byId('sign-out').hidden = false;
  if (!started) {
    started = true;
    const tiles = chooseTiles(await loadWebConfig(), window.location.search, localStorage);
    map = createMap(byId('map'), tiles);
    routeMap = createRouteMap(map);
    queue.subscribe(renderSync);
    window.addEventListener('online', () => void flush({ reload: true }));
    window.addEventListener('offline', renderSync);
    setInterval(() => {
      if (queue.pending().length && navigator.onLine) void flush();
    }, RETRY_MS);
    setInterval(() => {
      if (navigator.onLine && !queue.pending().length) void loadRoute();
    }, REFRESH_MS);
  }
  route = cachedRoute();
  render();
  await loadRoute();
  document.body.dataset.ready = 'true';
  if (queue.pending().length) await flush();
}

byId('sign-in-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = /** @type {HTMLInputElement} */ (byId('token-input'));
  saveToken(input.value);
  input.value = '';
  void start();
});
byId('sign-out').addEventListener('click', () => {
  const waiting = queue.pending().length;
  if (waiting && !window.confirm(`Er ${waiting === 1 ? 'wacht nog 1 gebeurtenis' : `wachten nog ${waiting} gebeurtenissen`} op verzending. Toch afmelden?`)) return;
  // the next person on this tablet must not see this route
  localStorage.removeItem(ROUTE_KEY);
  route = null;
  render();
  signOut();
});

// Keeps the page's files for a reload without network (https and localhost only).
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register(new URL('../sw.js', import.meta.url), { scope: new URL('../', import.meta.url).pathname }).catch(() => {});
}

if (readToken()) void start();
else signOut();
