import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateDatabase } from '../../../ingest/migrations/index.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';

const TABLES = [
  'tenants', 'depots', 'disposal_facilities', 'vehicle_types', 'vehicles', 'containers', 'sensors',
  'readings', 'container_state', 'collection_events', 'plans', 'routes', 'route_stops', 'stop_events',
  'alerts', 'dead_letters', 'schema_migrations',
];

describe('migrations on plain PostgreSQL (this machine)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => db?.drop());

  it('apply in plain mode, then run again as a no-op', async () => {
    const logs: string[] = [];
    const first = await migrateDatabase(db.url, { log: (m) => logs.push(m) });
    expect(first.mode).toBe('postgresql');
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(logs[0]).toMatch(/plain PostgreSQL/);
    const second = await migrateDatabase(db.url);
    expect(second.applied).toEqual([]);
    // concurrent starts (several processes) serialise on the advisory lock
    const both = await Promise.all([migrateDatabase(db.url), migrateDatabase(db.url)]);
    expect(both.map((r) => r.applied)).toEqual([[], []]);
  });

  it('creates every table of the data model', async () => {
    const { rows } = await db.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(TABLES));
  });

  it('keeps one reading per (sensor, time) and lets ON CONFLICT make writes idempotent', async () => {
    await db.pool.query(`INSERT INTO tenants (id, name) VALUES ('gouda', 'Gouda')`);
    const insert = `INSERT INTO readings (time, tenant_id, sensor_id, fill_level) VALUES ($1, 'gouda', 's1', $2)`;
    await db.pool.query(insert, ['2026-11-25T10:00:00Z', 0.4]);
    await expect(db.pool.query(insert, ['2026-11-25T10:00:00Z', 0.5])).rejects.toMatchObject({ code: '23505' });
    await db.pool.query(`${insert} ON CONFLICT ON CONSTRAINT readings_sensor_time_key DO NOTHING`, ['2026-11-25T10:00:00Z', 0.5]);
    await db.pool.query(insert, ['2026-11-25T11:00:00Z', 0.5]);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM readings`);
    expect(rows[0].n).toBe(2);
  });

  it('rejects out-of-range values with a check constraint', async () => {
    await expect(
      db.pool.query(`INSERT INTO readings (time, tenant_id, sensor_id, fill_level) VALUES (now(), 'gouda', 's2', 7)`),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      db.pool.query(`INSERT INTO containers (tenant_id, id, lon, lat, fraction, volume_m3, type) VALUES ('gouda','c1',4.7,52.0,'plutonium',3,'street')`),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('answers the hourly fill view with the same columns as the continuous aggregate', async () => {
    await db.pool.query(`INSERT INTO depots (tenant_id, id, name, lon, lat) VALUES ('gouda','d1','Depot',4.7,52.0)`);
    await db.pool.query(`INSERT INTO containers (tenant_id, id, lon, lat, fraction, volume_m3, type) VALUES ('gouda','c1',4.7,52.0,'paper',3,'underground')`);
    for (const [t, f] of [['2026-11-25T08:05:00Z', 0.2], ['2026-11-25T08:35:00Z', 0.4], ['2026-11-25T09:05:00Z', 0.5]] as const) {
      await db.pool.query(`INSERT INTO readings (time, tenant_id, sensor_id, container_id, fill_level) VALUES ($1,'gouda','s9','c1',$2)`, [t, f]);
    }
    const { rows } = await db.pool.query(
      `SELECT bucket, round(avg_fill::numeric, 2)::float AS avg, max_fill, readings::int FROM fill_hourly WHERE container_id = 'c1' ORDER BY bucket`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ avg: 0.3, readings: 2 });
  });
});
