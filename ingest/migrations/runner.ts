/**
 * Ordered migrations with a `schema_migrations` table. Safe to run from several processes at once
 * (advisory lock) and any number of times (applied versions are skipped). Detects TimescaleDB from
 * `pg_available_extensions` and logs which storage mode is active.
 */
import type { SqlRunner } from '../../platform/db.ts';
import type { Migration, MigrationContext, StorageMode } from './types.ts';
import { coreSchema } from './001-core-schema.ts';
import { readingsStorage } from './002-readings-storage.ts';
import { apiTokensProcessingLog } from './004-api-tokens-processing-log.ts';
import { planDecisions } from './007-plan-decisions.ts';

export const MIGRATIONS: readonly Migration[] = [coreSchema, readingsStorage, apiTokensProcessingLog, planDecisions];

// Arbitrary constant shared by every process of this application.
const LOCK_KEY = 727_274_001;

export interface MigrateOptions {
  readingsRetentionDays?: number;
  /** Force a mode (tests); default: detect. */
  mode?: StorageMode;
  log?: (msg: string, data?: Record<string, unknown>) => void;
  /** PGlite has no session advisory locks worth taking (single connection). */
  lock?: boolean;
}

export interface MigrateResult {
  mode: StorageMode;
  applied: number[];
  current: number;
}

export async function detectStorageMode(db: SqlRunner): Promise<StorageMode> {
  const { rows } = await db.query<{ available: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') AS available`,
  );
  return rows[0]?.available ? 'timescaledb' : 'postgresql';
}

export async function migrate(db: SqlRunner, options: MigrateOptions = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const lock = options.lock ?? true;
  if (lock) await db.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    const mode = options.mode ?? (await detectStorageMode(db));
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
    const ctx: MigrationContext = { mode, readingsRetentionDays: options.readingsRetentionDays ?? 730 };
    const applied: number[] = [];

    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      if (m.transactional) await db.exec('BEGIN');
      try {
        await m.up(db, ctx);
        await db.query('INSERT INTO schema_migrations (version, name, mode) VALUES ($1, $2, $3)', [m.version, m.name, mode]);
        if (m.transactional) await db.exec('COMMIT');
      } catch (err) {
        if (m.transactional) await db.exec('ROLLBACK');
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.version);
      log(`applied migration ${m.version}: ${m.name}`, { version: m.version });
    }
    return { mode, applied, current: MIGRATIONS[MIGRATIONS.length - 1]!.version };
  } finally {
    if (lock) await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
