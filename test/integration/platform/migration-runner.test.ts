/**
 * The runner on this machine's PostgreSQL 15: a migration that loses its connection is reported
 * with its own error (the lock release in `finally` used to throw over it), and TIMESCALEDB=require
 * on a server without the extension stops before migrating.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateDatabase, TimescaleConfigError } from '../../../ingest/migrations/index.ts';
import type { Migration } from '../../../ingest/migrations/index.ts';
import { readTimescaleCatalog } from '../../../ingest/migrations/timescale-capabilities.ts';
import { poolRunner } from '../../../platform/db.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';

describe('migration runner', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => db?.drop());

  it('reads the catalog of this server: no timescaledb, a real (not statically linked) build', async () => {
    const catalog = await readTimescaleCatalog(poolRunner(db.pool));
    expect(catalog).toMatchObject({ available: false, installedVersion: undefined, staticallyLinked: false });
    expect(typeof catalog.preloadLibraries).toBe('string');
  });

  it('TIMESCALEDB=require without the extension stops naming TIMESCALEDB, before any migration', async () => {
    const error = await migrateDatabase(db.url, { timescaledb: 'require' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimescaleConfigError);
    expect((error as TimescaleConfigError).details[0]!.name).toBe('TIMESCALEDB');
    const { rows } = await db.pool.query(`SELECT to_regclass('schema_migrations') AS t`);
    expect(rows[0].t).toBeNull();
  });

  it.each([true, false])('a migration that loses its session reports its own error, not the lock release (transactional: %s)', async (transactional) => {
    const dies: Migration = {
      version: 99,
      name: 'loses its session',
      transactional,
      async up(runner) {
        await runner.query('SELECT pg_terminate_backend(pg_backend_pid())');
      },
    };
    const error = (await migrateDatabase(db.url, { migrations: [...MIGRATIONS, dies] }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/^migration 99 \(loses its session\) failed: terminating connection due to administrator command/);
  });
});
