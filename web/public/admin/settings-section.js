/**
 * The tenant's settings the planner reads: fill thresholds (must / may) by default and per
 * fraction, and the collection calendar (weekdays per fraction, exceptions such as public
 * holidays). Both are parts of the tenant, so they share its ETag: saving one takes the new ETag
 * for the other, and a change by someone else in between is told, not overwritten.
 */
import { describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import { FRACTION_LABELS } from '../shared/format.js';
import { WEEKDAYS } from './labels.js';
import { isStale, readRecord, writeRecord } from './records.js';

const FRACTIONS = Object.keys(FRACTION_LABELS);
/** A fraction without its own weekdays is collected Monday to Friday (registry/collection-calendar.ts). */
const DEFAULT_WEEKDAYS = [1, 2, 3, 4, 5];
const STALE = 'Iemand anders heeft de instellingen intussen gewijzigd. De nieuwe waarden staan nu hier; pas ze zo nodig opnieuw aan en sla op.';

/** @param {number | undefined} fraction 0..2 → "80" */
const pct = (fraction) => (fraction === undefined ? '' : String(Math.round(fraction * 1000) / 10));

/**
 * @param {{ api: import('../shared/api-client.js').Api, onError: (err: unknown) => void, onStatus: (text: string) => void }} deps
 */
export function createSettingsSection({ api, onStatus }) {
  let etag = '';
  /** @type {any} */
  let thresholds = null;

  /**
   * A form that saves a part of the tenant: says so when saved, names what is wrong when refused,
   * and on a change by someone else shows the new values.
   * @param {string} formId @param {string} resultId @param {string} savedText @param {() => Promise<void>} save
   */
  function onSave(formId, resultId, savedText, save) {
    byId(formId).addEventListener('submit', async (e) => {
      e.preventDefault();
      const result = byId(resultId);
      try {
        await save();
        result.className = 'muted';
        result.textContent = savedText;
      } catch (err) {
        result.className = 'error';
        result.textContent = isStale(err) ? STALE : describeError(err);
        if (isStale(err)) await load(false);
      }
    });
  }

  // ---- thresholds
  /** @type {Record<string, { must: HTMLInputElement, may: HTMLInputElement }>} */
  const thresholdInputs = {};
  const percentInput = (/** @type {string} */ label) => /** @type {HTMLInputElement} */ (h('input', { type: 'number', min: 0, max: 200, step: 'any', 'aria-label': label }));
  replaceChildren(
    byId('threshold-rows'),
    ['default', ...FRACTIONS].map((f) => {
      const label = f === 'default' ? 'Standaard (alle fracties)' : FRACTION_LABELS[f];
      thresholdInputs[f] = { must: percentInput(`${label} moet`), may: percentInput(`${label} mag`) };
      return h('tr', { dataset: { fraction: f } }, h('td', null, label), h('td', null, thresholdInputs[f].must), h('td', null, thresholdInputs[f].may));
    }),
  );

  function showThresholds() {
    thresholdInputs.default.must.value = pct(thresholds.thresholds.mustFill);
    thresholdInputs.default.may.value = pct(thresholds.thresholds.mayFill);
    for (const f of FRACTIONS) {
      const own = thresholds.thresholdsByFraction[f];
      thresholdInputs[f].must.value = pct(own?.mustFill);
      thresholdInputs[f].may.value = pct(own?.mayFill);
    }
  }

  function thresholdsBody() {
    const fraction = (/** @type {HTMLInputElement} */ input) => Number(input.value) / 100;
    /** @type {Record<string, unknown>} */
    const byFraction = {};
    for (const f of FRACTIONS) {
      const { must, may } = thresholdInputs[f];
      if (must.value === '' && may.value === '') continue;
      // one of the two left empty: the default's value for it
      const own = { mustFill: must.value === '' ? fraction(thresholdInputs.default.must) : fraction(must), mayFill: may.value === '' ? fraction(thresholdInputs.default.may) : fraction(may) };
      const byContainerType = thresholds.thresholdsByFraction[f]?.byContainerType;
      byFraction[f] = byContainerType ? { ...own, byContainerType } : own;
    }
    return { thresholds: { mustFill: fraction(thresholdInputs.default.must), mayFill: fraction(thresholdInputs.default.may) }, thresholdsByFraction: byFraction };
  }

  onSave('thresholds-form', 'thresholds-result', 'Drempels opgeslagen.', async () => {
    ({ record: thresholds, etag } = await writeRecord(api, '/v1/tenant/thresholds', { method: 'PUT', body: thresholdsBody(), etag }));
    showThresholds();
  });

  // ---- calendar
  /** @type {Record<string, HTMLInputElement[]>} */
  const weekdayInputs = {};
  replaceChildren(byId('calendar-head'), h('tr', null, h('th', null, 'Fractie'), WEEKDAYS.map((d) => h('th', { className: 'weekday', title: d.name }, d.short))));
  replaceChildren(
    byId('calendar-rows'),
    FRACTIONS.map((f) => {
      weekdayInputs[f] = WEEKDAYS.map((d) => /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', value: d.day, 'aria-label': `${FRACTION_LABELS[f]} ${d.name}` })));
      return h('tr', { dataset: { fraction: f } }, h('td', null, FRACTION_LABELS[f]), weekdayInputs[f].map((i) => h('td', { className: 'weekday' }, i)));
    }),
  );
  const exceptionRows = byId('exception-rows');

  /** @param {{ date?: string, name?: string, collect?: boolean, fractions?: string[] }} [e] */
  function exceptionRow(e = {}) {
    const row = h(
      'tr',
      { className: 'exception' },
      h('td', null, h('input', { type: 'date', name: 'date', value: e.date ?? '', required: true, 'aria-label': 'Datum' })),
      h('td', null, h('input', { type: 'text', name: 'name', value: e.name ?? '', placeholder: 'bijv. Koningsdag', 'aria-label': 'Naam' })),
      h('td', null, h('select', { name: 'collect', 'aria-label': 'Inzameling' }, h('option', { value: 'false', selected: e.collect !== true }, 'geen inzameling'), h('option', { value: 'true', selected: e.collect === true }, 'extra inzameldag'))),
      h('td', null, FRACTIONS.map((f) => h('label', { className: 'inline' }, h('input', { type: 'checkbox', name: 'fraction', value: f, checked: e.fractions?.includes(f) }), FRACTION_LABELS[f]))),
      h('td', null, h('button', { type: 'button', className: 'secondary', onclick: () => row.remove() }, 'Verwijderen')),
    );
    return row;
  }
  byId('exception-add').addEventListener('click', () => exceptionRows.append(exceptionRow()));

  /** @param {any} calendar */
  function showCalendar(calendar) {
    for (const f of FRACTIONS) {
      const days = calendar.weekdays[f] ?? DEFAULT_WEEKDAYS;
      for (const input of weekdayInputs[f]) input.checked = days.includes(Number(input.value));
    }
    replaceChildren(exceptionRows, calendar.exceptions.map((/** @type {any} */ e) => exceptionRow(e)));
  }

  function calendarBody() {
    const weekdays = Object.fromEntries(FRACTIONS.map((f) => [f, weekdayInputs[f].filter((i) => i.checked).map((i) => Number(i.value))]));
    const exceptions = [...exceptionRows.querySelectorAll('tr.exception')].map((row) => {
      const field = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (row.querySelector(`[name=${name}]`)).value;
      const fractions = [...row.querySelectorAll('input[name=fraction]:checked')].map((i) => /** @type {HTMLInputElement} */ (i).value);
      return { date: field('date'), collect: field('collect') === 'true', ...(field('name') ? { name: field('name') } : {}), ...(fractions.length ? { fractions } : {}) };
    });
    return { weekdays, exceptions };
  }

  onSave('calendar-form', 'calendar-result', 'Kalender opgeslagen.', async () => {
    const saved = await writeRecord(api, '/v1/tenant/calendar', { method: 'PUT', body: calendarBody(), etag });
    etag = saved.etag;
    showCalendar(saved.record);
  });

  /** @param {boolean} [clearMessages] */
  async function load(clearMessages = true) {
    const [t, c] = await Promise.all([readRecord(api, '/v1/tenant/thresholds'), readRecord(api, '/v1/tenant/calendar')]);
    thresholds = t.record;
    etag = c.etag;
    showThresholds();
    showCalendar(c.record);
    if (clearMessages) {
      byId('thresholds-result').textContent = '';
      byId('calendar-result').textContent = '';
    }
    onStatus('Instellingen van de gemeente');
  }

  return { show: load };
}
