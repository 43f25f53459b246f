import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../ingest/migrations/index.ts';
import { createPgliteTimescale, type PgliteTimescale } from '../../helpers/pglite-timescale.ts';

// The TimescaleDB branch of the same migration, on the in-process PGlite + TimescaleDB 2.23 build.
describe('migrations on TimescaleDB (PGlite build)', () => {
  let db: PgliteTimescale;
  beforeAll(async () => {
    db = await createPgliteTimescale();
  });
  afterAll(async () => db?.close());

  it('detects TimescaleDB and applies the hypertable branch, idempotently', async () => {
    const logs: string[] = [];
    const first = await migrate(db, { log: (m) => logs.push(m), readingsRetentionDays: 400 });
    expect(first.mode).toBe('timescaledb');
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(logs[0]).toMatch(/TimescaleDB/);
    expect((await migrate(db, { readingsRetentionDays: 400 })).applied).toEqual([]);
  });

  it('makes readings a hypertable with daily chunks', async () => {
    const { rows } = await db.query<{ hypertable_name: string }>(
      `SELECT hypertable_name FROM timescaledb_information.hypertables WHERE hypertable_name = 'readings'`,
    );
    expect(rows).toHaveLength(1);
    const dims = await db.query<{ time_interval: unknown }>(
      `SELECT time_interval::text AS time_interval FROM timescaledb_information.dimensions WHERE hypertable_name = 'readings'`,
    );
    expect(String(dims.rows[0]!.time_interval)).toBe('1 day');
  });

  it('adds compression (segmented by sensor), retention and continuous-aggregate policies', async () => {
    const jobs = await db.query<{ proc_name: string; config: Record<string, unknown> }>(
      `SELECT proc_name, config FROM timescaledb_information.jobs WHERE proc_name IN ('policy_compression','policy_retention','policy_refresh_continuous_aggregate')`,
    );
    const byName = Object.fromEntries(jobs.rows.map((j) => [j.proc_name, j.config]));
    expect(Object.keys(byName).sort()).toEqual(['policy_compression', 'policy_refresh_continuous_aggregate', 'policy_retention']);
    expect(byName.policy_retention).toMatchObject({ drop_after: '400 days' });
    const seg = await db.query<{ attname: string }>(
      `SELECT attname FROM timescaledb_information.compression_settings WHERE hypertable_name = 'readings' AND segmentby_column_index IS NOT NULL ORDER BY segmentby_column_index`,
    );
    expect(seg.rows.map((r) => r.attname)).toEqual(['tenant_id', 'sensor_id']);
  });

  it('keeps (sensor, time) unique on the hypertable', async () => {
    await db.query(`INSERT INTO tenants (id, name) VALUES ('gouda', 'Gouda')`);
    const insert = `INSERT INTO readings (time, tenant_id, sensor_id, fill_level) VALUES ('2026-11-25T10:00:00Z', 'gouda', 's1', 0.4)`;
    await db.query(insert);
    await expect(db.query(insert)).rejects.toThrow(/duplicate key/);
  });

  it('answers the hourly continuous aggregate (real-time) and after a refresh', async () => {
    await db.query(`INSERT INTO containers (tenant_id, id, lon, lat, fraction, volume_m3, type) VALUES ('gouda','c1',4.7,52.0,'paper',3,'underground')`);
    for (const [t, f] of [['2026-11-25T08:05:00Z', 0.2], ['2026-11-25T08:35:00Z', 0.4], ['2026-11-25T09:05:00Z', 0.5]] as const) {
      await db.query(`INSERT INTO readings (time, tenant_id, sensor_id, container_id, fill_level) VALUES ($1,'gouda','s9','c1',$2)`, [t, f]);
    }
    const q = `SELECT round(avg_fill::numeric, 2)::float AS avg, readings::int AS n FROM fill_hourly WHERE container_id = 'c1' ORDER BY bucket`;
    expect((await db.query(q)).rows).toEqual([{ avg: 0.3, n: 2 }, { avg: 0.5, n: 1 }]);
    await db.exec(`CALL refresh_continuous_aggregate('fill_hourly', '2026-11-25 00:00+00', '2026-11-26 00:00+00')`);
    expect((await db.query(q)).rows).toEqual([{ avg: 0.3, n: 2 }, { avg: 0.5, n: 1 }]);
  });
});
