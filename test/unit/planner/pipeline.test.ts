import { describe, expect, it } from 'vitest';
import { StraightLineProvider } from '../../../optimizer/routing/index.ts';
import type { LonLat, RoutingProvider, TableResult } from '../../../optimizer/routing/index.ts';
import { optimizerSolver, runPlanningPipeline, selectContainers, toPlannedRoutes, DEFAULT_POLICY } from '../../../planner/index.ts';
import type { PlanningContainer, PlanningInput, PlanningVehicle } from '../../../planner/index.ts';

const depot: LonLat = [7.42, 43.735];
const container = (id: string, fill: number | null, dx: number, fraction: PlanningContainer['fraction'] = 'residual'): PlanningContainer => ({
  id, location: [7.42 + dx, 43.735 + dx / 2], fraction, volumeM3: 3, serviceS: 120, fillLevel: fill,
});
const vehicle = (id: string, overrides: Partial<PlanningVehicle> = {}): PlanningVehicle => ({
  id, depotId: 'd1', depotLocation: depot, capacityKg: 10_000, capacityM3: 20, compactionFactor: 2,
  fractions: ['residual', 'paper'], shiftStartS: 7 * 3600, shiftEndS: 15.5 * 3600,
  breakDurationS: 1800, breakWindowS: [11 * 3600, 13 * 3600], costPerKm: 1, costPerHour: 30, ...overrides,
});

describe('container selection', () => {
  it('requires full containers, offers half-full ones with a prize, ignores unknown fill', () => {
    const s = selectContainers([container('a', 0.9, 0.001), container('b', 0.6, 0.002), container('c', 0.2, 0.003), container('d', null, 0.004)], DEFAULT_POLICY);
    expect(s.map((x) => [x.container.id, x.required])).toEqual([['a', true], ['b', false]]);
    expect(s[1]!.prize).toBeCloseTo(DEFAULT_POLICY.prizePerFill * 0.6);
    expect(s[0]!.demandM3).toBeCloseTo(2.7);
  });

  it('prefers the forecast over the latest fill and filters fractions', () => {
    const s = selectContainers(
      [{ ...container('a', 0.3, 0.001), forecastFill: 0.85 }, container('g', 0.95, 0.002, 'glass')],
      { ...DEFAULT_POLICY, fractions: ['residual'] },
    );
    expect(s.map((x) => x.container.id)).toEqual(['a']);
    expect(s[0]!.required).toBe(true);
  });
});

