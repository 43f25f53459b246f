/**
 * Sensors with the container each is bound to (and since when), their binding history and a
 * rebind (a sensor moved to another container from a moment on, so its history stays right);
 * the devices seen but registered nowhere, each with one action to register and bind it; and the
 * network-server integrations with the state the ingester reports.
 */
import { describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import { dateTime, percent } from '../shared/format.js';
import { INTEGRATION_KIND_LABELS, INTEGRATION_STATUS_LABELS } from './labels.js';
import { allowedValues, readAll } from './records.js';

const BIND_PATH = '/v1/unknown-devices/{deviceId}/bind';

/** A datetime-local value (the browser's time) as an ISO instant; empty: now (undefined). @param {string} value */
const instant = (value) => (value ? new Date(value).toISOString() : undefined);

/**
 * Sends a form's fields; a refusal is shown in the form's last element (the API names the field).
 * @param {HTMLElement} form @param {(data: FormData) => Promise<void>} send
 */
function onSubmit(form, send) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await send(new FormData(/** @type {HTMLFormElement} */ (form)));
    } catch (err) {
      /** @type {HTMLElement} */ (form.lastElementChild).textContent = describeError(err);
    }
  });
}

/**
 * @param {{ api: import('../shared/api-client.js').Api, onError: (err: unknown) => void, onStatus: (text: string) => void }} deps
 */
