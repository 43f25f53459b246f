/**
 * Kim, Kim & Sahoo (2006) real waste-collection VRPTW reader ("wcvrptw", /work/shared/bench
 * README). File: five header lines `value // comment` (capacity per trip yd³, total yardage per
 * vehicle per day, max stops per vehicle per day, lunch duration s, speed mph), a column header
 * line, then one row per stop: id x y (feet) early late (HHMM) service (s) load (yd³) type
 * (0 depot, 1 stop, 2 landfill). Columns are separated by any run of spaces or tabs (some files
 * are tab-separated with empty trailing cells).
 *
 * Matrix, as the authors prescribe: Manhattan distance |dx| + |dy| in feet, stored in metres
 * (× 0.3048, the optimizer's unit); travel time = miles × 3600 / speed. Problem: multi-trip
 * (`disposalTrips`), landfills as facilities, N identical trucks from the depot inside its window,
 * each with the daily limits and a lunch break starting between 11:00 and 12:00; no cost rates, so
 * the objective is the distance (the literature's second objective after the fleet size).
 */
import { InputError } from '../../../platform/errors.ts';
import type { Break, DisposalFacility, Job, Problem, Vehicle } from '../../model/problem.ts';
import type { BenchInstance } from './types.ts';

export const METRES_PER_FOOT = 0.3048;
export const FEET_PER_MILE = 5280;

export interface WcvrptwHeader {
  /** Vehicle capacity per trip (yd³). */
  readonly capacity: number;
  /** Total yardage a vehicle may collect per day (yd³). */
  readonly dailyLoad: number;
  /** Regular stops a vehicle may serve per day. */
  readonly maxStops: number;
  /** Lunch break length (s); it starts between 11:00 and 12:00. */
  readonly lunchS: number;
  readonly speedMph: number;
}

export interface WcvrptwInstance extends BenchInstance {
  readonly header: WcvrptwHeader;
  /** Where the fleet size came from: the caller (e.g. best_known.csv) or `lowerBoundFleet`. */
  readonly fleetSource: 'given' | 'lower-bound';
}

export interface WcvrptwOptions {
  /** Number of trucks. Default: `lowerBoundFleet` (the benchmark passes the published count). */
  readonly vehicles?: number;
}

/** One stop row as read (times already in seconds since midnight). */
interface Row {
  readonly line: number;
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly early: number;
  readonly late: number;
  readonly service: number;
  readonly load: number;
  readonly type: number;
}

const LUNCH_WINDOW = [11 * 3600, 12 * 3600] as const;
const HEADER_LABELS = ['vehicle capacity per trip', 'total yardage per vehicle per day', 'max stops per vehicle per day', 'lunch duration (s)', 'speed (mph)'];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * HHMM → seconds since midnight as floor(v / 100) h + (v mod 100) min. Minutes of 60 or more
 * roll over into the next hour: 2100_stop.txt has "1675" (→ 17:15), "0775" and "1575", and
 * 1932_stop.txt "875" (→ 9:15). They could also be decimal hours (16.75 h = 16:45); we keep the
 * literal HHMM reading, which is what a program reading the files as published does.
 */
export function hhmmToSeconds(v: number): number {
  return Math.floor(v / 100) * 3600 + (v % 100) * 60;
}

/**
 * A fleet no solution can do with less: total load over the daily yardage, stops over the daily
 * stop limit, and service time over the depot window minus lunch (travel ignored). Only a
 * fallback when no published vehicle count is at hand; the solve may need more trucks.
 */
export function lowerBoundFleet(header: WcvrptwHeader, jobs: readonly Job[], shift: readonly [number, number]): number {
  const load = jobs.reduce((s, j) => s + (j.demand?.[0] ?? 0), 0);
  const service = jobs.reduce((s, j) => s + (j.serviceS ?? 0), 0);
  const day = Math.max(1, shift[1] - shift[0] - header.lunchS);
  return Math.max(1, Math.ceil(load / header.dailyLoad - 1e-9), Math.ceil(jobs.length / header.maxStops), Math.ceil(service / day - 1e-9));
}

function fail(name: string, line: number, reason: string): never {
  throw new InputError(`wcvrptw ${name}: line ${line}: ${reason}`, [{ name: `${name} line ${line}`, reason }]);
}

function num(name: string, line: number, token: string, what: string): number {
  if (!NUMBER.test(token)) fail(name, line, `${what} "${token}" is not a number`);
  return Number(token);
}

function parseRow(name: string, line: number, tokens: readonly string[]): Row {
  if (tokens.length !== 8) fail(name, line, `expected 8 columns (id x y early late service load type), found ${tokens.length}`);
  const [idT, xT, yT, earlyT, lateT, serviceT, loadT, typeT] = tokens;
  if (!/^\d+$/.test(idT)) fail(name, line, `stop id "${idT}" is not a non-negative integer`);
  const hhmm = (t: string, what: string): number => {
    if (!/^\d+$/.test(t)) fail(name, line, `${what} "${t}" is not an HHMM time`);
    return hhmmToSeconds(Number(t));
  };
  const early = hhmm(earlyT, 'earliest start');
  const late = hhmm(lateT, 'latest start');
  if (early > late) fail(name, line, `earliest start ${earlyT} is after latest start ${lateT}`);
  const service = num(name, line, serviceT, 'service time');
  const load = num(name, line, loadT, 'load');
  if (service < 0 || load < 0) fail(name, line, 'service time and load must not be negative');
  if (!/^[012]$/.test(typeT)) fail(name, line, `stop type "${typeT}" is not 0 (depot), 1 (stop) or 2 (landfill)`);
  return {
    line, id: String(Number(idT)), x: num(name, line, xT, 'x'), y: num(name, line, yT, 'y'),
    early, late, service, load, type: Number(typeT),
  };
}