describe('planning pipeline (optimizer, straight-line router)', () => {
  const input: PlanningInput = {
    containers: Array.from({ length: 30 }, (_, i) => container(`c${i}`, i % 3 === 0 ? 0.3 : i % 3 === 1 ? 0.9 : 0.6, (i + 1) * 0.0007)),
    vehicles: [vehicle('v1'), vehicle('v2')],
    facilities: [{ id: 'f1', location: [7.41, 43.73], fractions: ['residual'], unloadS: 900 }],
    policy: DEFAULT_POLICY,
  };

  it('serves every required container, reports progress, starts and ends at the depot', async () => {
    const progress: number[] = [];
    const { result, planned } = await runPlanningPipeline(input, {
      routing: new StraightLineProvider(), solver: optimizerSolver, timeLimitMs: 120_000, maxIterations: 1500, onProgress: (p) => progress.push(p.percent),
    });
    const served = result.routes.flatMap((r) => r.stops.filter((s) => s.kind === 'job').map((s) => s.containerId));
    const required = input.containers.filter((c) => (c.fillLevel ?? 0) >= 0.8).map((c) => c.id);
    for (const id of required) expect(served).toContain(id);
    expect(served).not.toContain('c0');
    expect(new Set(served).size).toBe(served.length);
    for (const r of result.routes) {
      expect(r.stops[0]!.kind).toBe('start');
      expect(r.stops.at(-1)!.kind).toBe('end');
      // with a facility every route unloads before it returns (disposal trips)
      expect(r.stops.at(-2)).toMatchObject({ kind: 'unload', facilityId: 'f1', loadKg: 0 });
      expect(r.stops[0]!.location).toEqual(depot);
      expect(r.stops.at(-1)!.arrivalS).toBeLessThanOrEqual(15.5 * 3600);
    }
    expect(result.stats).toMatchObject({ candidates: 20, required: 10, optional: 10, solver: 'optimizer', router: 'straight-line' });
    expect(progress[0]).toBe(0);
    expect(Math.max(...progress)).toBeGreaterThanOrEqual(95);
    expect(planned.problem.jobs).toHaveLength(20);
  });

  it('respects capacity: a tiny truck fills up trip by trip, a container larger than the truck is unassigned with a reason', async () => {
    // Multi-trip now: capacity holds per trip (unloading empties the truck), so the day's load no
    // longer has to fit in one truckload; a single container larger than a truckload still cannot go.
    const huge = { ...container('huge', 0.95, 0.0101), volumeM3: 10 }; // 0.95 × 10 m³ × 150 kg/m³ = 1425 kg
    const { result } = await runPlanningPipeline({ ...input, containers: [...input.containers, huge], vehicles: [vehicle('v1', { capacityKg: 1000 })] }, {
      routing: new StraightLineProvider(), solver: optimizerSolver, timeLimitMs: 120_000, maxIterations: 1500,
    });
    const stops = result.routes[0]!.stops;
    expect(Math.max(...stops.map((s) => s.loadKg))).toBeLessThanOrEqual(1000);
    // what each trip brings to the facility: the load on arrival there, i.e. after the stop before
    const delivered = stops.flatMap((s, i) => (s.kind === 'unload' ? [stops[i - 1]!.loadKg] : []));
    expect(delivered.length).toBeGreaterThanOrEqual(2);
    expect(delivered.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
    expect(result.unassigned).toContainEqual({ containerId: 'huge', reason: expect.stringMatching(/capacity/), required: true });
  });

  it('leaves out containers the road network cannot reach, naming them', async () => {
    const base = new StraightLineProvider();
    const island: RoutingProvider = Object.assign(Object.create(base) as RoutingProvider, {
      async table(points: readonly LonLat[]): Promise<TableResult> {
        const t = await base.table(points, 'car');
        const far = points.findIndex((p) => p[0] === input.containers[1]!.location[0]);
        const unreachable = [];
        for (let i = 0; i < points.length; i++) {
          if (i === far) continue;
          t.durations[i]![far] = null; t.distances[i]![far] = null; unreachable.push({ source: i, destination: far });
        }
        return { ...t, unreachable };
      },
    });
    const { result } = await runPlanningPipeline(input, { routing: island, solver: optimizerSolver, timeLimitMs: 120_000, maxIterations: 1500 });
    expect(result.unassigned).toContainEqual({ containerId: 'c1', reason: 'no road between the container and the depot', required: true });
  });

  it('checks a dispatcher edit: moving a stop gives a cost delta, a duplicate is a violation', async () => {
    const { result, planned } = await runPlanningPipeline(input, { routing: new StraightLineProvider(), solver: optimizerSolver, timeLimitMs: 120_000, maxIterations: 1500 });
    const routes = toPlannedRoutes(result.routes);
    const same = await optimizerSolver.check(planned.problem, routes);
    expect(same.feasible).toBe(true);
    const dup = await optimizerSolver.check(planned.problem, [{ ...routes[0]!, jobs: [...routes[0]!.jobs, routes[0]!.jobs[0]!] }, ...routes.slice(1)]);
    expect(dup.violations.map((v) => v.constraint)).toContain('duplicate-job');
    // moving the last container of the first route to the front changes the cost (breaks and
    // unloads stay where they are)
    const sequence = routes[0]!.jobs;
    const last = sequence.findLast((id) => !id.endsWith(':break') && id !== 'f1')!;
    const moved = await optimizerSolver.check(planned.problem, [{ ...routes[0]!, jobs: [last, ...sequence.filter((id) => id !== last)] }, ...routes.slice(1)]);
    expect(moved.cost.total).not.toBeCloseTo(same.cost.total, 6);
  });
});

describe('a truck\'s daily limits from the registry', () => {
  const full = Array.from({ length: 8 }, (_, i) => container(`k${i}`, 0.95, (i + 1) * 0.0008));
  const plan = (limits: Partial<PlanningVehicle>) => runPlanningPipeline(
    { containers: full, vehicles: [vehicle('v1', limits)], facilities: [{ id: 'f1', location: [7.41, 43.73], fractions: ['residual'], unloadS: 900 }], policy: DEFAULT_POLICY },
    { routing: new StraightLineProvider(), solver: optimizerSolver, timeLimitMs: 120_000, maxIterations: 300 },
  );
  const jobsOf = (r: Awaited<ReturnType<typeof plan>>) => r.result.routes.flatMap((x) => x.stops.filter((s) => s.kind === 'job'));

  it('bind the plan: no more stops, kg or trips than the truck may do in a day', async () => {
    const free = await plan({});
    expect(jobsOf(free)).toHaveLength(8);
    const stops = await plan({ maxDailyStops: 3 });
    expect(jobsOf(stops)).toHaveLength(3);
    expect(stops.result.unassigned).toHaveLength(5);
    const perContainerKg = jobsOf(free)[0]!.loadKg;
    const load = await plan({ maxDailyLoadKg: perContainerKg * 4.5 });
    expect(jobsOf(load).length).toBeLessThanOrEqual(4);
    const trips = await plan({ maxTrips: 1, capacityKg: perContainerKg * 2.5 });
    expect(trips.result.routes[0]!.stops.filter((s) => s.kind === 'unload')).toHaveLength(1);
    expect(jobsOf(trips).length).toBeLessThanOrEqual(2);
  });
});
