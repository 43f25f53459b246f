/**
 * Multi-trip planning (issue 8): with facilities the planner asks for disposal trips, so a day
 * with more waste than one truckload unloads mid-route and every route unloads before the depot;
 * the unload stops survive the round trip to check mode (toPlannedRoutes), and an edit that drops
 * them is reported with the vehicle named.
 */
import { describe, expect, it } from 'vitest';
import { StraightLineProvider } from '../../../optimizer/routing/index.ts';
import type { LonLat } from '../../../optimizer/routing/index.ts';
import { optimizerSolver, runPlanningPipeline, toPlannedRoutes, DEFAULT_POLICY } from '../../../planner/index.ts';
import type { PlanningContainer, PlanningInput, PlanningVehicle, PlanRoute, PlanStop } from '../../../planner/index.ts';

const depot: LonLat = [7.42, 43.735];
const container = (id: string, dx: number): PlanningContainer => ({
  id, location: [7.42 + dx, 43.735 + dx / 2], fraction: 'residual', volumeM3: 3, serviceS: 120, fillLevel: 0.9,
});
// 2.7 m³ loose of residual waste at 150 kg/m³: 405 kg a container, four to a 2000 kg truckload.
const truck: PlanningVehicle = {
  id: 'v1', depotId: 'd1', depotLocation: depot, capacityKg: 2000, capacityM3: 20, compactionFactor: 2,
  fractions: ['residual'], shiftStartS: 6 * 3600, shiftEndS: 18 * 3600, costPerKm: 1, costPerHour: 30,
};
const input: PlanningInput = {
  containers: Array.from({ length: 12 }, (_, i) => container(`c${i}`, (i + 1) * 0.0007)),
  vehicles: [truck],
  facilities: [{ id: 'f1', location: [7.41, 43.73], fractions: ['residual'], unloadS: 600 }],
  policy: DEFAULT_POLICY,
};
const deps = { routing: new StraightLineProvider(), solver: optimizerSolver, timeLimitMs: 3000, maxIterations: 1500, seed: 1 };

/** The loads of each trip: the stops between the start or an unload and the next unload. */
function trips(route: PlanRoute): PlanStop[][] {
  const out: PlanStop[][] = [[]];
  for (const s of route.stops) {
    if (s.kind === 'unload') out.push([]);
    else if (s.kind === 'job') out.at(-1)!.push(s);
  }
  return out;
}

