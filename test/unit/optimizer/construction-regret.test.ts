/** Regret-3 construction: feasible after repair, deterministic, and better than cheapest insertion where it should be. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assertProperty } from '../../helpers/properties.ts';
import { solve, type Problem } from '../../../optimizer/index.ts';
import { arbProblem, problemOn, randomPoints, recheck, stopsOf } from './fixtures.ts';

/** The construction alone: no iteration, no local search. */
const CONSTRUCTION_ONLY = { maxIterations: 0, localSearch: false } as const;

const arbitraryProblem = arbProblem({ maxJobs: 12, maxDistance: false });

/**
 * Two single-job vehicles at depots 1 km apart. Job A (100 m from depot 0) has one good option,
 * job B (200 m from depot 0, 800 m from depot 1) has two. Optimal: A on v0, B on v1 (1.8 km).
 * Inserting B first takes A's only good slot (2.41 km); regret places A first.
 */
function fewOptionsCase(): Problem {
  const pts: [number, number][] = [[0, 0], [0, 100], [200, 0], [1000, 0]];
  return problemOn(pts, [
    { id: 'A', demand: [1] },
    { id: 'B', demand: [1] },
  ], [
    { id: 'v0', start: 0, capacity: [1] },
    { id: 'v1', start: 3, capacity: [1] },
  ]);
}

describe('regret construction', () => {
  it('gives solutions that pass the independent checker on random problems', async () => {
    await assertProperty('regret-construction', fc.asyncProperty(arbitraryProblem, async (problem) => {
      const sol = await solve(problem, { ...CONSTRUCTION_ONLY, construction: 'regret' });
      const checked = recheck(problem, sol);
      expect(checked.errors).toEqual([]);
      expect(sol.feasible).toBe(true);
      const served = sol.routes.flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id));
      expect([...served, ...sol.unassigned.map((u) => u.job)].sort()).toEqual(problem.jobs.map((j) => j.id).sort());
      expect(checked.cost).toBeCloseTo(sol.cost.total, 6);
    }), 40);
  });

  it('is the default and is deterministic (it draws no random numbers)', async () => {
    const pts = randomPoints(41, 3);
    const p = problemOn(pts, pts.slice(1).map((_, i) => ({ id: `j${i}`, demand: [1 + (i % 5)], serviceS: 10 })),
      Array.from({ length: 8 }, (_, k) => ({ id: `v${k}`, start: 0, capacity: [25] })));
    const a = await solve(p, { ...CONSTRUCTION_ONLY, seed: 1 });
    const b = await solve(p, { ...CONSTRUCTION_ONLY, seed: 2, construction: 'regret' });
    expect(stopsOf(a)).toEqual(stopsOf(b));
    expect(a.cost.total).toBe(b.cost.total);
    expect(a.unassigned).toEqual([]);
  });

  it('places the job with few good options first, where cheapest insertion may not', async () => {
    const p = fewOptionsCase();
    const regret = await solve(p, { ...CONSTRUCTION_ONLY, construction: 'regret' });
    expect(stopsOf(regret)).toEqual([{ vehicle: 'v0', stops: ['A'] }, { vehicle: 'v1', stops: ['B'] }]);
    expect(regret.cost.total).toBeCloseTo(1.8, 6);
    // Cheapest insertion depends on its random job order: some seeds insert B first.
    const cheapest = await Promise.all(Array.from({ length: 12 }, (_, s) => solve(p, { ...CONSTRUCTION_ONLY, construction: 'cheapest', seed: s + 1 })));
    const costs = cheapest.map((c) => c.cost.total);
    expect(Math.min(...costs)).toBeGreaterThanOrEqual(regret.cost.total - 1e-9);
    expect(Math.max(...costs)).toBeGreaterThan(regret.cost.total + 0.5);
  });

  it('above 800 jobs and 40 per vehicle refreshes lazily and still builds a complete, checked start better than cheapest insertion', async () => {
    const pts = randomPoints(901, 11, 5000);
    const p = problemOn(pts, pts.slice(1).map((_, i) => ({ id: `j${i}`, demand: [1 + (i % 7)], serviceS: 30 })),
      Array.from({ length: 20 }, (_, k) => ({ id: `v${k}`, start: 0, capacity: [300] })));
    const regret = await solve(p, { ...CONSTRUCTION_ONLY, construction: 'regret' });
    expect(regret.unassigned).toEqual([]);
    expect(recheck(p, regret).errors).toEqual([]);
    const cheapest = await solve(p, { ...CONSTRUCTION_ONLY, construction: 'cheapest', seed: 1 });
    expect(regret.cost.total).toBeLessThan(cheapest.cost.total);
  });
});
