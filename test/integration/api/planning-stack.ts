/**
 * The planning stack of the plan tests: a fresh database with a seeded municipality, the plan queue
 * and a real plan worker on this machine's Redis under a random prefix (straight-line router), and
 * the app. `close()` takes all of it down and removes the queue's keys.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { createPlanJobs, type PlanJobs } from '../../../api/jobs/plan-jobs.ts';
import { startPlanWorker, type PlanWorker } from '../../../api/jobs/plan-worker.ts';
import { loadConfig } from '../../../platform/config.ts';
import { createLogger } from '../../../platform/logger.ts';
import { clearQueuePrefix, createTestDatabase, randomQueuePrefix, randomTenant, TEST_REDIS_URL, type TestDatabase } from '../../helpers/index.ts';
import { seedMunicipality, type Seeded } from './fixtures.ts';

export interface PlanningStack {
  db: TestDatabase;
  seed: Seeded;
  planJobs: PlanJobs;
  worker: PlanWorker;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** `prepare` runs after seeding, before the worker starts (e.g. to change vehicle costs). */
export async function startPlanningStack(prepare?: (db: TestDatabase, seed: Seeded) => Promise<void>): Promise<PlanningStack> {
  const prefix = randomQueuePrefix();
  const db = await createTestDatabase();
  const seed = await seedMunicipality(db.pool, randomTenant());
  await prepare?.(db, seed);
  const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'silent' });
  const planJobs = await createPlanJobs({ redisUrl: TEST_REDIS_URL, prefix });
  const worker = await startPlanWorker({ config, logger: createLogger('silent'), prefix, router: 'straight-line' });
  const app = await buildApp({ pool: db.pool, planJobs, defaultTenant: seed.tenant, sseHeartbeatMs: 500 });
  return {
    db, seed, planJobs, worker, app,
    async close() {
      await app.close();
      await worker.close();
      await planJobs.close();
      await clearQueuePrefix(prefix);
      await db.drop();
    },
  };
}
