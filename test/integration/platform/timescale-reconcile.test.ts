/**
 * TimescaleDB policies follow the configuration at every start, and the Apache-only branch, on
 * the in-process PGlite + TimescaleDB build. The license cannot be changed in a running session,
 * so the Apache branch is driven by the runner's license override (the decision itself is unit
 * tested on catalog values in test/unit/ingest/timescale-capabilities.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../ingest/migrations/index.ts';
import { readTimescaleCatalog, readTimescaleLicense } from '../../../ingest/migrations/timescale-capabilities.ts';
import { createPgliteTimescale, type PgliteTimescale } from '../../helpers/pglite-timescale.ts';

interface Job { job_id: number; proc_name: string; config: Record<string, string>; schedule_interval: string }

async function readingsJobs(db: PgliteTimescale): Promise<Record<string, Job>> {
  const { rows } = await db.query<Job>(
    `SELECT job_id, proc_name, config, schedule_interval::text AS schedule_interval FROM timescaledb_information.jobs
      WHERE proc_name IN ('policy_compression', 'policy_retention', 'policy_refresh_continuous_aggregate')`,
  );
  return Object.fromEntries(rows.map((j) => [j.proc_name, j]));
}

describe('TimescaleDB policies reconciled at every start (PGlite build)', () => {
  let db: PgliteTimescale;
  beforeAll(async () => {
    db = await createPgliteTimescale();
    await migrate(db, { lock: false, readingsRetentionDays: 400 });
  });
  afterAll(async () => db?.close());

  it('reads the catalog: available, installed, statically linked (no preload needed), Timescale license', async () => {
    const catalog = await readTimescaleCatalog(db);
    expect(catalog).toMatchObject({ available: true, staticallyLinked: true });
    expect(catalog.installedVersion).toBe(catalog.defaultVersion);
    expect(await readTimescaleLicense(db)).toBe('timescale');
  });

  it('a READINGS_RETENTION_DAYS changed later takes effect; unchanged policies keep their jobs', async () => {
    const before = await readingsJobs(db);
    expect(before.policy_retention!.config.drop_after).toBe('400 days');
    const logs: string[] = [];
    await migrate(db, { lock: false, readingsRetentionDays: 90, log: (m) => logs.push(m) });
    const after = await readingsJobs(db);
    expect(after.policy_retention!.config.drop_after).toBe('90 days');
    expect(logs.join('\n')).toMatch(/changed retention policy to drop after 90 days/);
    expect(after.policy_compression!.job_id).toBe(before.policy_compression!.job_id);
    expect(after.policy_refresh_continuous_aggregate!.job_id).toBe(before.policy_refresh_continuous_aggregate!.job_id);
    // the same configuration again changes nothing
    const again: string[] = [];
    await migrate(db, { lock: false, readingsRetentionDays: 90, log: (m) => again.push(m) });
    expect((await readingsJobs(db)).policy_retention!.job_id).toBe(after.policy_retention!.job_id);
    expect(again.filter((m) => /policy/.test(m))).toEqual([]);
  });

  it('puts back a policy removed or altered by hand', async () => {
    await db.query(`SELECT remove_compression_policy('readings')`);
    await db.query(`SELECT remove_continuous_aggregate_policy('fill_hourly')`);
    await db.query(`SELECT add_continuous_aggregate_policy('fill_hourly', start_offset => INTERVAL '1 day', end_offset => INTERVAL '2 hours', schedule_interval => INTERVAL '1 hour')`);
    await migrate(db, { lock: false, readingsRetentionDays: 90 });
    const jobs = await readingsJobs(db);
    expect(jobs.policy_compression!.config.compress_after).toBe('7 days');
    expect(jobs.policy_refresh_continuous_aggregate).toMatchObject({ config: { start_offset: '3 days', end_offset: '01:00:00' }, schedule_interval: '00:30:00' });
  });
});

describe('an Apache-only TimescaleDB (PGlite build, license override)', () => {
  let db: PgliteTimescale;
  beforeAll(async () => {
    db = await createPgliteTimescale();
  });
  afterAll(async () => db?.close());

  it('keeps the hypertable, skips compression and the continuous aggregate with a warning, and re-runs cleanly', async () => {
    const logs: string[] = [];
    const result = await migrate(db, { lock: false, timescaleLicense: 'apache', log: (m) => logs.push(m) });
    expect(result.mode).toBe('timescaledb');
    expect(logs.join('\n')).toMatch(/TimescaleDB warning: timescaledb.license is 'apache': no compression/);
    const ht = await db.query<{ compression_enabled: boolean }>(
      `SELECT compression_enabled FROM timescaledb_information.hypertables WHERE hypertable_name = 'readings'`);
    expect(ht.rows).toEqual([{ compression_enabled: false }]);
    expect(await readingsJobs(db)).toEqual({});
    const view = await db.query(`SELECT 1 FROM pg_views WHERE viewname = 'fill_hourly'`);
    expect(view.rows).toHaveLength(1);
    await expect(migrate(db, { lock: false, timescaleLicense: 'apache' })).resolves.toMatchObject({ applied: [] });
  });

  it('fill_hourly answers as a plain view, and retention drops old chunks at start', async () => {
    await db.query(`INSERT INTO tenants (id, name) VALUES ('gouda', 'Gouda')`);
    await db.query(`INSERT INTO containers (tenant_id, id, lon, lat, fraction, volume_m3, type) VALUES ('gouda','c1',4.7,52.0,'paper',3,'underground')`);
    await db.query(`INSERT INTO readings (time, tenant_id, sensor_id, container_id, fill_level) VALUES
      (now() - INTERVAL '2 hours', 'gouda', 's1', 'c1', 0.4), (now() - INTERVAL '800 days', 'gouda', 's1', 'c1', 0.2)`);
    const count = async () => (await db.query<{ n: number }>(`SELECT sum(readings)::int AS n FROM fill_hourly WHERE container_id = 'c1'`)).rows[0]!.n;
    expect(await count()).toBe(2);
    await migrate(db, { lock: false, timescaleLicense: 'apache', readingsRetentionDays: 730 });
    expect(await count()).toBe(1);
  });
});
