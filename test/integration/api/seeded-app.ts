/** A fresh database with a small seeded municipality and the app on it (no plan queue). */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { seedMunicipality, type Seeded } from './fixtures.ts';

export interface SeededApp {
  db: TestDatabase;
  seed: Seeded;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startSeededApp(containerCount = 3): Promise<SeededApp> {
  const db = await createTestDatabase();
  const seed = await seedMunicipality(db.pool, randomTenant(), containerCount);
  const app = await buildApp({ pool: db.pool, defaultTenant: seed.tenant });
  return {
    db, seed, app,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
