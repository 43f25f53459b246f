/**
 * The writer's idempotent insert (staging table → ON CONFLICT ON CONSTRAINT readings_sensor_time_key
 * DO NOTHING) on a TimescaleDB hypertable, with the in-process PGlite + TimescaleDB build (no COPY
 * there: the staging table is filled with INSERT).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../../ingest/migrations/index.ts';
import { INSERT_FROM_STAGE_SQL, STAGE_TABLE_SQL } from '../../../ingest/store/readings-writer.ts';
import { createPgliteTimescale, type PgliteTimescale } from '../../helpers/pglite-timescale.ts';

let db: PgliteTimescale;

beforeAll(async () => {
  db = await createPgliteTimescale();
  expect((await migrate(db, { lock: false })).mode).toBe('timescaledb');
});

afterAll(async () => db?.close());

it('a replayed batch adds no rows to the hypertable', async () => {
  await db.exec(STAGE_TABLE_SQL);
  const batch = `BEGIN;
    INSERT INTO ingest_stage (time, tenant_id, sensor_id, fill_level, flags) VALUES
      ('2026-11-24T10:00:00Z', 'demo', 's1', 0.5, 0), ('2026-11-25T10:00:00Z', 'demo', 's1', 0.6, 0), ('2026-11-25T10:00:00Z', 'demo', 's2', 0.1, 1);`;
  await db.exec(batch);
  expect((await db.query(INSERT_FROM_STAGE_SQL)).rows).toHaveLength(3);
  await db.exec('COMMIT');
  await db.exec(batch);
  expect((await db.query(INSERT_FROM_STAGE_SQL)).rows).toHaveLength(0);
  await db.exec('COMMIT');
  const { rows } = await db.query<{ n: number; chunks: number }>(
    `SELECT count(*)::int AS n, (SELECT count(*)::int FROM timescaledb_information.chunks WHERE hypertable_name = 'readings') AS chunks FROM readings`);
  expect(rows[0]).toEqual({ n: 3, chunks: 2 });
});
