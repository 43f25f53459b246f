/**
 * The TimescaleDB side of readings storage: created once by migration 2, its policies reconciled
 * with the configuration at every start (a READINGS_RETENTION_DAYS changed later takes effect;
 * a policy removed or altered by hand is put back). Policies are compared in SQL (as intervals,
 * so '1 day' equals '24:00:00') and replaced only when they differ, which keeps job ids and
 * `timescaledb_information.job_history` intact across ordinary restarts.
 */
import type { SqlRunner } from '../../platform/db.ts';
import { featuresForLicense, readTimescaleLicense, type TimescaleFeatures } from './timescale-capabilities.ts';
import type { MigrationContext } from './types.ts';

export const FILL_HOURLY_SELECT = `
  SELECT tenant_id, container_id, %BUCKET% AS bucket,
         avg(fill_level) AS avg_fill, min(fill_level) AS min_fill, max(fill_level) AS max_fill,
         count(*) AS readings
    FROM readings
   WHERE container_id IS NOT NULL
   GROUP BY tenant_id, container_id, bucket`;

export const PLAIN_FILL_HOURLY_SQL = `CREATE OR REPLACE VIEW fill_hourly AS ${FILL_HOURLY_SELECT.replace('%BUCKET%', "date_trunc('hour', time)")};`;

/** The policies the configuration asks for (compression and refresh are fixed, retention configurable). */
export const COMPRESS_AFTER = '7 days';
export const REFRESH = { startOffset: '3 days', endOffset: '1 hour', scheduleInterval: '30 minutes' } as const;

async function features(db: SqlRunner, ctx: MigrationContext): Promise<TimescaleFeatures> {
  return featuresForLicense(ctx.timescaleLicense ?? (await readTimescaleLicense(db)));
}

/** Migration 2 on TimescaleDB: hypertable, compression settings, fill_hourly. Re-runnable. */
export async function createTimescaleStorage(db: SqlRunner, ctx: MigrationContext): Promise<void> {
  await db.exec(`CREATE EXTENSION IF NOT EXISTS timescaledb;`);
  await db.query(
    `SELECT create_hypertable('readings', 'time', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE)`,
  );
  const { timescaleLicense } = await features(db, ctx);
  if (!timescaleLicense) {
    await db.exec(PLAIN_FILL_HOURLY_SQL);
    return;
  }
  await enableCompression(db);
  await db.exec(`CREATE MATERIALIZED VIEW IF NOT EXISTS fill_hourly
    WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
    ${FILL_HOURLY_SELECT.replace('%BUCKET%', "time_bucket(INTERVAL '1 hour', time)")}
    WITH NO DATA;`);
}

async function enableCompression(db: SqlRunner): Promise<boolean> {
  const { rows } = await db.query<{ enabled: boolean }>(
    `SELECT compression_enabled AS enabled FROM timescaledb_information.hypertables WHERE hypertable_name = 'readings'`,
  );
  if (rows[0]?.enabled) return false;
  await db.exec(`ALTER TABLE readings SET (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'tenant_id, sensor_id',
    timescaledb.compress_orderby = 'time DESC');`);
  return true;
}