const sameRow = (a: Row, b: Row) => a.x === b.x && a.y === b.y && a.early === b.early && a.late === b.late
  && a.service === b.service && a.load === b.load && a.type === b.type;

/** Header values and the stop rows, identical repeated rows dropped. */
function readRows(name: string, text: string): { header: WcvrptwHeader; rows: Row[] } {
  const values: number[] = [];
  const rows: Row[] = [];
  const byId = new Map<string, Row>();
  let sawColumns = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const content = lines[i].trim();
    if (content === '') continue;
    if (values.length < 5) {
      const token = content.split('//')[0].trim();
      if (token === '') fail(name, line, `expected the ${HEADER_LABELS[values.length]} before "//"`);
      values.push(num(name, line, token, HEADER_LABELS[values.length]));
      continue;
    }
    const tokens = content.split(/\s+/);
    if (!NUMBER.test(tokens[0])) {
      // The column header line ("Stop_ID X(feet) ..."): once, before the first row.
      if (sawColumns || rows.length) fail(name, line, `unexpected text "${content.slice(0, 40)}" (expected a stop row)`);
      sawColumns = true;
      continue;
    }
    const row = parseRow(name, line, tokens);
    const prev = byId.get(row.id);
    if (prev) {
      // Some files list facility rows twice; an identical repeat is the same stop.
      if (sameRow(prev, row)) continue;
      fail(name, line, `stop ${row.id} repeats line ${prev.line} with different values`);
    }
    byId.set(row.id, row);
    rows.push(row);
  }
  if (values.length < 5) fail(name, lines.length, `the header needs 5 values (${HEADER_LABELS.join(', ')}), found ${values.length}`);
  const [capacity, dailyLoad, maxStops, lunchS, speedMph] = values;
  if (!(capacity > 0)) fail(name, 1, 'vehicle capacity must be positive');
  if (!(dailyLoad > 0)) fail(name, 2, 'total yardage per day must be positive');
  if (!(maxStops > 0) || !Number.isInteger(maxStops)) fail(name, 3, 'max stops per day must be a positive integer');
  if (!(lunchS >= 0)) fail(name, 4, 'lunch duration must not be negative');
  if (!(speedMph > 0)) fail(name, 5, 'speed must be positive');
  return { header: { capacity, dailyLoad, maxStops, lunchS, speedMph }, rows };
}

export function parseWcvrptw(name: string, text: string, options: WcvrptwOptions = {}): WcvrptwInstance {
  const { header, rows } = readRows(name, text);
  const depots = rows.filter((r) => r.type === 0);
  const last = rows.at(-1)?.line ?? 1;
  if (depots.length !== 1) fail(name, depots[1]?.line ?? last, `expected exactly one depot row (type 0), found ${depots.length}`);
  if (!rows.some((r) => r.type === 2)) fail(name, last, 'no landfill row (type 2): trucks could never unload');

  // One matrix location per stop row, in file order.
  const n = rows.length;
  const distances = new Float64Array(n * n);
  const durations = new Float64Array(n * n);
  const secondsPerFoot = 3600 / (FEET_PER_MILE * header.speedMph);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const feet = Math.abs(rows[i].x - rows[j].x) + Math.abs(rows[i].y - rows[j].y);
      distances[i * n + j] = feet * METRES_PER_FOOT;
      durations[i * n + j] = feet * secondsPerFoot;
    }
  }

  const depot = rows.indexOf(depots[0]);
  const shift = [depots[0].early, depots[0].late] as const;
  const facilities: DisposalFacility[] = [];
  const jobs: Job[] = [];
  rows.forEach((r, location) => {
    if (r.type === 2) facilities.push({ id: `landfill-${r.id}`, location, unloadS: r.service, openWindow: [r.early, r.late] });
    else if (r.type === 1) jobs.push({ id: r.id, location, demand: [r.load], serviceS: r.service, timeWindow: [r.early, r.late] });
  });

  const fleet = options.vehicles ?? lowerBoundFleet(header, jobs, shift);
  if (!(fleet >= 1) || !Number.isInteger(fleet)) {
    throw new InputError(`wcvrptw ${name}: fleet size ${fleet} is not a positive integer`, [{ name: 'vehicles', reason: 'must be a positive integer' }]);
  }
  const vehicles: Vehicle[] = Array.from({ length: fleet }, (_, k) => {
    const breaks: Break[] = header.lunchS > 0 ? [{ id: `lunch-${k + 1}`, window: LUNCH_WINDOW, durationS: header.lunchS }] : [];
    return {
      id: `truck-${k + 1}`, start: depot, end: depot, capacity: [header.capacity], shift,
      maxDailyLoad: [header.dailyLoad], maxStops: header.maxStops, breaks,
    };
  });
  const problem: Problem = { matrix: { durations, distances, size: n }, vehicles, jobs, facilities, disposalTrips: true };
  return { name, problem, header, fleetSource: options.vehicles === undefined ? 'lower-bound' : 'given' };
}
