/**
 * The dispatcher console: sign in with a bearer token, then the map of containers by fill level,
 * the open alerts, the plans with live progress, and one plan in detail.
 */
import { createApi } from '../shared/api-client.js';
import { byId } from '../shared/dom.js';
import { chooseTiles, createMap, fitTo, loadWebConfig } from '../shared/map.js';
import { readToken } from '../shared/session.js';
import { setUpSignIn, statusLine } from '../shared/sign-in.js';
import { createAlertsPanel } from './alerts-panel.js';
import { createContainersLayer, fetchContainerFeatures } from './containers-layer.js';
import { createMoveStop } from './move-stop.js';
import { createPlanView } from './plan-view.js';
import { createPlansPanel } from './plans-panel.js';
import { createVehiclesLayer } from './vehicles-layer.js';

const REFRESH_MS = 60_000;

const api = createApi({ getToken: readToken });
const status = statusLine((err) => signIn.isUnauthorized(err));
const showError = status.error;

let started = false;

async function startConsole() {
  if (started) return;
  started = true;

  const tiles = chooseTiles(await loadWebConfig(), window.location.search, localStorage);
  const map = createMap(byId('map'), tiles);
  const containers = createContainersLayer(map, api);
  const vehicles = createVehiclesLayer(map);
  const alerts = createAlertsPanel({ api, onFocusContainer: (id) => containers.focus(id), onError: showError });
  let vehicleIds = /** @type {string[]} */ ([]);
  // Shown at once with the new order; when the worker is drawing the changed routes on the road,
  // the plan's events are followed and the plan is shown again with the roads.
  const moveStop = createMoveStop({
    api,
    onApplied: (planId, geometryPending) => {
      void planView.show(planId).then(() => geometryPending && plans.follow(planId));
    },
  });
  const planView = createPlanView({
    api,
    map,
    onError: showError,
    onStatusChanged: () => void plans.refresh().catch(showError),
    onMove: (plan, stop) => {
      const ids = Array.isArray(plan.params?.vehicleIds) ? plan.params.vehicleIds : vehicleIds;
      moveStop.open(plan, stop, ids.length ? ids : plan.routes.map((/** @type {any} */ r) => r.vehicleId));
    },
    onFollow: (planId) => void plans.follow(planId),
    onFocusContainer: (id) => containers.focus(id),
  });
  const plans = createPlansPanel({ api, onSelect: (id) => void planView.show(id), onError: showError });

  async function refreshContainers(fit = false) {
    const features = await fetchContainerFeatures(api);
    containers.show(features);
    if (fit) fitTo(map, containers.group);
    status.show(`${features.length} containers · bijgewerkt ${new Date().toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' })}`);
  }

  async function refreshVehicles() {
    const page = await api.request('/v1/vehicles?pageSize=500');
    vehicleIds = page.items.filter((/** @type {any} */ v) => v.active).map((/** @type {any} */ v) => v.id);
    vehicles.show(page.items);
  }

  await Promise.all([
    refreshContainers(true).catch(showError),
    alerts.refresh().catch(showError),
    plans.refresh().catch(showError),
    refreshVehicles().catch(showError),
  ]);
  document.body.dataset.ready = 'true';
  setInterval(() => {
    if (!readToken()) return;
    refreshContainers().catch(showError);
    refreshVehicles().catch(showError);
    alerts.refresh().catch(showError);
  }, REFRESH_MS);
}

// A dispatcher's token may list plans; a driver's may not.
const signIn = setUpSignIn({ api, probePath: '/v1/plans?pageSize=1', page: byId('console'), onSignedIn: startConsole });
