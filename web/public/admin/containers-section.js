/**
 * Containers as a table and on a map, filtered by fraction and status, a page at a time, and an
 * edit form for one container's master data. The form keeps the ETag it read; when someone else
 * changed the container in between (412) it says so, shows the new values and takes them over,
 * so the user decides again instead of overwriting.
 */
import { describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import { FRACTION_LABELS, fillColor, percent } from '../shared/format.js';
import { L, chooseTiles, createMap, fitTo, loadWebConfig } from '../shared/map.js';
import { CONTAINER_STATUS_LABELS, CONTAINER_TYPE_LABELS } from './labels.js';
import { isStale, readRecord, writeRecord } from './records.js';

const PAGE_SIZE = 50;

/**
 * The editable fields: [name in the record, label, input kind, choices].
 * @type {[string, string, 'text' | 'number' | 'select' | 'checkbox', Record<string, string>?][]}
 */
const FIELDS = [
  ['address', 'Adres', 'text'],
  ['fraction', 'Fractie', 'select', FRACTION_LABELS],
  ['volumeM3', 'Volume (m³)', 'number'],
  ['type', 'Soort', 'select', CONTAINER_TYPE_LABELS],
  ['containerType', 'Containertype', 'text'],
  ['lon', 'Lengtegraad', 'number'],
  ['lat', 'Breedtegraad', 'number'],
  ['serviceTimeS', 'Ledigingstijd (s)', 'number'],
  ['active', 'In gebruik (wordt gepland)', 'checkbox'],
];

/** @param {any} record @param {string} name */
const valueOf = (record, name) => (name === 'lon' ? record.location[0] : name === 'lat' ? record.location[1] : record[name]);

/** @param {string} name @param {unknown} value */
function shown(name, value) {
  if (value === null || value === undefined || value === '') return '–';
  if (name === 'fraction') return FRACTION_LABELS[String(value)] ?? String(value);
  if (name === 'type') return CONTAINER_TYPE_LABELS[String(value)] ?? String(value);
  if (name === 'active') return value ? 'ja' : 'nee';
  return String(value);
}

/**
 * @param {{ api: import('../shared/api-client.js').Api, onError: (err: unknown) => void, onStatus: (text: string) => void }} deps
 */
export function createContainersSection({ api, onError, onStatus }) {
  const rows = byId('container-rows');
  const form = /** @type {HTMLFormElement} */ (byId('container-form'));
  const fraction = /** @type {HTMLSelectElement} */ (byId('filter-fraction'));
  const status = /** @type {HTMLSelectElement} */ (byId('filter-status'));
  for (const [code, label] of Object.entries(FRACTION_LABELS)) fraction.append(h('option', { value: code }, label));
  for (const [code, label] of Object.entries(CONTAINER_STATUS_LABELS)) status.append(h('option', { value: code }, label));

  let page = 1;
  let total = 0;
  /** @type {import('leaflet').Map | null} */
  let map = null;
  /** @type {import('leaflet').FeatureGroup | null} */
  let markers = null;
  /** the container in the form: its id and the ETag read */
  let editing = /** @type {{ id: string, etag: string } | null} */ (null);

  /** @type {Record<string, HTMLInputElement | HTMLSelectElement>} */
  const inputs = {};
  replaceChildren(
    byId('container-fields'),
    FIELDS.map(([name, label, kind, choices]) => {
      const input =
        kind === 'select'
          ? h('select', { name }, Object.entries(choices ?? {}).map(([code, text]) => h('option', { value: code }, text)))
          : h('input', { name, type: kind, step: kind === 'number' ? 'any' : undefined });
      inputs[name] = /** @type {HTMLInputElement} */ (input);
      return h('label', { className: kind === 'checkbox' ? 'inline' : undefined }, kind === 'checkbox' ? [input, label] : [label, input]);
    }),
  );

  /** @param {any} record */
  function fill(record) {
    for (const [name, , kind] of FIELDS) {
      const input = inputs[name];
      const value = valueOf(record, name);
      if (kind === 'checkbox') /** @type {HTMLInputElement} */ (input).checked = Boolean(value);
      else input.value = value === null || value === undefined ? '' : String(value);
    }
  }

  function formBody() {
    /** @type {Record<string, unknown>} */
    const body = {};
    for (const [name, , kind] of FIELDS) {
      const input = inputs[name];
      if (kind === 'checkbox') body[name] = /** @type {HTMLInputElement} */ (input).checked;
      else if (kind === 'number') body[name] = input.value === '' ? undefined : Number(input.value);
      else body[name] = input.value === '' ? null : input.value;
    }
    const { lon, lat, ...rest } = body;
    return { ...rest, location: [lon, lat] };
  }

  /** @param {string} id */
  async function edit(id) {
    const { record, etag } = await readRecord(api, `/v1/containers/${encodeURIComponent(id)}/record`);
    editing = { id, etag };
    byId('container-form-id').textContent = id;
    byId('container-conflict').textContent = '';
    byId('container-form-result').textContent = record.farFromRoad ? 'Let op: meer dan 200 m van de weg.' : '';
    fill(record);
    form.hidden = false;
    for (const tr of rows.querySelectorAll('tr')) tr.classList.toggle('selected', /** @type {HTMLElement} */ (tr).dataset.id === id);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!editing) return;
    const path = `/v1/containers/${encodeURIComponent(editing.id)}`;
    const mine = formBody();
    try {
      const saved = await writeRecord(api, path, { method: 'PUT', body: mine, etag: editing.etag });
      editing.etag = saved.etag;
      fill(saved.record);
      byId('container-conflict').textContent = '';
      byId('container-form-result').textContent = `Opgeslagen (versie ${saved.record.version}).`;
      await load();
    } catch (err) {
      if (!isStale(err)) {
        byId('container-form-result').textContent = '';
        byId('container-conflict').textContent = describeError(err);
        return;
      }
      // Someone else saved first: show what they saved, and take it over with its ETag.
      const now = await readRecord(api, `${path}/record`);
      const differs = FIELDS.filter(([name]) => shown(name, valueOf(now.record, name)) !== shown(name, valueOf(mine, name)));
      editing.etag = now.etag;
      fill(now.record);
      const conflict = byId('container-conflict');
      replaceChildren(
        conflict,
        'Iemand anders heeft deze container intussen gewijzigd. Hieronder staan nu de nieuwe waarden; pas ze zo nodig opnieuw aan en sla op.',
        h('ul', { className: 'conflict-values' }, differs.map(([name, label]) => h('li', { dataset: { field: name } }, `${label}: nu ${shown(name, valueOf(now.record, name))}`))),
      );
      byId('container-form-result').textContent = '';
    }
  });
  byId('container-form-close').addEventListener('click', () => {
    form.hidden = true;
    editing = null;
  });

  async function ensureMap() {
    if (map) return;
    map = createMap(byId('container-map'), chooseTiles(await loadWebConfig(), window.location.search, localStorage));
    markers = L.featureGroup().addTo(map);
  }

  async function load() {
    await ensureMap();
    const q = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    if (fraction.value) q.set('fraction', fraction.value);
    if (status.value) q.set('status', status.value);
    const fc = await api.request(`/v1/containers?${q}`, { accept: 'application/geo+json' });
    total = fc.numberMatched ?? fc.features.length;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    replaceChildren(
      rows,
      fc.features.map((/** @type {any} */ f) => {
        const p = f.properties;
        return h(
          'tr',
          { dataset: { id: p.id }, className: editing?.id === p.id ? 'selected' : undefined },
          h('td', null, p.id),
          h('td', null, p.address ?? ''),
          h('td', null, FRACTION_LABELS[p.fraction] ?? p.fraction),
          h('td', null, `${p.volumeM3} m³`),
          h('td', null, percent(p.fillLevel)),
          h('td', null, CONTAINER_STATUS_LABELS[p.status] ?? p.status, p.active ? '' : ' · buiten gebruik'),
          h('td', null, h('button', { type: 'button', className: 'secondary', onclick: () => edit(p.id).catch(onError) }, 'Bewerken')),
        );
      }),
    );
    byId('container-page').textContent = `pagina ${page} van ${pages} · ${total} containers`;
    /** @type {HTMLButtonElement} */ (byId('container-prev')).disabled = page <= 1;
    /** @type {HTMLButtonElement} */ (byId('container-next')).disabled = page >= pages;
    const group = /** @type {import('leaflet').FeatureGroup} */ (markers);
    group.clearLayers();
    for (const f of fc.features) {
      const [lon, lat] = f.geometry.coordinates;
      const color = fillColor(f.properties.fillLevel);
      L.circleMarker([lat, lon], { radius: 7, color: '#222', weight: 1, fillColor: color, fillOpacity: 0.9, className: 'admin-container-marker' })
        .bindTooltip(h('span', null, `${f.properties.id} · ${f.properties.address ?? ''}`))
        .on('click', () => edit(f.properties.id).catch(onError))
        .addTo(group);
    }
    fitTo(/** @type {import('leaflet').Map} */ (map), group);
    onStatus(`${total} containers`);
  }

  byId('container-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    page = 1;
    load().catch(onError);
  });
  byId('container-prev').addEventListener('click', () => {
    page = Math.max(1, page - 1);
    load().catch(onError);
  });
  byId('container-next').addEventListener('click', () => {
    page += 1;
    load().catch(onError);
  });

  return { show: load };
}
