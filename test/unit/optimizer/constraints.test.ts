/**
 * One test per constraint, each built so that a solver ignoring the rule would return a cheaper
 * but wrong plan: the test fails if the rule is ignored.
 */
import { describe, expect, it } from 'vitest';
import { solve } from '../../../optimizer/index.ts';
import { problemOn, recheck, routeOf } from './fixtures.ts';

const opts = { maxIterations: 200, seed: 3 };

describe('constraints', () => {
  it('capacity in every dimension: the second dimension forces a split', async () => {
    const p = problemOn([[0, 0], [10, 0], [11, 0]], [
      { id: 'a', demand: [1, 6] },
      { id: 'b', demand: [1, 6] },
    ], [
      { id: 'v1', start: 0, capacity: [10, 10] },
      { id: 'v2', start: 0, capacity: [10, 10] },
    ]);
    const sol = await solve(p, opts);
    expect(sol.vehiclesUsed).toBe(2);
    expect(recheck(p, sol).feasible).toBe(true);
  });

  it('time windows: the order follows the windows, not the shortest path', async () => {
    // Shortest: 0 → a(10) → b(20) → 0. Windows force b first.
    const p = problemOn([[0, 0], [10, 0], [20, 0]], [
      { id: 'a', timeWindow: [100, 200] },
      { id: 'b', timeWindow: [0, 30] },
    ], [{ id: 'v', start: 0, capacity: [1] }]);
    const sol = await solve(p, opts);
    const order = sol.routes[0].steps.filter((s) => s.type === 'job').map((s) => s.id);
    expect(order).toEqual(['b', 'a']);
    expect(sol.routes[0].steps.find((s) => s.id === 'a')!.serviceStart).toBeGreaterThanOrEqual(100);
  });

  it('shift: a vehicle whose shift is too short leaves the job to another vehicle', async () => {
    const p = problemOn([[0, 0], [100, 0]], [{ id: 'a' }], [
      { id: 'short', start: 0, capacity: [1], shift: [0, 150] },
      { id: 'long', start: 0, capacity: [1], shift: [0, 1000], fixedCost: 50 },
    ]);
    const sol = await solve(p, opts);
    expect(routeOf(sol, 'a')).toBe('long');
  });

  it('maximum duration: the cheap vehicle cannot take the long round trip', async () => {
    const p = problemOn([[0, 0], [100, 0]], [{ id: 'a', serviceS: 10 }], [
      { id: 'brief', start: 0, capacity: [1], maxDurationS: 200 },
      { id: 'free', start: 0, capacity: [1], fixedCost: 50 },
    ]);
    const sol = await solve(p, opts);
    expect(routeOf(sol, 'a')).toBe('free');
  });

  it('maximum distance: jobs split over vehicles to stay under the limit', async () => {
    const p = problemOn([[0, 0], [100, 0], [0, 100]], [{ id: 'a' }, { id: 'b' }], [
      { id: 'v1', start: 0, capacity: [5], maxDistanceM: 250 },
      { id: 'v2', start: 0, capacity: [5], maxDistanceM: 250 },
    ]);
    const sol = await solve(p, opts);
    expect(sol.vehiclesUsed).toBe(2);
    for (const r of sol.routes) expect(r.distanceM).toBeLessThanOrEqual(250);
  });

  it('break window: a lunch that must start by 110 pushes the job to the other vehicle', async () => {
    // With the break ignored, "lunch" serves b at 120 cheaply. Taking lunch 100–150 first makes b
    // late (window ends 140); after b the break could only start at ≥ 120 > 110.
    const p = problemOn([[0, 0], [10, 0]], [{ id: 'b', timeWindow: [120, 140] }], [
      { id: 'lunch', start: 0, capacity: [1], breaks: [{ id: 'lunch-break', window: [100, 110], durationS: 50 }] },
      { id: 'spare', start: 0, capacity: [1], fixedCost: 100 },
    ]);
    const sol = await solve(p, opts);
    expect(routeOf(sol, 'b')).toBe('spare');
    expect(recheck(p, sol).feasible).toBe(true);
  });

  it('break: a used vehicle takes its break inside the window', async () => {
    const p = problemOn([[0, 0], [10, 0], [20, 0]], [{ id: 'a', serviceS: 60 }, { id: 'b', serviceS: 60 }], [
      { id: 'v', start: 0, capacity: [2], shift: [0, 1000], breaks: [{ id: 'lunch', window: [50, 80], durationS: 30 }] },
    ]);
    const sol = await solve(p, opts);
    const brk = sol.routes[0].steps.find((s) => s.type === 'break')!;
    expect(brk.serviceStart).toBeGreaterThanOrEqual(50);
    expect(brk.serviceStart).toBeLessThanOrEqual(80);
    expect(recheck(p, sol).feasible).toBe(true);
  });

  it('allowed vehicles: a restricted job rides only on its allowed vehicle', async () => {
    const p = problemOn([[0, 0], [10, 0]], [{ id: 'a', allowedVehicles: ['pricey'] }], [
      { id: 'cheap', start: 0, capacity: [1] },
      { id: 'pricey', start: 0, capacity: [1], fixedCost: 500 },
    ]);
    const sol = await solve(p, opts);
    expect(routeOf(sol, 'a')).toBe('pricey');
  });

  it('optional jobs: served when the prize pays for the detour, skipped otherwise', async () => {
    // Cost is 1 per km of distance; the detours cost 0.02 km and 2 km.
    const p = problemOn([[0, 0], [10, 0], [1000, 0]], [
      { id: 'near', prize: 1 },
      { id: 'far', prize: 1 },
    ], [{ id: 'v', start: 0, capacity: [5] }]);
    const sol = await solve(p, opts);
    expect(routeOf(sol, 'near')).toBe('v');
    expect(routeOf(sol, 'far')).toBeUndefined();
    expect(sol.unassigned.map((u) => u.job)).toEqual(['far']);
    expect(sol.cost.prizes).toBe(1);
  });

  it('required jobs that cannot all fit are reported unassigned with a reason', async () => {
    const p = problemOn([[0, 0], [10, 0], [20, 0]], [
      { id: 'a', demand: [3] },
      { id: 'b', demand: [3] },
    ], [{ id: 'v', start: 0, capacity: [4] }]);
    const sol = await solve(p, opts);
    expect(sol.unassigned).toHaveLength(1);
    expect(sol.unassigned[0].reason).toMatch(/capacity/);
    expect(recheck(p, sol).feasible).toBe(true);
  });
});
