/** A fresh database with two seeded municipalities, the import queue and worker on a random prefix, and the app on them. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { createImportJobs, startImportWorker } from '../../../api/jobs/import-jobs.ts';
import { clearQueuePrefix, createTestDatabase, randomQueuePrefix, randomTenant, TEST_REDIS_URL, type TestDatabase } from '../../helpers/index.ts';
import { seedMunicipality, type Seeded } from '../api/fixtures.ts';

export interface ImportStack {
  db: TestDatabase;
  app: FastifyInstance;
  a: Seeded;
  b: Seeded;
  close(): Promise<void>;
}

export async function startImportStack(containers = 3): Promise<ImportStack> {
  const prefix = randomQueuePrefix();
  const db = await createTestDatabase();
  const a = await seedMunicipality(db.pool, randomTenant(), containers);
  const b = await seedMunicipality(db.pool, randomTenant(), containers);
  const jobs = await createImportJobs({ redisUrl: TEST_REDIS_URL, prefix });
  const worker = await startImportWorker({ redisUrl: TEST_REDIS_URL, prefix, pool: db.pool });
  const app = await buildApp({ pool: db.pool, defaultTenant: a.tenant, importJobs: jobs });
  return {
    db, app, a, b,
    async close() {
      await app.close();
      await worker.close();
      await jobs.close();
      await clearQueuePrefix(prefix);
      await db.drop();
    },
  };
}
