/**
 * The ingest writer's production path — COPY straight into the readings hypertable, and on a
 * replay the fallback to the staging table with INSERT … ON CONFLICT ON CONSTRAINT
 * readings_sensor_time_key DO NOTHING — run by commitBatch itself on the PGlite + TimescaleDB
 * build, including into a compressed chunk. Only the transport differs from a real server: the
 * COPY statements read their rows from '/dev/blob' instead of STDIN (see pglite-pg-client.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../../ingest/migrations/index.ts';
import type { PreparedBatch, ReadingRow } from '../../../ingest/pipeline/prepare-batch.ts';
import type { SensorInfo } from '../../../ingest/store/sensor-registry.ts';
import { commitBatch } from '../../../ingest/store/readings-writer.ts';
import { createPgliteTimescale, type PgliteTimescale } from '../../helpers/pglite-timescale.ts';
import { pglitePgClient, type RecordingPgClient } from '../../helpers/pglite-pg-client.ts';

let db: PgliteTimescale;
let pg: RecordingPgClient;

const sensor: SensorInfo = {
  tenantId: 'gouda', sensorId: 's1', containerId: 'c1', reportingIntervalS: 3600, mustFill: 0.8, emptyDistanceMm: 1500, fullDistanceMm: 200,
};
// A fixed day well past the 7-day compression horizon, so its chunk can be compressed.
const base = Date.parse('2026-01-05T00:00:00Z');

function row(hour: number, fill: number): ReadingRow {
  const time = new Date(base + hour * 3_600_000).toISOString();
  return {
    topic: 'waste/v1/gouda/sensors/s1/reading',
    payload: Buffer.from('{}'),
    reading: { tenantId: 'gouda', sensorId: 's1', time, fillLevel: fill, flags: { fire: false, tilt: false, lidOpen: false }, seq: hour },
    fillLevel: fill,
    sensor,
  };
}
const batch = (rows: ReadingRow[]): PreparedBatch => ({ rows, deadLetters: [] });

async function readingCount(): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM readings WHERE sensor_id = 's1'`)).rows[0]!.n;
}

beforeAll(async () => {
  db = await createPgliteTimescale();
  expect((await migrate(db, { lock: false })).mode).toBe('timescaledb');
  await db.exec(`INSERT INTO tenants (id, name) VALUES ('gouda', 'Gouda');
    INSERT INTO containers (tenant_id, id, lon, lat, fraction, volume_m3, type) VALUES ('gouda', 'c1', 4.7, 52.0, 'paper', 3, 'underground');`);
  pg = pglitePgClient(db.pglite);
});

afterAll(async () => db?.close());

it('a new batch goes by COPY straight into the hypertable', async () => {
  const outcome = await commitBatch(pg.client, batch([row(1, 0.2), row(2, 0.25), row(3, 0.3)]));
  expect(outcome).toMatchObject({ stored: 3, duplicates: 0 });
  expect(pg.statements.filter((s) => s.startsWith('COPY'))).toEqual([expect.stringMatching(/^COPY readings \(time, tenant_id, sensor_id, .*\) FROM STDIN$/)]);
  expect(await readingCount()).toBe(3);
  const chunks = await db.query(`SELECT 1 FROM timescaledb_information.chunks WHERE hypertable_name = 'readings'`);
  expect(chunks.rows).toHaveLength(1);
});

it('a replay into a compressed chunk fails the direct COPY on the unique key, then stores only the new row via ON CONFLICT', async () => {
  const compressed = await db.query<{ c: string }>(
    `SELECT compress_chunk(c)::text AS c FROM show_chunks('readings', older_than => now() - INTERVAL '7 days') c`);
  expect(compressed.rows).toHaveLength(1);
  const state = await db.query<{ is_compressed: boolean }>(`SELECT is_compressed FROM timescaledb_information.chunks WHERE hypertable_name = 'readings'`);
  expect(state.rows).toEqual([{ is_compressed: true }]);

  pg.statements.length = 0;
  const outcome = await commitBatch(pg.client, batch([row(1, 0.2), row(2, 0.25), row(3, 0.3), row(4, 0.35)]));
  expect(outcome).toMatchObject({ stored: 1, duplicates: 3 });
  expect(outcome.collectionEvents).toBe(0);
  const path = pg.statements.filter((s) => /^(COPY|ROLLBACK TO SAVEPOINT|INSERT INTO readings)/.test(s.trim())).map((s) => s.trim().split(/\s+/).slice(0, 3).join(' '));
  expect(path).toEqual(['COPY readings (time,', 'ROLLBACK TO SAVEPOINT', 'COPY ingest_stage (time,', 'INSERT INTO readings']);
  expect(await readingCount()).toBe(4);
  const { rows } = await db.query<{ fill: number }>(`SELECT fill_level::float AS fill FROM readings WHERE sensor_id = 's1' AND time = $1`, [row(4, 0).reading.time]);
  expect(rows[0]!.fill).toBeCloseTo(0.35, 5);
});

it('the same replay again adds nothing; the container state follows the newest reading', async () => {
  const outcome = await commitBatch(pg.client, batch([row(1, 0.2), row(4, 0.35)]));
  expect(outcome).toMatchObject({ stored: 0, duplicates: 2 });
  expect(await readingCount()).toBe(4);
  const state = await db.query<{ fill: number; at: Date }>(`SELECT fill_level::float AS fill, measured_at AS at FROM container_state WHERE container_id = 'c1'`);
  expect(state.rows[0]!.fill).toBeCloseTo(0.35, 5);
  expect(new Date(state.rows[0]!.at).getTime()).toBe(base + 4 * 3_600_000);
});
