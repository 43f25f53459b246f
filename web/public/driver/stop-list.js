/**
 * The driver's ordered stops as large cards: the next open stop highlighted with its directions,
 * and per container the three actions (arrived, emptied with the fill seen, skipped with a reason).
 */
import { h, replaceChildren } from '../shared/dom.js';
import { FRACTION_LABELS, SKIP_REASONS, STOP_KIND_LABELS, STOP_STATUS_LABELS, clockTime, percent } from '../shared/format.js';
import { effectiveStopStatus } from './event-queue.js';

/** Fill levels a driver can tap when emptying (fractions); "unknown" sends none. */
const FILL_CHOICES = [0.25, 0.5, 0.75, 1, 1.25];

/**
 * Whether the driver is done with a stop (as far as the tablet knows).
 * @param {{ kind: string }} stop @param {string} status
 */
export function isDone(stop, status) {
  if (stop.kind === 'job') return status === 'emptied' || status === 'skipped';
  if (stop.kind === 'unload') return status !== 'planned';
  return true;
}

/**
 * @param {any[]} stops
 * @param {(stop: any) => string} statusOf
 * @returns {string | null} id of the first stop still to do
 */
export function currentStopId(stops, statusOf) {
  return stops.find((s) => (s.kind === 'job' || s.kind === 'unload') && !isDone(s, statusOf(s)))?.id ?? null;
}

/**
 * @param {{ list: HTMLElement, onEvent: (stopId: string, input: import('./event-queue.js').StopEventInput) => void }} deps
 */
