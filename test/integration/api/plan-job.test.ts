/**
 * The plan job in-process (no queue): a cancelled plan is not overwritten by a late result, and a
 * routing failure is retried with its reason visible while the plan waits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnrecoverableError } from 'bullmq';
import { processPlanJob, type PlanJobLike } from '../../../api/jobs/process-plan-job.ts';
import { StraightLineProvider, type RoutingProvider } from '../../../optimizer/routing/index.ts';
import { optimizerSolver, type Solver } from '../../../planner/index.ts';
import { RoutingError } from '../../../platform/errors.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { seedMunicipality, todayAmsterdam } from './fixtures.ts';

let db: TestDatabase;
let tenant: string;

beforeAll(async () => {
  db = await createTestDatabase();
  tenant = (await seedMunicipality(db.pool, randomTenant(), 6)).tenant;
});
afterAll(async () => {
  await db?.drop();
});

async function newPlan(): Promise<string> {
  const { rows } = await db.pool.query(`INSERT INTO plans (tenant_id, date, params) VALUES ($1, $2, '{"timeLimitS":1}') RETURNING id`, [tenant, todayAmsterdam()]);
  return rows[0].id;
}

const job = (planId: string, attemptsMade = 0): PlanJobLike => ({
  data: { planId, tenantId: tenant, kind: 'plan', timeLimitS: 1 },
  attemptsMade,
  opts: { attempts: 2 },
  updateProgress: async () => {},
});

describe('plan job', () => {
  it('discards the result of a plan cancelled during the solve', async () => {
    const planId = await newPlan();
    const cancelling: Solver = {
      ...optimizerSolver,
      async solve(problem, options) {
        await db.pool.query(`UPDATE plans SET status = 'cancelled' WHERE id = $1`, [planId]);
        return optimizerSolver.solve(problem, { ...options, maxIterations: 50 });
      },
    };
    await expect(processPlanJob(job(planId), { pool: db.pool, routing: new StraightLineProvider(), solver: cancelling })).rejects.toBeInstanceOf(UnrecoverableError);
    const { rows } = await db.pool.query('SELECT status, (SELECT count(*)::int FROM routes WHERE plan_id = $1) AS routes FROM plans WHERE id = $1', [planId]);
    expect(rows[0]).toEqual({ status: 'cancelled', routes: 0 });
  });

  it('keeps a plan queued with the reason while a routing failure is retried, then fails it', async () => {
    const planId = await newPlan();
    const down: RoutingProvider = Object.assign(Object.create(new StraightLineProvider()) as RoutingProvider, {
      table: async () => {
        throw new RoutingError('OSRM did not answer', [{ name: 'osrm', reason: 'timeout after 10000 ms' }]);
      },
    });
    await expect(processPlanJob(job(planId, 0), { pool: db.pool, routing: down, solver: optimizerSolver })).rejects.toBeInstanceOf(RoutingError);
    let plan = (await db.pool.query('SELECT status, failure_reason FROM plans WHERE id = $1', [planId])).rows[0];
    expect(plan.status).toBe('queued');
    expect(plan.failure_reason).toBe('attempt 1 failed, retrying: OSRM did not answer (osrm: timeout after 10000 ms)');
    await expect(processPlanJob(job(planId, 1), { pool: db.pool, routing: down, solver: optimizerSolver })).rejects.toBeInstanceOf(RoutingError);
    plan = (await db.pool.query('SELECT status, failure_reason FROM plans WHERE id = $1', [planId])).rows[0];
    expect(plan).toEqual({ status: 'failed', failure_reason: 'OSRM did not answer (osrm: timeout after 10000 ms)' });
  });
});
