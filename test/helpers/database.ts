/**
 * A fresh, migrated PostgreSQL database per test file on this machine's real server, dropped
 * afterwards. Use in `beforeAll` / `afterAll`:
 *
 *   const db = await createTestDatabase();   // db.url, db.pool
 *   ...
 *   await db.drop();
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool, quoteIdent, withDatabase } from '../../platform/db.ts';
import { migrateDatabase } from '../../ingest/migrations/index.ts';

export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly pool: pg.Pool;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(TEST_SERVER_URL, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: { migrate?: boolean; tenant?: string } = {}): Promise<TestDatabase> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const url = withDatabase(TEST_SERVER_URL, name);
  if (options.migrate ?? true) await migrateDatabase(url);
  const pool = createPool(url, { max: 5 });
  if (options.tenant) {
    await pool.query(`INSERT INTO tenants (id, name) VALUES ($1, $1) ON CONFLICT DO NOTHING`, [options.tenant]);
  }
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    },
  };
}
