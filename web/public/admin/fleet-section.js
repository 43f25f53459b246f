/**
 * Fleet and places: vehicle types, vehicles, depots, and disposal facilities with their opening
 * hours per weekday. A facility's opening hours are edited per weekday (empty: closed) and saved
 * with the ETag read, grouped back into the API's { days, open, close } ranges.
 */
import { describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import { FRACTION_LABELS, duration } from '../shared/format.js';
import { WEEKDAYS } from './labels.js';
import { isStale, readAll, readRecord, writeRecord } from './records.js';

/** @param {string[]} fractions */
const fractionList = (fractions) => fractions.map((f) => FRACTION_LABELS[f] ?? f).join(', ');

/** @param {string[]} headers @param {Array<Array<Node | string>>} rows @param {string} [empty] */
function table(headers, rows, empty = 'Nog niets vastgelegd.') {
  return h(
    'table',
    { className: 'data' },
    h('thead', null, h('tr', null, headers.map((t) => h('th', null, t)))),
    h('tbody', null, rows.length ? rows.map((cells) => h('tr', null, cells.map((c) => (c instanceof HTMLElement && c.tagName === 'TD' ? c : h('td', null, c))))) : h('tr', null, h('td', { colspan: headers.length, className: 'muted' }, empty))),
  );
}

/**
 * Per weekday the hours a facility is open; a weekday in no range is closed. An empty list means
 * always open.
 * @param {{ days: number[], open: string, close: string }[]} ranges
 * @returns {Map<number, { open: string, close: string }>}
 */
export function hoursByWeekday(ranges) {
  const byDay = new Map();
  for (const r of ranges) for (const d of r.days) byDay.set(d, { open: r.open.slice(0, 5), close: r.close.slice(0, 5) });
  return byDay;
}

/**
 * Weekday hours back into ranges: weekdays with the same hours share one range.
 * @param {Map<number, { open: string, close: string }>} byDay
 */
export function rangesOf(byDay) {
  /** @type {Map<string, { days: number[], open: string, close: string }>} */
  const ranges = new Map();
  for (const { day } of WEEKDAYS) {
    const hours = byDay.get(day);
    if (!hours) continue;
    const key = `${hours.open}-${hours.close}`;
    const range = ranges.get(key) ?? { days: [], open: hours.open, close: hours.close };
    range.days.push(day);
    ranges.set(key, range);
  }
  return [...ranges.values()];
}

/** @param {{ days: number[], open: string, close: string }[]} ranges */
function hoursCells(ranges) {
  const byDay = hoursByWeekday(ranges);
  return WEEKDAYS.map(({ day }) => {
    if (!ranges.length) return 'altijd';
    const hours = byDay.get(day);
    return hours ? `${hours.open}–${hours.close}` : 'dicht';
  });
}

/**
 * @param {{ api: import('../shared/api-client.js').Api, onError: (err: unknown) => void, onStatus: (text: string) => void }} deps
 */
export function createFleetSection({ api, onError, onStatus }) {
  /** @param {any} facility @param {HTMLElement} cell where the form goes */
  async function editHours(facility, cell) {
    const path = `/v1/facilities/${encodeURIComponent(facility.id)}`;
    let { record, etag } = await readRecord(api, path);
    const byDay = hoursByWeekday(record.openingHours);
    const inputs = WEEKDAYS.map(({ day, name }) => {
      const hours = record.openingHours.length ? byDay.get(day) : { open: '00:00', close: '23:59' };
      return {
        day,
        open: /** @type {HTMLInputElement} */ (h('input', { type: 'time', value: hours?.open ?? '', 'aria-label': `${name} open` })),
        close: /** @type {HTMLInputElement} */ (h('input', { type: 'time', value: hours?.close ?? '', 'aria-label': `${name} dicht` })),
      };
    });
    const message = h('span', { role: 'status' });
    const form = h(
      'form',
      { className: 'hours-form', dataset: { facility: facility.id } },
      h('table', null, h('tbody', null, inputs.map((i) => h('tr', null, h('td', null, WEEKDAYS[i.day - 1].name), h('td', null, i.open), h('td', null, i.close))))),
      h('p', { className: 'muted' }, 'Laat beide tijden leeg voor een gesloten dag.'),
      h('div', { className: 'actions' }, h('button', { type: 'submit' }, 'Openingstijden opslaan'), message),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const hours = new Map();
      for (const i of inputs) if (i.open.value && i.close.value) hours.set(i.day, { open: i.open.value, close: i.close.value });
      const { version: _v, updatedAt: _u, ...body } = record;
      try {
        ({ record, etag } = await writeRecord(api, path, { method: 'PUT', body: { ...body, openingHours: rangesOf(hours) }, etag }));
        onStatus(`Openingstijden van ${record.name} opgeslagen`);
        await load();
      } catch (err) {
        message.className = 'error';
        message.textContent = isStale(err) ? 'Iemand anders heeft deze locatie intussen gewijzigd: open hem opnieuw.' : describeError(err);
      }
    });
    replaceChildren(cell, form);
  }

  async function load() {
    const [types, vehicles, depots, facilities] = await Promise.all([
      readAll(api, '/v1/vehicle-types'),
      readAll(api, '/v1/vehicles'),
      readAll(api, '/v1/depots'),
      readAll(api, '/v1/facilities'),
    ]);
    replaceChildren(
      byId('vehicle-types'),
      table(
        ['Id', 'Naam', 'Capaciteit', 'Compactie', 'Fracties', 'Compartimenten', 'Kosten (vast / km / uur)'],
        types.map((/** @type {any} */ t) => [
          t.id, t.name, `${t.capacityKg} kg · ${t.capacityM3} m³`, `×${t.compactionFactor}`, fractionList(t.fractions),
          t.compartments.length ? t.compartments.map((/** @type {any} */ c) => `${fractionList(c.fractions)} ${c.capacityM3} m³`).join('; ') : '–',
          `${t.fixedCost} / ${t.costPerKm} / ${t.costPerHour}`,
        ]),
      ),
    );
    replaceChildren(
      byId('vehicles'),
      table(
        ['Id', 'Naam', 'Type', 'Depot', 'Dienst', 'Actief'],
        vehicles.map((/** @type {any} */ v) => [v.id, v.name, v.type?.name ?? v.vehicleTypeId, v.depotId, `${v.shiftStart.slice(0, 5)}–${v.shiftEnd.slice(0, 5)}`, v.active ? 'ja' : 'nee']),
      ),
    );
    replaceChildren(
      byId('depots'),
      table(['Id', 'Naam', 'Adres', 'Ligging'], depots.map((/** @type {any} */ d) => [d.id, d.name, d.address ?? '', `${d.location[1].toFixed(5)}, ${d.location[0].toFixed(5)}`])),
    );
    replaceChildren(
      byId('facilities'),
      table(
        ['Id', 'Naam', 'Fracties', 'Lostijd', ...WEEKDAYS.map((d) => d.short), ''],
        facilities.map((/** @type {any} */ f) => {
          const cell = h('td', null);
          cell.append(h('button', { type: 'button', className: 'secondary', onclick: () => editHours(f, cell).catch(onError) }, 'Openingstijden'));
          return [f.id, f.name, fractionList(f.fractions), duration(f.unloadingTimeS), ...hoursCells(f.openingHours), cell];
        }),
      ),
    );
    onStatus(`${types.length} wagentypen · ${vehicles.length} wagens · ${depots.length} depots · ${facilities.length} locaties`);
  }

  return { show: load };
}