describe('disposal trips in the planning pipeline', () => {
  it('more waste than one truckload: unloads mid-route and once more before the depot, each trip within capacity', async () => {
    const { result, planned } = await runPlanningPipeline(input, deps);
    expect(planned.problem.disposalTrips).toBe(true);
    expect(result.unassigned).toEqual([]);
    expect(result.routes).toHaveLength(1);
    const route = result.routes[0]!;
    const kinds = route.stops.map((s) => s.kind);
    expect(kinds.filter((k) => k === 'job')).toHaveLength(12);
    // 12 × 405 kg on a 2000 kg truck: at least three trips, so at least two unloads before a container
    const midRoute = kinds.filter((k, i) => k === 'unload' && kinds.slice(i + 1).includes('job'));
    expect(midRoute.length).toBeGreaterThanOrEqual(2);
    // the truck comes home empty: the last stop before the depot is an unload at the facility
    expect(kinds.at(-2)).toBe('unload');
    expect(route.stops.at(-2)).toMatchObject({ facilityId: 'f1', location: [7.41, 43.73], loadKg: 0, loadM3: 0 });
    expect(route.stops.at(-1)).toMatchObject({ kind: 'end', loadKg: 0 });
    for (const trip of trips(route)) for (const s of trip) expect(s.loadKg).toBeLessThanOrEqual(2000 + 1e-6);
    expect(trips(route).at(-1)).toEqual([]); // nothing is collected after the closing unload
    // unloading takes its time: departure = start of unloading + 600 s
    for (const s of route.stops.filter((x) => x.kind === 'unload')) expect(s.departureS - s.arrivalS).toBeGreaterThanOrEqual(600 - 1e-6);
  });

  it('unloads only where the truck\'s fraction is taken, without empty trips, even when another facility is nearer', async () => {
    const paperOnly = { id: 'fp', location: [7.421, 43.7355] as const, fractions: ['paper' as const], unloadS: 600 }; // next to the depot
    const { result } = await runPlanningPipeline({ ...input, facilities: [paperOnly, { ...input.facilities[0]!, location: [7.40, 43.72] }] }, deps);
    const stops = result.routes[0]!.stops;
    expect(stops.filter((s) => s.kind === 'unload').map((s) => s.facilityId)).toEqual(expect.arrayContaining(['f1']));
    expect(stops.filter((s) => s.kind === 'unload' && s.facilityId !== 'f1')).toEqual([]);
    // every unload ends a trip that collected something
    stops.forEach((s, i) => {
      if (s.kind === 'unload') expect(stops[i - 1]!.kind).toBe('job');
    });
  });

  it('a container whose fraction no facility takes is reported unassigned with the reason and draws no truck, the rest is planned', async () => {
    // lots of glass: by demand alone the fraction assignment would send the truck to the glass
    const glass = Array.from({ length: 30 }, (_, i) => ({ ...container(`g${i}`, 0.0003 * (i + 1)), fraction: 'glass' as const }));
    const { result } = await runPlanningPipeline({ ...input, containers: [...input.containers, ...glass], vehicles: [{ ...truck, fractions: ['glass', 'residual'] }] }, deps);
    expect(result.unassigned).toEqual(glass.map((g) => ({ containerId: g.id, reason: 'no facility accepts fraction glass', required: true })));
    expect(result.stats.fractionByVehicle).toEqual({ v1: 'residual' });
    expect(result.routes[0]!.stops.filter((s) => s.kind === 'job')).toHaveLength(12);
    expect(result.stats).toMatchObject({ candidates: 42, required: 42 });
  });

  it('without facilities the problem stays single-trip', async () => {
    const { planned } = await runPlanningPipeline({ ...input, facilities: [], containers: input.containers.slice(0, 3) }, deps);
    expect(planned.problem.disposalTrips).toBeUndefined();
  });

  it('an edit that keeps the unload stops passes check mode; one that removes them is flagged with the vehicle named', async () => {
    const { result, planned } = await runPlanningPipeline(input, deps);
    const routes = toPlannedRoutes(result.routes);
    const sequence = routes[0]!.jobs;
    expect(sequence.filter((id) => id === 'f1').length).toBe(result.routes[0]!.stops.filter((s) => s.kind === 'unload').length);
    expect(sequence.at(-1)).toBe('f1');

    const same = await optimizerSolver.check(planned.problem, routes);
    expect(same.violations).toEqual([]);
    expect(same.cost.total).toBeCloseTo(result.cost, 6);

    // swap the first two containers of the first trip: the unloads stay where they are
    const firstUnload = sequence.indexOf('f1');
    expect(firstUnload).toBeGreaterThanOrEqual(2);
    const swapped = [sequence[1]!, sequence[0]!, ...sequence.slice(2)];
    const kept = await optimizerSolver.check(planned.problem, [{ vehicle: 'v1', jobs: swapped }]);
    expect(kept.violations).toEqual([]);
    expect(kept.routes[0]!.steps.filter((s) => s.type === 'unload')).toHaveLength(sequence.filter((id) => id === 'f1').length);

    // the same containers without any unload: the truck overflows and comes home loaded
    const dropped = await optimizerSolver.check(planned.problem, [{ vehicle: 'v1', jobs: sequence.filter((id) => id !== 'f1') }]);
    expect(dropped.feasible).toBe(false);
    expect(dropped.violations).toContainEqual(expect.objectContaining({ name: 'v1', constraint: 'unload' }));
    expect(dropped.violations.some((v) => v.constraint === 'capacity' && v.reason.includes('vehicle v1'))).toBe(true);

    // only the closing unload dropped: every trip fits, but the truck returns loaded
    const noClosing = await optimizerSolver.check(planned.problem, [{ vehicle: 'v1', jobs: sequence.slice(0, -1) }]);
    expect(noClosing.violations).toEqual([expect.objectContaining({ name: 'v1', constraint: 'unload' })]);
  });
});
