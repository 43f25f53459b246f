/**
 * The rules of check mode that depend on the order of the stops only, not on the schedule: the
 * waste fractions (vehicle, one fraction per trip without compartments, acceptance by the facility
 * that ends the trip) and the daily limits (trips, total load, stops). Kept out of the timed walk in
 * check.ts, so the schedule the solver outputs through `check` stays exactly as it was.
 */
import type { DisposalFacility, Problem, Vehicle } from './model/problem.ts';
import type { Violation } from './model/solution.ts';
import { initialLoadFraction } from './model/instance.ts';

const EPS = 1e-6;

/**
 * Violations of one planned route. Stops are read as check.ts reads them: a break of the vehicle
 * first, then a facility (an id that is not a job), then a job; unknown ids are reported there.
 * A trip runs from the depot or an unload to the next unload (or back to the depot).
 */
export function routeRuleViolations(
  problem: Problem,
  vehicle: Vehicle,
  stops: readonly string[],
  jobIndex: ReadonlyMap<string, number>,
  facilities: ReadonlyMap<string, DisposalFacility>,
): Violation[] {
  const out: Violation[] = [];
  const breaks = new Set((vehicle.breaks ?? []).map((b) => b.id));
  const taken = vehicle.fractions ? new Set(vehicle.fractions) : null;
  // Fractions on board in the current trip, each with the first job that brought it.
  const trip = new Map<string, string>();
  const onBoard = initialLoadFraction(vehicle);
  if (onBoard !== undefined) trip.set(onBoard, 'load on board');
  let tripNo = 1;
  let unloads = 0;
  let jobs = 0;
  const total: number[] = [];
  for (const id of stops) {
    if (breaks.has(id)) continue;
    const fac = jobIndex.has(id) ? undefined : facilities.get(id);
    if (fac) {
      unloads++;
      const accepted = fac.acceptedFractions ? new Set(fac.acceptedFractions) : null;
      for (const [f, first] of trip) {
        if (accepted && !accepted.has(f)) {
          out.push({ name: fac.id, constraint: 'fraction', reason: `facility ${fac.id} does not accept fraction ${f} (job ${first}, trip ${tripNo} of vehicle ${vehicle.id})` });
        }
      }
      trip.clear();
      tripNo++;
      continue;
    }
    const j = jobIndex.get(id);
    if (j === undefined) continue;
    const job = problem.jobs[j];
    jobs++;
    (job.demand ?? []).forEach((d, k) => (total[k] = (total[k] ?? 0) + d));
    const f = job.fraction;
    if (f === undefined) continue;
    if (taken && !taken.has(f)) out.push({ name: id, constraint: 'fraction', reason: `vehicle ${vehicle.id} does not take fraction ${f}` });
    if (!vehicle.compartments && trip.size > 0 && !trip.has(f)) {
      const [other, first] = trip.entries().next().value as [string, string];
      out.push({ name: id, constraint: 'fraction', reason: `fraction ${f} in trip ${tripNo} of vehicle ${vehicle.id} with fraction ${other} (job ${first}): without compartments a trip carries one fraction` });
    }
    if (!trip.has(f)) trip.set(f, id);
  }
  // Daily limits bind a vehicle that works that day; an unused route has nothing to limit.
  if (jobs === 0) return out;
  if (vehicle.maxTrips !== undefined && unloads > vehicle.maxTrips) {
    out.push({ name: vehicle.id, constraint: 'max-trips', reason: `${unloads} unload visits (trips), above the daily limit of ${vehicle.maxTrips}` });
  }
  (vehicle.maxDailyLoad ?? []).forEach((limit, k) => {
    const collected = total[k] ?? 0;
    if (collected > limit + EPS) out.push({ name: vehicle.id, constraint: 'daily-load', reason: `collects ${collected} in dimension ${k} over the day, above the daily limit of ${limit}` });
  });
  if (vehicle.maxStops !== undefined && jobs > vehicle.maxStops) {
    out.push({ name: vehicle.id, constraint: 'max-stops', reason: `serves ${jobs} jobs, above the daily limit of ${vehicle.maxStops}` });
  }
  return out;
}
