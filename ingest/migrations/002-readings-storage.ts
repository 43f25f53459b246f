/**
 * Readings storage: the one place where the two storage modes differ.
 * - timescaledb: hypertable with daily chunks, compression after 7 days segmented by sensor,
 *   a retention policy, and `fill_hourly` as a continuous aggregate refreshed by a policy.
 * - postgresql: the plain table with time indexes, and `fill_hourly` as an ordinary view with the
 *   same columns, so the rest of the system reads it the same way.
 * Written to be re-runnable (IF NOT EXISTS / if_not_exists) because it is not transactional.
 */
import type { Migration } from './types.ts';

const FILL_HOURLY_SELECT = `
  SELECT tenant_id, container_id, %BUCKET% AS bucket,
         avg(fill_level) AS avg_fill, min(fill_level) AS min_fill, max(fill_level) AS max_fill,
         count(*) AS readings
    FROM readings
   WHERE container_id IS NOT NULL
   GROUP BY tenant_id, container_id, bucket`;

export const readingsStorage: Migration = {
  version: 2,
  name: 'readings storage (hypertable or plain)',
  transactional: false,
  async up(db, ctx) {
    await db.exec(`
CREATE INDEX IF NOT EXISTS readings_container_time_idx ON readings (tenant_id, container_id, time DESC);
CREATE INDEX IF NOT EXISTS readings_time_idx ON readings (time DESC);`);

    if (ctx.mode === 'postgresql') {
      await db.exec(`CREATE OR REPLACE VIEW fill_hourly AS ${FILL_HOURLY_SELECT.replace('%BUCKET%', "date_trunc('hour', time)")};`);
      return;
    }

    await db.exec(`CREATE EXTENSION IF NOT EXISTS timescaledb;`);
    await db.query(
      `SELECT create_hypertable('readings', 'time', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE)`,
    );
    await db.exec(`ALTER TABLE readings SET (
      timescaledb.compress,
      timescaledb.compress_segmentby = 'tenant_id, sensor_id',
      timescaledb.compress_orderby = 'time DESC');`);
    await db.query(`SELECT add_compression_policy('readings', INTERVAL '7 days', if_not_exists => TRUE)`);
    await db.query(`SELECT remove_retention_policy('readings', if_exists => TRUE)`);
    await db.query(`SELECT add_retention_policy('readings', make_interval(days => $1::int), if_not_exists => TRUE)`, [
      ctx.readingsRetentionDays,
    ]);
    await db.exec(`CREATE MATERIALIZED VIEW IF NOT EXISTS fill_hourly
      WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
      ${FILL_HOURLY_SELECT.replace('%BUCKET%', "time_bucket(INTERVAL '1 hour', time)")}
      WITH NO DATA;`);
    await db.query(`SELECT add_continuous_aggregate_policy('fill_hourly',
      start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour',
      schedule_interval => INTERVAL '30 minutes', if_not_exists => TRUE)`);
  },
};
