/**
 * A dispatcher's moves applied to the stop sequences that check mode reads: per vehicle the
 * ordered container ids, break ids and facility ids (an unload visit, multi-trip plans). Pure: the
 * caller reads the stored sequences and checks the result. Only containers move; breaks and
 * unloads keep their place among them, so an edited route keeps its trips.
 */
import { startsLoaded, type Problem } from '../optimizer/index.ts';
import { HttpProblem } from './problem.ts';

export interface Move {
  containerId: string;
  vehicleId: string;
  position: number;
}

export type Sequences = Map<string, string[]>;

/** Tells the ids in a sequence apart: facility (unload), break, or else a container. */
export class StopKinds {
  private readonly facilities: Set<string>;
  private readonly breaks: Set<string>;
  private readonly loaded: Set<string>;

  constructor(problem: Problem) {
    this.facilities = new Set((problem.facilities ?? []).map((f) => f.id));
    this.breaks = new Set(problem.vehicles.flatMap((v) => (v.breaks ?? []).map((b) => b.id)));
    this.loaded = new Set(problem.vehicles.filter(startsLoaded).map((v) => v.id));
  }

  /** Whether the vehicle starts with a load on board (a re-optimised plan): its first trip is not empty. */
  startsLoaded = (vehicleId: string): boolean => this.loaded.has(vehicleId);

  isFacility = (id: string): boolean => this.facilities.has(id);
  isBreak = (id: string): boolean => this.breaks.has(id);
  isContainer = (id: string): boolean => !this.facilities.has(id) && !this.breaks.has(id);
}

/**
 * Applies the moves in order and returns the new sequences.
 * `position` counts container stops only; past the last container means the end of the last
 * trip, before the closing unload.
 */
export function applyMoves(routes: Sequences, moves: readonly Move[], kinds: StopKinds): Sequences {
  const next: Sequences = new Map([...routes].map(([v, ids]) => [v, [...ids]]));
  const touched = new Set<string>();
  moves.forEach((m, i) => {
    const target = next.get(m.vehicleId);
    if (!target) throw new HttpProblem(422, 'Unprocessable Content', `vehicle ${m.vehicleId} is not in this plan`, [{ name: `body.moves.${i}.vehicleId`, reason: 'not a vehicle of this plan' }]);
    if (!kinds.isContainer(m.containerId)) {
      throw new HttpProblem(422, 'Unprocessable Content', `${m.containerId} is not a container stop`, [{ name: `body.moves.${i}.containerId`, reason: 'only container stops can be moved; breaks and unloads keep their place' }]);
    }
    for (const [v, ids] of next) {
      const at = ids.indexOf(m.containerId);
      if (at < 0) continue;
      ids.splice(at, 1);
      touched.add(v);
    }
    touched.add(m.vehicleId);
    const slots = target.flatMap((id, k) => (kinds.isContainer(id) ? [k] : []));
    const afterLast = (slots.at(-1) ?? -1) + 1;
    const closing = target.findIndex((id, k) => k >= afterLast && kinds.isFacility(id));
    target.splice(m.position < slots.length ? slots[m.position]! : closing >= 0 ? closing : target.length, 0, m.containerId);
  });
  // A trip whose containers all moved away is not driven: drop the unload that would end it.
  for (const v of touched) next.set(v, withoutEmptyTrips(next.get(v)!, kinds, kinds.startsLoaded(v)));
  return next;
}

/**
 * Drops every unload with no container since the start or the previous unload; a truck that
 * starts loaded keeps the unload that ends its first trip.
 */
export function withoutEmptyTrips(ids: readonly string[], kinds: StopKinds, startsLoaded = false): string[] {
  let loaded = startsLoaded;
  return ids.filter((id) => {
    if (kinds.isContainer(id)) loaded = true;
    if (!kinds.isFacility(id)) return true;
    const keep = loaded;
    loaded = false;
    return keep;
  });
}

/**
 * The unload that closes a new route (a truck the plan left at the depot that an edit gives
 * containers): among the facilities that take every fraction on the route, the one with the
 * shortest drive from the last container to the facility and on to the depot. Undefined when the
 * problem has no disposal trips or no facility takes the route's waste (check mode then reports it).
 */
export function closingFacility(problem: Problem, vehicleId: string, ids: readonly string[]): string | undefined {
  if (!problem.disposalTrips || !problem.facilities?.length) return undefined;
  const vehicle = problem.vehicles.find((v) => v.id === vehicleId);
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const onRoute = ids.flatMap((id) => (jobs.has(id) ? [jobs.get(id)!] : []));
  const last = onRoute.at(-1);
  if (!vehicle || !last) return undefined;
  const fractions = new Set(onRoute.flatMap((j) => (j.fraction === undefined ? [] : [j.fraction])));
  // A stored problem went through JSON: its matrix is nested arrays.
  const dur = (i: number, j: number) => (problem.matrix.durations as readonly (readonly number[])[])[i]?.[j] ?? Infinity;
  const end = vehicle.end ?? vehicle.start;
  let best: { id: string; s: number } | undefined;
  for (const f of problem.facilities) {
    if (f.acceptedFractions && [...fractions].some((x) => !f.acceptedFractions!.includes(x))) continue;
    const s = dur(last.location, f.location) + dur(f.location, end);
    if (!best || s < best.s) best = { id: f.id, s };
  }
  return best?.id;
}
