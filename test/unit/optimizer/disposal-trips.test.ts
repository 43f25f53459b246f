/**
 * Disposal trips (first step of the waste extensions): with facilities, a truck unloads mid-route
 * when a trip would exceed capacity and always before returning to the depot.
 */
import { describe, expect, it } from 'vitest';
import { check, solve, type Problem } from '../../../optimizer/index.ts';
import { recheck } from './fixtures.ts';
import { euclidean } from './fixtures.ts';

// Locations: 0 depot, 1 landfill, 2..5 containers on a line away from the depot.
function problem(facilities = true): Problem {
  const m = euclidean([[0, 0], [50, 0], [100, 0], [110, 0], [120, 0], [130, 0]]);
  return {
    matrix: { durations: m, distances: m },
    vehicles: [{ id: 'truck', start: 0, capacity: [10] }],
    jobs: [2, 3, 4, 5].map((loc, i) => ({ id: `c${i}`, location: loc, demand: [5], serviceS: 10 })),
    facilities: [{ id: 'landfill', location: 1, unloadS: 30 }],
    disposalTrips: facilities,
  };
}

describe('disposal trips', () => {
  it('unloads mid-route when the load would exceed capacity, and before the depot', async () => {
    const p = problem();
    const sol = await solve(p, { maxIterations: 200, seed: 1 });
    expect(sol.unassigned).toEqual([]);
    const steps = sol.routes[0].steps.map((s) => s.type);
    expect(steps.filter((t) => t === 'unload')).toHaveLength(2);
    expect(steps[steps.length - 2]).toBe('unload');
    for (const s of sol.routes[0].steps) expect(s.load[0]).toBeLessThanOrEqual(10);
    expect(recheck(p, sol).errors).toEqual([]);
    expect(sol.feasible).toBe(true);
  });

  it('without disposal trips (the default) the same jobs do not fit one truck', async () => {
    const sol = await solve(problem(false), { maxIterations: 100, seed: 1 });
    expect(sol.unassigned).toHaveLength(2);
  });

  it('check names a plan that returns loaded or overfills a trip', () => {
    const p = problem();
    const res = check(p, [{ vehicle: 'truck', jobs: ['c0', 'c1', 'c2', 'landfill', 'c3'] }]);
    const found = res.violations.map((v) => `${v.name}:${v.constraint}`);
    expect(found).toEqual(expect.arrayContaining(['c2:capacity', 'truck:unload']));
  });
});
