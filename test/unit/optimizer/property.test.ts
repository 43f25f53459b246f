/** Property: every solution the solver returns passes the independent checker. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assertProperty } from '../../helpers/properties.ts';
import { solve } from '../../../optimizer/index.ts';
import { arbProblem, recheck } from './fixtures.ts';

const arbitraryProblem = arbProblem({ maxJobs: 14, maxDistance: true });

describe('solutions pass the independent checker', () => {
  it('for random problems with every kind of constraint', async () => {
    await assertProperty('checker-accepts', fc.asyncProperty(arbitraryProblem, async (problem) => {
      const sol = await solve(problem, { maxIterations: 40, seed: 7 });
      const checked = recheck(problem, sol);
      expect(checked.errors).toEqual([]);
      expect(sol.feasible).toBe(true);
      const served = sol.routes.flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id));
      const all = [...served, ...sol.unassigned.map((u) => u.job)].sort();
      expect(all).toEqual(problem.jobs.map((j) => j.id).sort());
      expect(checked.cost).toBeCloseTo(sol.cost.total, 6);
    }), 60);
  });
});
