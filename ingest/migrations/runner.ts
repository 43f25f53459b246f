/**
 * Ordered migrations with a `schema_migrations` table. Safe to run from several processes at once
 * (advisory lock) and any number of times (applied versions are skipped). Decides the storage
 * mode from the catalog before migrating (timescale-capabilities.ts, TIMESCALEDB=auto|require|off),
 * logs it, and reconciles the TimescaleDB policies with the configuration at every start.
 */
import type { SqlRunner } from '../../platform/db.ts';
import { decideTimescale, readTimescaleCatalog, type TimescalePlan, type TimescaleSetting } from './timescale-capabilities.ts';
import { isReadingsHypertable, reconcileTimescalePolicies } from './timescale-storage.ts';
import type { Migration, MigrationContext, MigrationLog, StorageMode } from './types.ts';
import { coreSchema } from './001-core-schema.ts';
import { readingsStorage } from './002-readings-storage.ts';
import { apiTokensProcessingLog } from './004-api-tokens-processing-log.ts';
import { registrySchema } from './005-registry.ts';
import { sensorBindingsIntegrations } from './006-sensor-bindings-integrations.ts';
import { planDecisions } from './007-plan-decisions.ts';
import { tokenIssuerRevocation } from './008-token-issuer-revocation.ts';
import { deadLetterExcerpts } from './010-dead-letter-excerpts.ts';

export const MIGRATIONS: readonly Migration[] = [
  coreSchema,
  readingsStorage,
  apiTokensProcessingLog,
  registrySchema,
  sensorBindingsIntegrations,
  planDecisions,
  tokenIssuerRevocation,
  deadLetterExcerpts,
];

// Arbitrary constant shared by every process of this application.
const LOCK_KEY = 727_274_001;

export interface MigrateOptions {
  readingsRetentionDays?: number;
  /** TIMESCALEDB: auto (default), require or off. */
  timescaledb?: TimescaleSetting;
  /** Force a mode (tests); default: decided from the catalog. */
  mode?: StorageMode;
  /** Overrides the server's `timescaledb.license` (tests of the Apache-only branch). */
  timescaleLicense?: string;
  /** Replaces the migration list (tests of the runner itself). */
  migrations?: readonly Migration[];
  log?: MigrationLog;
  /** PGlite has no session advisory locks worth taking (single connection). */
  lock?: boolean;
}

export interface MigrateResult {
  mode: StorageMode;
  applied: number[];
  current: number;
}

/** The storage mode this start will use (throws a TimescaleConfigError when it cannot be honoured). */
export async function planStorage(db: SqlRunner, setting: TimescaleSetting = 'auto'): Promise<TimescalePlan> {
  return decideTimescale(await readTimescaleCatalog(db), setting);
}

export async function detectStorageMode(db: SqlRunner, setting: TimescaleSetting = 'auto'): Promise<StorageMode> {
  return (await planStorage(db, setting)).mode;
}

export async function migrate(db: SqlRunner, options: MigrateOptions = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const lock = options.lock ?? true;
  const migrations = options.migrations ?? MIGRATIONS;
  if (lock) await db.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  let failed = false;
  try {
    const plan: TimescalePlan = options.mode
      ? { mode: options.mode, updateExtension: false, warnings: [] }
      : await planStorage(db, options.timescaledb);
    for (const warning of plan.warnings) log(`TimescaleDB warning: ${warning}`, { level: 'warn' });
    if (plan.updateExtension) {
      // migrateDatabase updates on a fresh session first; a caller's own session cannot.
      log('TimescaleDB warning: the installed extension is older than the server\'s; run ALTER EXTENSION timescaledb UPDATE as the first statement of a new session', { level: 'warn' });
    }
    const mode = plan.mode;
    log(mode === 'timescaledb'
      ? 'storage mode: TimescaleDB (hypertable, compression, retention, continuous aggregate)'
      : 'storage mode: plain PostgreSQL (TimescaleDB not available: plain tables and indexes)', { mode });

    await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      mode text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    const ctx: MigrationContext = {
      mode, readingsRetentionDays: options.readingsRetentionDays ?? 730, log, timescaleLicense: options.timescaleLicense,
    };
    const applied: number[] = [];

    for (const m of migrations) {
      if (done.has(m.version)) continue;
      if (m.transactional) await db.exec('BEGIN');
      try {
        await m.up(db, ctx);
        await db.query('INSERT INTO schema_migrations (version, name, mode) VALUES ($1, $2, $3)', [m.version, m.name, mode]);
        if (m.transactional) await db.exec('COMMIT');
      } catch (err) {
        // A lost connection fails the ROLLBACK too; the migration's own error is the one to report.
        if (m.transactional) await db.exec('ROLLBACK').catch(() => {});
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.version);
      log(`applied migration ${m.version}: ${m.name}`, { version: m.version });
    }
    if (mode === 'timescaledb' && (await isReadingsHypertable(db))) await reconcileTimescalePolicies(db, ctx);
    return { mode, applied, current: migrations[migrations.length - 1]!.version };
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    if (lock) {
      try {
        await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
      } catch (unlockErr) {
        // Never mask the real error; a session lock ends with its connection anyway.
        if (!failed) log('could not release the migration lock (released when the connection closes)', { level: 'warn', err: String(unlockErr) });
      }
    }
  }
}
