/**
 * The time limit holds for the whole plan job (issue 13 item 6), with a clock that jumps instead
 * of waiting: the router "takes" 8 s for the matrix and 0.5 s per route line, the solver "uses"
 * whatever limit it is given. The solver gets what is left after loading and the matrix minus the
 * reserve for geometry and storing, and the plan's stats report every stage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processPlanJob } from '../../../api/jobs/process-plan-job.ts';
import { StraightLineProvider, type RoutingProvider } from '../../../optimizer/routing/index.ts';
import { optimizerSolver, type Solver } from '../../../planner/index.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { seedMunicipality, todayAmsterdam } from './fixtures.ts';

let db: TestDatabase;
let tenant: string;
beforeAll(async () => {
  db = await createTestDatabase();
  tenant = (await seedMunicipality(db.pool, randomTenant(), 9)).tenant;
});
afterAll(async () => db?.drop());

/** A clock that moves only when told (plus nothing for real work: the test is deterministic). */
function jumpingClock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function slowRouter(clock: ReturnType<typeof jumpingClock>, matrixMs: number, lineMs: number): RoutingProvider {
  const inner: RoutingProvider = new StraightLineProvider();
  return Object.assign(Object.create(inner) as RoutingProvider, {
    table: async (points: Parameters<RoutingProvider['table']>[0], profile: Parameters<RoutingProvider['table']>[1], options?: Parameters<RoutingProvider['table']>[2]) => {
      clock.advance(matrixMs);
      return inner.table(points, profile, options);
    },
    route: async (points: Parameters<RoutingProvider['route']>[0], profile: Parameters<RoutingProvider['route']>[1], options?: Parameters<RoutingProvider['route']>[2]) => {
      clock.advance(lineMs);
      return inner.route(points, profile, options);
    },
  });
}

/** Uses all the time it is given (on the jumping clock), and records it. */
function greedySolver(clock: ReturnType<typeof jumpingClock>, given: number[]): Solver {
  return {
    ...optimizerSolver,
    async solve(problem, options) {
      given.push(options.timeLimitMs);
      const solution = await optimizerSolver.solve(problem, { ...options, timeLimitMs: 60_000, maxIterations: 30 });
      clock.advance(options.timeLimitMs);
      return solution;
    },
  };
}

async function runJob(timeLimitS: number, matrixMs: number, lineMs: number) {
  const { rows } = await db.pool.query(`INSERT INTO plans (tenant_id, date) VALUES ($1, $2) RETURNING id`, [tenant, todayAmsterdam()]);
  const planId = rows[0].id as string;
  const clock = jumpingClock();
  const given: number[] = [];
  await processPlanJob(
    { data: { planId, tenantId: tenant, kind: 'plan', timeLimitS }, attemptsMade: 0, opts: { attempts: 1 }, updateProgress: async () => {} },
    { pool: db.pool, routing: slowRouter(clock, matrixMs, lineMs), solver: greedySolver(clock, given), clock: clock.now },
  );
  const plan = (await db.pool.query('SELECT status, stats FROM plans WHERE id = $1', [planId])).rows[0];
  return { plan, given, routes: (await db.pool.query('SELECT count(*)::int AS n FROM routes WHERE plan_id = $1', [planId])).rows[0].n as number };
}

describe('the time limit of a plan job', () => {
  it('gives the solver the limit minus the matrix and the reserve, and reports each stage', async () => {
    const { plan, given, routes } = await runJob(20, 8000, 500);
    expect(plan.status).toBe('draft');
    // 20 s - 8 s matrix - 2 s reserve (10 %) for geometry and store.
    expect(given).toEqual([10_000]);
    const stages = plan.stats.stagesMs;
    expect(stages).toMatchObject({ load: 0, matrix: 8000, solve: 10_000, geometry: 500 * routes, store: 0 });
    expect(stages.total).toBe(18_000 + 500 * routes);
    expect(stages.total).toBeLessThanOrEqual(20_000);
    expect(plan.stats).toMatchObject({ matrixMs: 8000, solveMs: 10_000, solverLimitMs: 10_000 });
  });

  it('still leaves the solver a floor when the matrix ate the budget, and says how late the job was', async () => {
    const { plan, given } = await runJob(20, 25_000, 0);
    expect(given).toEqual([1000]);
    expect(plan.stats.stagesMs.total).toBe(26_000);
  });
});
