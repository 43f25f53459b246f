/** Maps the optimizer's Solution (indices, job ids) back to containers, facilities and depots. */
import type { Problem } from '../optimizer/model/problem.ts';
import type { PlannedRoute } from '../optimizer/model/solution.ts';
import { breakIdOf } from './build-problem.ts';
import type { Solution } from '../optimizer/model/solution.ts';
import type { LonLat } from '../optimizer/routing/index.ts';
import type { SelectedContainer } from './select.ts';
import type { PlanResult, PlanRoute, PlanStats, PlanStop, PlanUnassigned } from './types.ts';

export function toPlanResult(
  solution: Solution,
  problem: Problem,
  points: readonly LonLat[],
  selection: readonly SelectedContainer[],
  dropped: readonly PlanUnassigned[],
  stats: Omit<PlanStats, 'served'>,
): PlanResult {
  const byContainer = new Map(selection.map((s) => [s.container.id, s]));
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const facilities = new Map((problem.facilities ?? []).map((f) => [f.id, f]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  let served = 0;
  const routes: PlanRoute[] = solution.routes.map((r) => {
    const stops: PlanStop[] = r.steps.map((step) => {
      const base = { location: points[step.location]!, arrivalS: step.arrival, loadKg: step.load[0] ?? 0, loadM3: step.load[1] ?? 0 };
      switch (step.type) {
        case 'job': {
          served++;
          const job = jobs.get(step.id);
          return { ...base, kind: 'job', containerId: step.id, departureS: step.serviceStart + (job?.serviceS ?? 0), expectedFill: byContainer.get(step.id)?.expectedFill };
        }
        case 'unload':
          return { ...base, kind: 'unload', facilityId: step.id, departureS: step.serviceStart + (facilities.get(step.id)?.unloadS ?? 0) };
        case 'break': {
          const brk = vehicles.get(r.vehicle)?.breaks?.find((b) => b.id === step.id);
          return { ...base, kind: 'break', departureS: step.serviceStart + (brk?.durationS ?? 0) };
        }
        default:
          return { ...base, kind: step.type, departureS: step.serviceStart };
      }
    });
    return { vehicleId: r.vehicle, stops, distanceM: r.distanceM, durationS: r.durationS, cost: r.cost.total };
  });
  const unassigned: PlanUnassigned[] = [
    ...dropped,
    ...solution.unassigned.map((u) => ({ containerId: u.job, reason: u.reason, required: jobs.get(u.job)?.prize === undefined })),
  ];
  return { routes, unassigned, cost: solution.cost.total, distanceM: solution.distanceM, stats: { ...stats, served } };
}

/** The id a stop has in check mode's sequence: container, break or facility (an unload); none for start and end. */
export function plannedStopId(vehicleId: string, stop: Pick<PlanStop, 'kind' | 'containerId' | 'facilityId'>): string | undefined {
  switch (stop.kind) {
    case 'job':
      return stop.containerId;
    case 'break':
      return breakIdOf(vehicleId);
    case 'unload':
      return stop.facilityId;
    default:
      return undefined;
  }
}

/**
 * Routes as the optimizer's check mode takes them: ordered container ids, breaks where they were
 * taken and unload visits as their facility id, so that an edited multi-trip plan is checked
 * trip by trip (a route left without its closing unload is reported).
 */
export function toPlannedRoutes(routes: readonly Pick<PlanRoute, 'vehicleId' | 'stops'>[]): PlannedRoute[] {
  return routes.map((r) => ({
    vehicle: r.vehicleId,
    jobs: r.stops.flatMap((s) => {
      const id = plannedStopId(r.vehicleId, s);
      return id === undefined ? [] : [id];
    }),
  }));
}
