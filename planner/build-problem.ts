/**
 * Turns the selection, fleet and matrix into the optimizer's Problem. Capacity has two
 * dimensions, [kg, loose m³]; a truck's volume is counted in loose m³ (body × compaction).
 * Jobs keep the container id as their id, so results map back without a lookup table.
 * With facilities the problem is multi-trip (`disposalTrips`): a truck unloads at a facility that
 * takes its fraction when it is full and always before it returns to the depot; the search chooses
 * the facility. Without facilities a route is one trip, as before.
 */
import type { Problem, Job, Vehicle } from '../optimizer/model/problem.ts';
import type { Locations } from './locations.ts';
import type { PlanMatrix } from './matrix.ts';
import type { SelectedContainer } from './select.ts';
import type { Fraction, PlanningFacility, PlanningVehicle } from './types.ts';

/** The one break of a vehicle's shift; stored stops of kind 'break' refer to it by this id. */
export const breakIdOf = (vehicleId: string) => `${vehicleId}:break`;

/**
 * `fractions` is what the truck may collect today: its one assigned fraction when the day is planned
 * one fraction per truck (none when it was given none: it stays home), else all it can take.
 * Without an assignment the policy mixes fractions (`mixFractions`, which the API describes as
 * "trucks with compartments"), so the truck gets `compartments`: fractions may share a trip, as
 * they always could under that policy. The vehicle types know no compartment volumes, so the
 * capacity stays one [kg, loose m³] shared by the compartments; with one fraction per truck a trip
 * carries one fraction.
 *
 * Load on board (`loadOnBoard`, re-planning a running day): with facilities (`disposal`) it becomes
 * the optimizer's `initialLoad`, so only the first trip is fuller and the truck may unload and carry
 * on; a loaded truck with nothing to collect keeps its own fractions, so that its closing unload
 * starts at a facility that takes what it carries. Without facilities a route is one trip and the
 * load stays on board until the depot, so the room left (capacity minus load) is the honest capacity;
 * a container that no longer fits is then reported by validation ("demand exceeds capacity") before
 * the solve instead of by the search. No daily limits are set here, so nothing is lowered by what
 * was collected before (the optimizer's initialLoad is not part of the daily total either).
 */
export function toOptimizerVehicle(
  v: PlanningVehicle,
  start: number,
  end: number = start,
  assigned?: ReadonlyMap<string, Fraction>,
  disposal = false,
): Vehicle {
  const capacity = [v.capacityKg, v.capacityM3 * v.compactionFactor];
  // Planned loads can overestimate (a skipped container still counts): more than the truck holds
  // would make its first trip infeasible whatever the search does, so the load is capped.
  const onBoard = v.loadOnBoard ? [v.loadOnBoard.kg, v.loadOnBoard.looseM3].map((l, k) => Math.min(Math.max(0, l), capacity[k]!)) : [];
  const loaded = onBoard.some((l) => l > 0);
  const assignedToday = assigned ? [assigned.get(v.id)].filter((f): f is Fraction => f !== undefined) : v.fractions;
  const today = disposal && loaded && assignedToday.length === 0 ? v.fractions : assignedToday;
  return {
    id: v.id,
    start,
    ...(end === start ? {} : { end }),
    capacity: loaded && !disposal ? capacity.map((c, k) => c - onBoard[k]!) : capacity,
    ...(loaded && disposal ? { initialLoad: onBoard } : {}),
    shift: [v.shiftStartS, v.shiftEndS],
    fixedCost: v.fixedCost ?? 0,
    costPerKm: v.costPerKm ?? 1,
    costPerHour: v.costPerHour ?? 0,
    fractions: [...today],
    ...(assigned ? {} : { compartments: true }),
    ...(disposal && v.maxTrips !== undefined ? { maxTrips: v.maxTrips } : {}),
    ...(v.maxDailyLoadKg !== undefined ? { maxDailyLoad: [v.maxDailyLoadKg] } : {}),
    ...(v.maxDailyStops !== undefined ? { maxStops: v.maxDailyStops } : {}),
    ...(v.breakDurationS && v.breakWindowS
      ? { breaks: [{ id: breakIdOf(v.id), window: [v.breakWindowS[0], v.breakWindowS[1]] as const, durationS: v.breakDurationS }] }
      : {}),
  };
}

export function buildProblem(
  selection: readonly SelectedContainer[],
  vehicles: readonly PlanningVehicle[],
  facilities: readonly PlanningFacility[],
  locations: Locations,
  matrix: PlanMatrix,
  /** One fraction per vehicle (fraction-assignment.ts); absent: fractions are mixed, a vehicle takes every fraction it can. */
  fractionByVehicle?: ReadonlyMap<string, Fraction>,
): Problem {
  const takes = (v: PlanningVehicle, f: Fraction) => (fractionByVehicle ? fractionByVehicle.get(v.id) === f : v.fractions.includes(f));
  const jobs: Job[] = [];
  selection.forEach((s, i) => {
    const location = locations.containerIndex[i]!;
    if (matrix.unreachable.has(location)) return;
    const allowed = vehicles.filter((v) => takes(v, s.container.fraction)).map((v) => v.id);
    jobs.push({
      id: s.container.id,
      location,
      serviceS: s.container.serviceS,
      demand: [s.demandKg, s.demandM3],
      fraction: s.container.fraction,
      ...(s.prize === undefined ? {} : { prize: s.prize }),
      ...(allowed.length === vehicles.length ? {} : { allowedVehicles: allowed }),
    });
  });
  return {
    matrix: { durations: matrix.durations, distances: matrix.distances },
    vehicles: vehicles.map((v) => toOptimizerVehicle(v, locations.startIndex.get(v.id)!, locations.depotIndex.get(v.depotId)!, fractionByVehicle, facilities.length > 0)),
    jobs,
    facilities: facilities.map((f) => ({
      id: f.id,
      location: locations.facilityIndex.get(f.id)!,
      unloadS: f.unloadS,
      acceptedFractions: f.fractions,
      ...(f.openWindowS ? { openWindow: [f.openWindowS[0], f.openWindowS[1]] as const } : {}),
    })),
    ...(facilities.length > 0 ? { disposalTrips: true } : {}),
  };
}
