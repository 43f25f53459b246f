/**
 * What can be served is served (issue 17 item 2). The checker property elsewhere proves "what is
 * served is legal"; these prove the other half: a required job the solver reports unassigned has
 * no feasible place in the returned solution — not on any route, not alone on a spare truck —
 * according to the independent checker, and every unassigned job carries a reason.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solve, type Problem, type Solution } from '../../../optimizer/index.ts';
import { independentCheck, type CheckedRoute } from '../../checker/checker.ts';
import { arbProblem, stopsOf } from './fixtures.ts';
import { assertProperty } from '../../helpers/properties.ts';

/** Every way to put `job` into the solution's routes, the unused vehicles' empty routes included. */
function insertions(problem: Problem, routes: readonly CheckedRoute[], job: string): CheckedRoute[][] {
  const all: CheckedRoute[] = problem.vehicles.map((v) => routes.find((r) => r.vehicle === v.id) ?? { vehicle: v.id, stops: [] });
  const out: CheckedRoute[][] = [];
  all.forEach((route, r) => {
    for (let pos = 0; pos <= route.stops.length; pos++) {
      const stops = [...route.stops.slice(0, pos), job, ...route.stops.slice(pos)];
      out.push(all.map((x, k) => (k === r ? { vehicle: x.vehicle, stops } : x)));
    }
  });
  return out;
}

/** Required jobs reported unassigned although the checker accepts a solution that also serves them. */
function droppedServable(problem: Problem, sol: Solution): { job: string; reason: string; fits: CheckedRoute[] }[] {
  const routes = stopsOf(sol);
  const found: { job: string; reason: string; fits: CheckedRoute[] }[] = [];
  for (const u of sol.unassigned) {
    const job = problem.jobs.find((j) => j.id === u.job)!;
    if (job.prize !== undefined) continue;
    const fits = insertions(problem, routes, u.job).find((candidate) => independentCheck(problem, candidate, false).feasible);
    if (fits) found.push({ job: u.job, reason: u.reason, fits });
  }
  return found;
}

const withSpareTrucks = arbProblem({ maxJobs: 12, maxDistance: true });

describe('what can be served is served', () => {
  it('no required job is unassigned when the checker finds a feasible place for it', async () => {
    await assertProperty('served-when-servable', fc.asyncProperty(withSpareTrucks, async (problem) => {
      const sol = await solve(problem, { maxIterations: 40, seed: 7 });
      expect(droppedServable(problem, sol)).toEqual([]);
    }), 80);
  });

  it('every unassigned job has a reason', async () => {
    await assertProperty('unassigned-reasons', fc.asyncProperty(withSpareTrucks, async (problem) => {
      const sol = await solve(problem, { maxIterations: 40, seed: 7 });
      for (const u of sol.unassigned) expect(u.reason, `job ${u.job}`).toMatch(/\w{3,}/);
    }), 40);
  });

  it('a job that fits alone on an unused truck of the fleet is served', async () => {
    // Five trucks for at most six jobs: there is always room, so nothing that fits may be dropped.
    const roomy = arbProblem({ maxJobs: 6, maxDistance: false }).map((p) => ({
      ...p,
      vehicles: Array.from({ length: 5 }, (_, k) => ({ ...p.vehicles[0]!, id: `v${k}`, breaks: undefined })),
      jobs: p.jobs.map((j) => ({ ...j, allowedVehicles: undefined })),
    }));
    await assertProperty('spare-truck', fc.asyncProperty(roomy, async (problem) => {
      const sol = await solve(problem, { maxIterations: 40, seed: 3 });
      for (const u of sol.unassigned) {
        const job = problem.jobs.find((j) => j.id === u.job)!;
        if (job.prize !== undefined) continue;
        const alone = independentCheck(problem, [{ vehicle: 'v4', stops: [u.job] }], false);
        expect(alone.feasible, `${u.job} fits alone on a spare truck but was reported: ${u.reason}`).toBe(false);
      }
    }), 60);
  });
});
