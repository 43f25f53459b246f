/**
 * The admin page ("Beheer") for bringing a municipality's own city in: containers (table, map,
 * edit with If-Match), import with a dry run first, sensors with their bindings and the unknown
 * devices, fleet and places, and the tenant's thresholds and collection calendar. Same sign-in as
 * the planning page (a dispatcher's or admin's token); one section shown at a time (#hash).
 */
import { createApi } from '../shared/api-client.js';
import { byId } from '../shared/dom.js';
import { readToken } from '../shared/session.js';
import { setUpSignIn, statusLine } from '../shared/sign-in.js';
import { createContainersSection } from './containers-section.js';
import { createFleetSection } from './fleet-section.js';
import { createImportSection } from './import-section.js';
import { createSensorsSection } from './sensors-section.js';
import { createSettingsSection } from './settings-section.js';

const api = createApi({ getToken: readToken });
const status = statusLine((err) => signIn.isUnauthorized(err));
const showError = status.error;

/** @type {Record<string, { show: () => Promise<void> }>} */
let sections = {};

async function showSection() {
  const name = window.location.hash.slice(1) in sections ? window.location.hash.slice(1) : 'containers';
  for (const key of Object.keys(sections)) byId(`section-${key}`).hidden = key !== name;
  for (const tab of document.querySelectorAll('.tabs button')) tab.classList.toggle('active', /** @type {HTMLElement} */ (tab).dataset.section === name);
  document.body.dataset.section = name;
  document.body.dataset.ready = 'false';
  try {
    await sections[name].show();
  } catch (err) {
    showError(err);
  }
  document.body.dataset.ready = 'true';
}

async function startAdmin() {
  if (Object.keys(sections).length) return;
  const common = { api, onError: showError, onStatus: status.show };
  sections = {
    containers: createContainersSection(common),
    import: createImportSection(common),
    sensors: createSensorsSection(common),
    fleet: createFleetSection(common),
    settings: createSettingsSection(common),
  };
  // the section is in the address (#import …), so a reload or a shared link opens the same one
  for (const tab of document.querySelectorAll('.tabs button')) {
    tab.addEventListener('click', () => (window.location.hash = /** @type {HTMLElement} */ (tab).dataset.section ?? ''));
  }
  window.addEventListener('hashchange', () => void showSection());
  await showSection();
}

const signIn = setUpSignIn({ api, probePath: '/v1/sensors?pageSize=1', page: byId('admin'), onSignedIn: startAdmin });
