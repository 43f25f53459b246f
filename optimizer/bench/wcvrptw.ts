/**
 * wcvrptw benchmark specifics: the published figures in the instance folder and the extra row and
 * summary columns of the CLI. Costs are reported in miles, as in the literature.
 *
 * - `best_known.csv`: one row per instance (`instance` = "102_stop.txt"), best published distance
 *   (`best_published_distance_miles`) and the trucks of that solution (`vehicles_in_that_solution`,
 *   our fleet size: never more trucks than the best published).
 * - `published_results.csv`: every published row; Kim et al. (2006) is taken from Benjamin &
 *   Beasley's quotation (algorithm "Kim et al. 2006 clustering+SA (as quoted)"), which fixes
 *   Kim's swapped columns for 1599_stop (1459.2 miles, not 11666).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv.ts';

export const METRES_PER_MILE = 1609.344;
export const KIM_2006_ALGORITHM = 'Kim et al. 2006 clustering+SA (as quoted)';
const EXTENSION = '.txt';

export interface WcvrptwPublished {
  /** Best published total distance (miles). */
  readonly bestMiles: number | null;
  /** Trucks in that best solution. */
  readonly vehicles: number | null;
  /** Kim et al. (2006) clustering + SA, as quoted by Benjamin & Beasley (2010). */
  readonly kimMiles: number | null;
  readonly kimVehicles: number | null;
}

const cache = new Map<string, Map<string, WcvrptwPublished>>();

function numberOrNull(cell: string | undefined): number | null {
  if (cell === undefined || cell.trim() === '') return null;
  const v = Number(cell);
  return Number.isFinite(v) ? v : null;
}

function readTable(path: string): Record<string, string>[] {
  return existsSync(path) ? parseCsv(readFileSync(path, 'utf8')) : [];
}

/** Published figures per instance name (without `.txt`) for a folder; read once per folder. */
export function wcvrptwPublished(dir: string): Map<string, WcvrptwPublished> {
  const cached = cache.get(dir);
  if (cached) return cached;
  const best = new Map(readTable(join(dir, 'best_known.csv')).map((r) => [r.instance, r]));
  const kim = new Map<string, Record<string, string>>();
  for (const r of readTable(join(dir, 'published_results.csv'))) {
    // The quotation appears in B&B's Table 1 and again in Table 2 with the same figures: first wins.
    if (r.algorithm === KIM_2006_ALGORITHM && !kim.has(r.instance)) kim.set(r.instance, r);
  }
  const out = new Map<string, WcvrptwPublished>();
  for (const file of new Set([...best.keys(), ...kim.keys()])) {
    const b = best.get(file);
    const k = kim.get(file);
    out.set(file.endsWith(EXTENSION) ? file.slice(0, -EXTENSION.length) : file, {
      bestMiles: numberOrNull(b?.best_published_distance_miles),
      vehicles: numberOrNull(b?.vehicles_in_that_solution),
      kimMiles: numberOrNull(k?.total_distance_miles),
      kimVehicles: numberOrNull(k?.vehicles),
    });
  }
  cache.set(dir, out);
  return out;
}

const NONE: WcvrptwPublished = { bestMiles: null, vehicles: null, kimMiles: null, kimVehicles: null };

export function publishedFor(dir: string, name: string): WcvrptwPublished {
  return wcvrptwPublished(dir).get(name) ?? NONE;
}

/** Extra columns of a wcvrptw result row. */
export interface WcvrptwRowExtras {
  vehicles_published: number | null;
  kim2006_miles: number | null;
  kim2006_vehicles: number | null;
  /** Feasible, shorter than Kim et al. (2006) and no more trucks than the best published. */
  beats_kim2006: boolean | null;
  more_vehicles_than_published: boolean | null;
}

export function wcvrptwRowExtras(dir: string, name: string, costMiles: number, vehicles: number, feasible: boolean): WcvrptwRowExtras {
  const p = publishedFor(dir, name);
  const moreVehicles = p.vehicles === null ? null : vehicles > p.vehicles;
  return {
    vehicles_published: p.vehicles,
    kim2006_miles: p.kimMiles,
    kim2006_vehicles: p.kimVehicles,
    beats_kim2006: p.kimMiles === null || moreVehicles === null ? null : feasible && costMiles < p.kimMiles && !moreVehicles,
    more_vehicles_than_published: moreVehicles,
  };
}

/** Summary columns: `null` when no row has the figure to compare with. */
export function wcvrptwSummary(rows: readonly (WcvrptwRowExtras & { feasible: boolean })[]) {
  const kim = rows.filter((r) => r.beats_kim2006 !== null);
  const veh = rows.filter((r) => r.more_vehicles_than_published !== null);
  return {
    feasible: rows.filter((r) => r.feasible).length,
    beats_kim2006_all: kim.length ? kim.length === rows.length && kim.every((r) => r.beats_kim2006) : null,
    never_more_vehicles: veh.length ? veh.every((r) => !r.more_vehicles_than_published) : null,
  };
}
