/**
 * Turns the selection, fleet and matrix into the optimizer's Problem. Capacity has two
 * dimensions, [kg, loose m³]; a truck's volume is counted in loose m³ (body × compaction).
 * Jobs keep the container id as their id, so results map back without a lookup table.
 */
import type { Problem, Job, Vehicle } from '../optimizer/model/problem.ts';
import type { Locations } from './locations.ts';
import type { PlanMatrix } from './matrix.ts';
import type { SelectedContainer } from './select.ts';
import type { Fraction, PlanningFacility, PlanningVehicle } from './types.ts';

/** The one break of a vehicle's shift; stored stops of kind 'break' refer to it by this id. */
export const breakIdOf = (vehicleId: string) => `${vehicleId}:break`;

export function toOptimizerVehicle(v: PlanningVehicle, start: number, end: number = start): Vehicle {
  return {
    id: v.id,
    start,
    ...(end === start ? {} : { end }),
    capacity: [v.capacityKg, v.capacityM3 * v.compactionFactor],
    shift: [v.shiftStartS, v.shiftEndS],
    fixedCost: v.fixedCost ?? 0,
    costPerKm: v.costPerKm ?? 1,
    costPerHour: v.costPerHour ?? 0,
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
  /** One fraction per vehicle (fraction-assignment.ts); absent: a vehicle takes every fraction it can. */
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
      ...(s.prize === undefined ? {} : { prize: s.prize }),
      ...(allowed.length === vehicles.length ? {} : { allowedVehicles: allowed }),
    });
  });
  return {
    matrix: { durations: matrix.durations, distances: matrix.distances },
    vehicles: vehicles.map((v) => toOptimizerVehicle(v, locations.startIndex.get(v.id)!, locations.depotIndex.get(v.depotId)!)),
    jobs,
    facilities: facilities.map((f) => ({
      id: f.id,
      location: locations.facilityIndex.get(f.id)!,
      unloadS: f.unloadS,
      acceptedFractions: f.fractions,
    })),
  };
}
