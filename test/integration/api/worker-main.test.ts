/** The worker's own process (docker compose `worker`): starts on real Redis, solves a plan, stops on SIGTERM. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanJobs, type PlanJobs } from '../../../api/jobs/plan-jobs.ts';
import { clearQueuePrefix, createTestDatabase, randomQueuePrefix, randomTenant, spawnTs, TEST_REDIS_URL, type Spawned, type TestDatabase } from '../../helpers/index.ts';
import { seedMunicipality, todayAmsterdam } from './fixtures.ts';

let db: TestDatabase;
let planJobs: PlanJobs;
let worker: Spawned;
const prefix = randomQueuePrefix();
let tenant: string;

beforeAll(async () => {
  db = await createTestDatabase();
  tenant = (await seedMunicipality(db.pool, randomTenant(), 4)).tenant;
  planJobs = await createPlanJobs({ redisUrl: TEST_REDIS_URL, prefix });
  worker = spawnTs('api/jobs/worker-main.ts', { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, WORKER_QUEUE_PREFIX: prefix, LOG_LEVEL: 'info', OSM_PBF: '/nonexistent.osm.pbf' });
  await worker.waitFor(/plan worker started/);
});
afterAll(async () => {
  await worker?.stop();
  await planJobs?.close();
  await clearQueuePrefix(prefix);
  await db?.drop();
});

describe('worker process', () => {
  it('solves a queued plan and stops cleanly', async () => {
    const { rows } = await db.pool.query(`INSERT INTO plans (tenant_id, date) VALUES ($1, $2) RETURNING id`, [tenant, todayAmsterdam()]);
    const planId = rows[0].id;
    const done = new Promise<string>((resolve) => {
      const stop = planJobs.watch(planId, (e) => {
        if (e.type === 'completed' || e.type === 'failed') {
          stop();
          resolve(e.type);
        }
      });
    });
    await planJobs.enqueue({ planId, tenantId: tenant, kind: 'plan', timeLimitS: 1 }, planId);
    expect(await done).toBe('completed');
    const plan = (await db.pool.query('SELECT status, stats FROM plans WHERE id = $1', [planId])).rows[0];
    // no road network at OSM_PBF: the straight-line fallback, named in the stats
    expect(plan).toMatchObject({ status: 'draft', stats: { router: 'straight-line' } });
    expect(await worker.stop('SIGTERM')).toBe(0);
  });
});
