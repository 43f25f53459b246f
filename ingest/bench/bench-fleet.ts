/**
 * The benchmark's data: a fresh database with one tenant and a fleet of sensors, and the readings
 * as a deterministic function of their index (so the raw COPY and the MQTT publishers produce the
 * same rows without holding a million of them in memory).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool, quoteIdent, withDatabase } from '../../platform/db.ts';
import { fillFromDistance, type ReadingInput, type SensorGeometry } from '../contracts/index.ts';
import { migrateDatabase } from '../migrations/index.ts';

export const BENCH_TENANT = 'bench';
export const GEOMETRY: SensorGeometry = { emptyDistanceMm: 1500, fullDistanceMm: 300 };

export interface BenchDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `bench_ingest_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  await migrateDatabase(url);
  const pool = createPool(url, { max: 3 });
  return {
    url,
    pool,
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function sensorIds(count: number): string[] {
  // DevEUI-like ids, deterministic.
  return Array.from({ length: count }, (_, i) => `ben${i.toString(16).padStart(13, '0')}`);
}

export async function seedFleet(pool: pg.Pool, ids: string[]): Promise<void> {
  await pool.query(`INSERT INTO tenants (id, name) VALUES ($1, 'Benchmark') ON CONFLICT DO NOTHING`, [BENCH_TENANT]);
  await pool.query(
    `INSERT INTO containers (tenant_id, id, lon, lat, fraction, volume_m3, type)
     SELECT $1, 'c-' || id, 7.42, 43.73, 'residual', 5, 'underground' FROM unnest($2::text[]) AS id`,
    [BENCH_TENANT, ids],
  );
  await pool.query(
    `INSERT INTO sensors (tenant_id, id, container_id, model, empty_distance_mm, full_distance_mm, reporting_interval_s)
     SELECT $1, id, 'c-' || id, 'bench', $3, $4, 600 FROM unnest($2::text[]) AS id`,
    [BENCH_TENANT, ids, GEOMETRY.emptyDistanceMm, GEOMETRY.fullDistanceMm],
  );
}

/**
 * Reading number i: sensor i mod n, every 10 minutes per sensor from `startMs`, a fill that rises
 * slowly and is emptied now and then, so the pipeline's state and emptying code does real work.
 */
export function benchReading(i: number, ids: string[], startMs: number): ReadingInput {
  const sensor = i % ids.length;
  const step = Math.floor(i / ids.length);
  const fill = ((step * 7 + sensor * 13) % 100) / 110;
  return {
    tenantId: BENCH_TENANT,
    sensorId: ids[sensor]!,
    time: new Date(startMs + step * 600_000),
    distanceMm: Math.round(GEOMETRY.emptyDistanceMm - fill * (GEOMETRY.emptyDistanceMm - GEOMETRY.fullDistanceMm)),
    batteryPct: 60 + (sensor % 40),
    temperatureC: 10 + (step % 15),
    seq: i,
    flags: {},
  };
}

export function benchFill(r: ReadingInput): number {
  return fillFromDistance(r.distanceMm!, GEOMETRY);
}