export async function isReadingsHypertable(db: SqlRunner): Promise<boolean> {
  const { rows } = await db.query<{ yes: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS yes`,
  );
  if (!rows[0]?.yes) return false;
  const ht = await db.query(`SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'readings'`);
  return ht.rows.length > 0;
}

interface JobSpec {
  readonly what: string;
  readonly proc: string;
  /** Names the jobs view may give the job's relation (for fill_hourly: the view or, in older releases, its materialization hypertable). */
  readonly relations: readonly string[];
  /** SQL over `config` and `schedule_interval` that is true when the job is as wanted; may use $3. */
  readonly matches: string;
  readonly value?: unknown;
  readonly wanted: string;
  readonly remove: string;
  readonly add: string;
  readonly addParams?: unknown[];
}

/** Makes the policy jobs of readings (and fill_hourly) what the configuration says. Every start. */
export async function reconcileTimescalePolicies(db: SqlRunner, ctx: MigrationContext): Promise<void> {
  const log = ctx.log ?? (() => {});
  const f = await features(db, ctx);
  if (!f.timescaleLicense) {
    log(`TimescaleDB warning: ${f.warning}`, { level: 'warn' });
    // Retention without a policy job: drop the chunks past the horizon now.
    await db.query(`SELECT drop_chunks('readings', older_than => make_interval(days => $1::int))`, [ctx.readingsRetentionDays]);
    return;
  }
  if (await enableCompression(db)) log('enabled compression on readings (segmented by tenant and sensor)');
  const jobs: JobSpec[] = [
    {
      what: 'compression policy',
      proc: 'policy_compression',
      relations: ['readings'],
      matches: `(config->>'compress_after')::interval = $3::interval`,
      value: COMPRESS_AFTER,
      wanted: `compress after ${COMPRESS_AFTER}`,
      remove: `SELECT remove_compression_policy('readings', if_exists => TRUE)`,
      add: `SELECT add_compression_policy('readings', INTERVAL '${COMPRESS_AFTER}')`,
    },
    {
      what: 'retention policy',
      proc: 'policy_retention',
      relations: ['readings'],
      matches: `(config->>'drop_after')::interval = make_interval(days => $3::int)`,
      value: ctx.readingsRetentionDays,
      wanted: `drop after ${ctx.readingsRetentionDays} days (READINGS_RETENTION_DAYS)`,
      remove: `SELECT remove_retention_policy('readings', if_exists => TRUE)`,
      add: `SELECT add_retention_policy('readings', make_interval(days => $1::int))`,
      addParams: [ctx.readingsRetentionDays],
    },
  ];
  const cagg = await db.query<{ mat: string }>(
    `SELECT materialization_hypertable_name AS mat FROM timescaledb_information.continuous_aggregates WHERE view_name = 'fill_hourly'`,
  );
  if (cagg.rows[0]) {
    jobs.push({
      what: 'continuous aggregate refresh policy',
      proc: 'policy_refresh_continuous_aggregate',
      relations: ['fill_hourly', cagg.rows[0].mat],
      matches: `(config->>'start_offset')::interval = INTERVAL '${REFRESH.startOffset}'
        AND (config->>'end_offset')::interval = INTERVAL '${REFRESH.endOffset}'
        AND schedule_interval = INTERVAL '${REFRESH.scheduleInterval}'`,
      wanted: `refresh ${REFRESH.startOffset} to ${REFRESH.endOffset} back, every ${REFRESH.scheduleInterval}`,
      remove: `SELECT remove_continuous_aggregate_policy('fill_hourly', if_exists => TRUE)`,
      add: `SELECT add_continuous_aggregate_policy('fill_hourly', start_offset => INTERVAL '${REFRESH.startOffset}',
        end_offset => INTERVAL '${REFRESH.endOffset}', schedule_interval => INTERVAL '${REFRESH.scheduleInterval}')`,
    });
  } else {
    log('TimescaleDB warning: fill_hourly is a plain view (created under an Apache-only license); it stays one', { level: 'warn' });
  }
  for (const job of jobs) await reconcileJob(db, job, log);
}

async function reconcileJob(db: SqlRunner, job: JobSpec, log: NonNullable<MigrationContext['log']>): Promise<void> {
  const params = job.value === undefined ? [job.proc, job.relations] : [job.proc, job.relations, job.value];
  const { rows } = await db.query<{ job_id: number; config: string; same: boolean }>(
    `SELECT job_id, config::text AS config, (${job.matches}) AS same
       FROM timescaledb_information.jobs WHERE proc_name = $1 AND hypertable_name = ANY($2::text[])`,
    params,
  );
  if (rows.length === 1 && rows[0]!.same) return;
  if (rows.length > 0) await db.query(job.remove);
  await db.query(job.add, job.addParams);
  log(rows.length === 0 ? `added ${job.what}: ${job.wanted}` : `changed ${job.what} to ${job.wanted} (was ${rows[0]!.config})`, {
    policy: job.proc,
  });
}
