/** Property: every solution the solver returns passes the independent checker. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solve, type Problem, type Vehicle } from '../../../optimizer/index.ts';
import { problemOn, randomPoints, recheck } from './fixtures.ts';

const arbProblem = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  jobs: fc.integer({ min: 1, max: 14 }),
  vehicles: fc.integer({ min: 1, max: 3 }),
  windows: fc.boolean(),
  breaks: fc.boolean(),
  restricted: fc.boolean(),
  optional: fc.boolean(),
  maxDistance: fc.boolean(),
  capacity: fc.integer({ min: 3, max: 20 }),
  facility: fc.boolean(),
}).map((c): Problem => {
  // The last point is a disposal facility when `facility` is set.
  const pts = randomPoints(c.jobs + 2, c.seed, 200);
  const vehicles: Vehicle[] = Array.from({ length: c.vehicles }, (_, k) => ({
    id: `v${k}`, start: 0, capacity: [c.capacity, c.capacity * 2], shift: [0, 3000] as const,
    ...(c.breaks && k === 0 ? { breaks: [{ id: `b${k}`, window: [200, 400] as const, durationS: 60 }] } : {}),
    ...(c.maxDistance ? { maxDistanceM: 900 } : {}),
    fixedCost: k * 3,
  }));
  const base = problemOn(pts, Array.from({ length: c.jobs }, (_, i) => {
    const open = (c.seed + i * 97) % 1500;
    return {
      id: `j${i}`, serviceS: 20, demand: [1 + ((c.seed + i) % 3), (c.seed * i) % 5],
      ...(c.windows ? { timeWindow: [open, open + 300] as const } : {}),
      ...(c.restricted && i % 3 === 0 ? { allowedVehicles: [`v${i % c.vehicles}`] } : {}),
      ...(c.optional && i % 2 === 1 ? { prize: (i * 37) % 500 } : {}),
    };
  }), vehicles);
  return c.facility ? { ...base, disposalTrips: true, facilities: [{ id: 'landfill', location: c.jobs + 1, unloadS: 30, openWindow: [0, 2800] as const }] } : base;
});

describe('solutions pass the independent checker', () => {
  it('for random problems with every kind of constraint', async () => {
    await fc.assert(fc.asyncProperty(arbProblem, async (problem) => {
      const sol = await solve(problem, { maxIterations: 40, seed: 7 });
      const checked = recheck(problem, sol);
      expect(checked.errors).toEqual([]);
      expect(sol.feasible).toBe(true);
      const served = sol.routes.flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id));
      const all = [...served, ...sol.unassigned.map((u) => u.job)].sort();
      expect(all).toEqual(problem.jobs.map((j) => j.id).sort());
      expect(checked.cost).toBeCloseTo(sol.cost.total, 6);
    }), { numRuns: 60 });
  });
});