export function createSensorsSection({ api, onError, onStatus }) {
  const sensorRows = byId('sensor-rows');
  const unknownRows = byId('unknown-rows');
  const bindings = byId('sensor-bindings');
  /** device models the API accepts, from its OpenAPI document */
  let models = /** @type {string[]} */ ([]);
  /** container ids for the pickers */
  const containerList = h('datalist', { id: 'container-ids' });
  document.body.append(containerList);

  async function loadChoices() {
    if (models.length) return;
    const [openapi, containers] = await Promise.all([api.request('/v1/openapi.json'), api.request('/v1/containers?pageSize=1000')]);
    models = allowedValues(openapi, BIND_PATH, 'model');
    replaceChildren(containerList, containers.items.map((/** @type {any} */ c) => h('option', { value: c.id }, c.address ?? '')));
  }

  const containerInput = () => h('input', { name: 'containerId', list: 'container-ids', required: true, size: 10, 'aria-label': 'Container' });

  /** @param {any} sensor */
  async function showBindings(sensor) {
    const { items } = await api.request(`/v1/sensors/${encodeURIComponent(sensor.id)}/bindings`);
    const form = h(
      'form',
      { className: 'bind-form', dataset: { sensor: sensor.id } },
      h('label', null, 'Naar container', containerInput()),
      h('label', null, 'Vanaf (leeg: nu)', h('input', { name: 'validFrom', type: 'datetime-local' })),
      h('button', { type: 'submit' }, 'Verplaatsen'),
      h('span', { className: 'error', role: 'alert' }),
    );
    onSubmit(form, async (data) => {
      const outcome = await api.request(`/v1/sensors/${encodeURIComponent(sensor.id)}/bindings`, {
        method: 'POST',
        headers: { 'If-Match': `"${sensor.version}"` },
        body: { containerId: String(data.get('containerId')), validFrom: instant(String(data.get('validFrom') ?? '')) },
      });
      onStatus(`Sensor ${sensor.id} gekoppeld aan ${outcome.sensor.containerId}${outcome.readingsMoved ? ` (${outcome.readingsMoved} metingen verplaatst)` : ''}`);
      await load();
      await showBindings(outcome.sensor);
    });
    replaceChildren(
      bindings,
      h('h3', null, `Koppelingen van ${sensor.id}`),
      h(
        'table',
        null,
        h('thead', null, h('tr', null, h('th', null, 'Container'), h('th', null, 'Van'), h('th', null, 'Tot'))),
        h('tbody', null, items.map((/** @type {any} */ b) => h('tr', null, h('td', null, b.containerId), h('td', null, b.validFrom ? dateTime(b.validFrom) : 'altijd'), h('td', null, b.validTo ? dateTime(b.validTo) : 'nu')))),
      ),
      form,
    );
    bindings.hidden = false;
  }

  /** @param {any} device */
  function bindForm(device) {
    const form = h(
      'form',
      { className: 'bind-form', dataset: { device: device.deviceId } },
      h('label', null, 'Container', containerInput()),
      h('label', null, 'Model', h('select', { name: 'model' }, models.map((m) => h('option', { value: m }, m)))),
      h('label', null, 'Afstand leeg (mm)', h('input', { name: 'emptyDistanceMm', type: 'number', min: 1, value: 1600, required: true })),
      h('label', null, 'Afstand vol (mm)', h('input', { name: 'fullDistanceMm', type: 'number', min: 0, value: 300, required: true })),
      h('button', { type: 'submit' }, 'Koppelen'),
      h('span', { className: 'error', role: 'alert' }),
    );
    onSubmit(form, async (data) => {
      const sensor = await api.request(`/v1/unknown-devices/${encodeURIComponent(device.deviceId)}/bind`, {
        method: 'POST',
        body: {
          containerId: String(data.get('containerId')),
          model: String(data.get('model')),
          emptyDistanceMm: Number(data.get('emptyDistanceMm')),
          fullDistanceMm: Number(data.get('fullDistanceMm')),
        },
      });
      onStatus(`Apparaat ${sensor.id} is nu een sensor van container ${sensor.containerId}`);
      await load();
    });
    return form;
  }

  async function load() {
    await loadChoices();
    const [sensors, unknown, integrations] = await Promise.all([readAll(api, '/v1/sensors'), readAll(api, '/v1/unknown-devices'), api.request('/v1/integrations')]);
    replaceChildren(
      sensorRows,
      sensors.map((/** @type {any} */ s) =>
        h(
          'tr',
          { dataset: { sensor: s.id } },
          h('td', null, s.id),
          h('td', null, s.model),
          h('td', { className: 'container' }, s.containerId ?? 'niet gekoppeld'),
          h('td', null, s.boundSince ? dateTime(s.boundSince) : s.containerId ? 'altijd' : '–'),
          h('td', null, dateTime(s.lastSeenAt)),
          h('td', null, s.batteryPct === null ? '–' : `${Math.round(s.batteryPct)}%`),
          h('td', null, h('button', { type: 'button', className: 'secondary', onclick: () => showBindings(s).catch(onError) }, 'Koppelingen')),
        ),
      ),
    );
    byId('unknown-count').textContent = String(unknown.length);
    replaceChildren(
      unknownRows,
      unknown.length
        ? unknown.map((/** @type {any} */ d) => {
            const action = h('td', null);
            action.append(h('button', { type: 'button', onclick: () => replaceChildren(action, bindForm(d)) }, 'Koppelen aan container'));
            return h(
              'tr',
              { dataset: { device: d.deviceId } },
              h('td', null, d.deviceId),
              h('td', null, d.format),
              h('td', null, dateTime(d.firstSeenAt)),
              h('td', null, dateTime(d.lastSeenAt)),
              h('td', null, d.lastFillLevel === null ? (d.lastDistanceMm === null ? '–' : `${d.lastDistanceMm} mm`) : percent(d.lastFillLevel)),
              h('td', null, String(d.messages)),
              action,
            );
          })
        : h('tr', null, h('td', { colspan: 7, className: 'muted' }, 'Geen onbekende apparaten gezien.')),
    );
    replaceChildren(
      byId('integration-rows'),
      integrations.items.length
        ? integrations.items.map((/** @type {any} */ i) =>
            h(
              'tr',
              { dataset: { integration: i.id } },
              h('td', null, i.name, i.enabled ? '' : ' (uit)'),
              h('td', null, INTEGRATION_KIND_LABELS[i.kind] ?? i.kind),
              h('td', null, i.applicationId),
              h('td', null, h('span', { className: `badge ${i.state?.status === 'connected' ? 'ok' : i.state?.status === 'error' ? 'bad' : 'warn'}` }, INTEGRATION_STATUS_LABELS[i.state?.status] ?? 'Nog niet gestart')),
              h('td', null, dateTime(i.state?.lastMessageAt)),
              h('td', null, String(i.state?.messages ?? 0)),
              h('td', { className: i.state?.lastError ? 'error' : 'muted' }, i.state?.lastError ? `${i.state.lastError} (${dateTime(i.state.lastErrorAt)})` : '–'),
            ),
          )
        : h('tr', null, h('td', { colspan: 7, className: 'muted' }, 'Geen koppelingen: sensoren sturen naar de eigen broker van de installatie.')),
    );
    onStatus(`${sensors.length} sensoren · ${unknown.length} onbekende apparaten`);
  }

  return { show: load };
}
