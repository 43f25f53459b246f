/**
 * How numbers, times and codes read on the pages (Dutch), and the fill-level colour scale that the
 * map, the legend and the stop lists share. Pure functions: unit-tested in node.
 */

export const TIME_ZONE = 'Europe/Amsterdam';

/** Fill bands, lowest first: below `upTo` a container gets this colour. */
export const FILL_BANDS = [
  { upTo: 0.5, color: '#2e7d32', label: 'minder dan 50%' },
  { upTo: 0.8, color: '#f9a825', label: '50–80%' },
  { upTo: 1.0, color: '#ef6c00', label: '80–100%' },
  { upTo: Infinity, color: '#c62828', label: 'vol of overvol' },
];
export const UNKNOWN_FILL_COLOR = '#757575';

/** @param {number | null | undefined} fill fraction 0..1 (above 1 overflowing) */
export function fillColor(fill) {
  if (fill === null || fill === undefined || Number.isNaN(fill)) return UNKNOWN_FILL_COLOR;
  return (FILL_BANDS.find((b) => fill < b.upTo) ?? FILL_BANDS[FILL_BANDS.length - 1]).color;
}

/** @param {number | null | undefined} fraction 0..1 → "73%"; unknown → "–" */
export function percent(fraction) {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '–';
  return `${Math.round(fraction * 100)}%`;
}

/** @param {string | null | undefined} iso @param {string} [timeZone] → "07:45" in the municipality's time */
export function clockTime(iso, timeZone = TIME_ZONE) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '–';
  return new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone }).format(d);
}

/** @param {string | null | undefined} iso → "25 nov. 14:03" */
export function dateTime(iso, timeZone = TIME_ZONE) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '–';
  return new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(d);
}

/** @param {number | null | undefined} metres → "12,3 km" */
export function distance(metres) {
  if (metres === null || metres === undefined) return '–';
  if (metres < 1000) return `${Math.round(metres)} m`;
  return `${(metres / 1000).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} km`;
}

/** @param {number | null | undefined} seconds → "3 u 05 min" */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours ? `${hours} u ${String(rest).padStart(2, '0')} min` : `${rest} min`;
}

/** @param {number | null | undefined} cost → "1.234,5" (cost units of the optimizer) */
export function cost(cost) {
  if (cost === null || cost === undefined) return '–';
  return cost.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
}

/** A cost change with its sign, "+12,5" or "−3". */
export function costDelta(delta) {
  if (delta === 0) return '±0';
  const text = Math.abs(delta).toLocaleString('nl-NL', { maximumFractionDigits: 1 });
  return delta > 0 ? `+${text}` : `−${text}`;
}

/** The date of `now` in the municipality's time zone, "2026-11-25". */
export function localDate(now = new Date(), timeZone = TIME_ZONE) {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(now);
}

export const FRACTION_LABELS = /** @type {Record<string, string>} */ ({
  residual: 'Restafval',
  paper: 'Papier',
  glass: 'Glas',
  pmd: 'PMD',
  organic: 'GFT',
  textile: 'Textiel',
});

export const PLAN_STATUS_LABELS = /** @type {Record<string, string>} */ ({
  queued: 'In de wachtrij',
  running: 'Wordt berekend',
  draft: 'Concept',
  approved: 'Goedgekeurd',
  dispatched: 'Verstuurd',
  completed: 'Afgerond',
  failed: 'Mislukt',
  cancelled: 'Geannuleerd',
});

export const STOP_STATUS_LABELS = /** @type {Record<string, string>} */ ({
  planned: 'Gepland',
  arrived: 'Aangekomen',
  emptied: 'Geleegd',
  skipped: 'Overgeslagen',
});

export const STOP_KIND_LABELS = /** @type {Record<string, string>} */ ({
  start: 'Vertrek depot',
  job: 'Container',
  unload: 'Lossen',
  break: 'Pauze',
  end: 'Terug naar depot',
});

/** Reason codes the API accepts for a skipped stop, in the order the driver sees them. */
export const SKIP_REASONS = [
  { code: 'blocked', label: 'Geblokkeerd' },
  { code: 'no_access', label: 'Geen toegang' },
  { code: 'contaminated', label: 'Vervuild' },
  { code: 'damaged', label: 'Beschadigd' },
  { code: 'already_empty', label: 'Al leeg' },
  { code: 'other', label: 'Anders' },
];

export const ALERT_KIND_LABELS = /** @type {Record<string, string>} */ ({
  fire: 'Brand',
  tilt: 'Gekanteld',
  battery_low: 'Batterij bijna leeg',
  silent: 'Sensor stil',
  full: 'Vol',
  overflow: 'Overvol',
  sensor_fault: 'Sensorstoring',
});

export const SEVERITY_LABELS = /** @type {Record<string, string>} */ ({ info: 'Info', warning: 'Waarschuwing', critical: 'Kritiek' });

/** Colours told apart on a map, one per vehicle route. */
export const ROUTE_COLORS = ['#1565c0', '#6a1b9a', '#00838f', '#ad1457', '#4e342e', '#283593', '#2e7d32', '#ef6c00'];

/** @param {number} i */
export function routeColor(i) {
  return ROUTE_COLORS[i % ROUTE_COLORS.length];
}