export function createStopList({ list, onEvent }) {
  /** @type {{ stopId: string, kind: 'emptied' | 'skipped', reason?: string, note?: string } | null} */
  let open = null;
  /** @type {() => void} */
  let rerender = () => {};

  /** @param {any} stop */
  function emptiedChoice(stop) {
    return h('div', { className: 'choice', dataset: { choice: 'emptied' } },
      h('p', null, 'Hoe vol was de container?'),
      ...FILL_CHOICES.map((f) => h('button', { type: 'button', dataset: { fill: String(f) }, onclick: () => { open = null; onEvent(stop.id, { kind: 'emptied', observedFill: f }); } }, f > 1 ? `Overvol ${percent(f)}` : percent(f))),
      h('button', { type: 'button', className: 'secondary', onclick: () => { open = null; onEvent(stop.id, { kind: 'emptied' }); } }, 'Niet gezien'),
      h('button', { type: 'button', className: 'secondary', onclick: () => { open = null; rerender(); } }, 'Terug'),
    );
  }

  /** @param {any} stop */
  function skippedChoice(stop) {
    const state = /** @type {NonNullable<typeof open>} */ (open);
    const needsNote = state.reason === 'other';
    const note = h('textarea', { placeholder: needsNote ? 'Toelichting (verplicht)' : 'Toelichting (optioneel)', maxlength: '1000', 'aria-label': 'Toelichting' }, state.note ?? '');
    const confirm = h('button', { type: 'button', className: 'confirm', disabled: !state.reason || (needsNote && !state.note?.trim()) }, 'Overslaan bevestigen');
    note.addEventListener('input', () => {
      state.note = /** @type {HTMLTextAreaElement} */ (note).value;
      /** @type {HTMLButtonElement} */ (confirm).disabled = !state.reason || (state.reason === 'other' && !state.note.trim());
    });
    confirm.addEventListener('click', () => {
      const input = { kind: /** @type {const} */ ('skipped'), reasonCode: state.reason, ...(state.note?.trim() ? { note: state.note.trim() } : {}) };
      open = null;
      onEvent(stop.id, input);
    });
    return h('div', { className: 'choice', dataset: { choice: 'skipped' } },
      h('p', null, 'Waarom overslaan?'),
      ...SKIP_REASONS.map((r) => h('button', { type: 'button', className: r.code === state.reason ? 'chosen' : 'secondary', dataset: { reason: r.code }, onclick: () => { state.reason = r.code; rerender(); } }, r.label)),
      note,
      confirm,
      h('button', { type: 'button', className: 'secondary', onclick: () => { open = null; rerender(); } }, 'Terug'),
    );
  }

  /** @param {any} stop @param {string} status @param {number} n @param {boolean} current */
  function card(stop, status, n, current) {
    const done = isDone(stop, status);
    const isJob = stop.kind === 'job';
    const title = isJob ? `${stop.containerId} · ${FRACTION_LABELS[stop.fraction] ?? stop.fraction ?? ''}` : STOP_KIND_LABELS[stop.kind];
    const choosing = open?.stopId === stop.id ? open.kind : null;
    return h('li', { className: `stop${current ? ' current' : ''}${done && isJob ? ' done' : ''}`, dataset: { stopId: stop.id, status } },
      h('div', { className: 'number' }, isJob ? String(n) : stop.kind === 'unload' ? 'L' : ''),
      h('div', null,
        h('div', { className: 'title' }, title),
        h('div', null, stop.address ?? ''),
        isJob ? h('div', { className: 'facts' }, `verwacht ${percent(stop.expectedFill)} · gemeten ${percent(stop.fillLevel)}`) : null,
      ),
      h('div', null,
        h('div', { className: 'eta' }, clockTime(stop.eta)),
        h('div', { className: 'state' }, h('span', { className: `badge ${status === 'emptied' ? 'ok' : status === 'skipped' ? 'bad' : status === 'arrived' ? 'warn' : ''}` }, STOP_STATUS_LABELS[status] ?? status)),
      ),
      stop.instructions?.length
        ? h('details', { open: current && !done },
            h('summary', null, `Route-aanwijzingen (${stop.instructions.length})`),
            h('ol', null, ...stop.instructions.map((/** @type {string} */ t) => h('li', null, t))))
        : null,
      isJob && !done && !choosing
        ? h('div', { className: 'buttons' },
            h('button', { type: 'button', className: 'secondary', dataset: { action: 'arrived' }, disabled: status !== 'planned', onclick: () => onEvent(stop.id, { kind: 'arrived' }) }, 'Aangekomen'),
            h('button', { type: 'button', dataset: { action: 'emptied' }, onclick: () => { open = { stopId: stop.id, kind: 'emptied' }; rerender(); } }, 'Geleegd'),
            h('button', { type: 'button', className: 'danger', dataset: { action: 'skipped' }, onclick: () => { open = { stopId: stop.id, kind: 'skipped' }; rerender(); } }, 'Overgeslagen'))
        : null,
      stop.kind === 'unload' && !done
        ? h('div', { className: 'buttons' }, h('button', { type: 'button', dataset: { action: 'arrived' }, onclick: () => onEvent(stop.id, { kind: 'arrived' }) }, 'Aangekomen bij losplaats'))
        : null,
      isJob && !done && choosing === 'emptied' ? emptiedChoice(stop) : null,
      isJob && !done && choosing === 'skipped' ? skippedChoice(stop) : null,
    );
  }

  /** @param {any} stop */
  function minor(stop) {
    return h('li', { className: 'stop minor', dataset: { stopId: stop.id } }, h('div'), h('div', null, `${STOP_KIND_LABELS[stop.kind] ?? stop.kind}${stop.address ? ` · ${stop.address}` : ''}`), h('div', null, clockTime(stop.eta)));
  }

  return {
    /**
     * @param {any} route
     * @param {import('./event-queue.js').QueuedEvent[]} pending
     * @returns {string | null} the current stop's id
     */
    render(route, pending) {
      rerender = () => this.render(route, pending);
      const statusOf = (/** @type {any} */ s) => effectiveStopStatus(s.status, pending.filter((e) => e.stopId === s.id));
      const current = currentStopId(route.stops, statusOf);
      let n = 0;
      replaceChildren(list, ...route.stops.map((/** @type {any} */ s) => (s.kind === 'job' || s.kind === 'unload' ? card(s, statusOf(s), s.kind === 'job' ? ++n : 0, s.id === current) : minor(s))));
      return current;
    },
  };
}
