import type { SqlRunner } from '../../platform/db.ts';

export type StorageMode = 'timescaledb' | 'postgresql';

/** Progress and warnings of a migration run; warnings carry `level: 'warn'` in data. */
export type MigrationLog = (msg: string, data?: Record<string, unknown>) => void;

export interface MigrationContext {
  readonly mode: StorageMode;
  readonly readingsRetentionDays: number;
  readonly log?: MigrationLog;
  /** Overrides `timescaledb.license` as read from the server (tests of the Apache-only branch). */
  readonly timescaleLicense?: string;
}

export interface Migration {
  /** Ordered, never renumbered once released. */
  readonly version: number;
  readonly name: string;
  /**
   * Whether the migration can run inside one transaction. TimescaleDB refuses to create a
   * continuous aggregate inside a transaction block, so that migration opts out and is written
   * to be re-runnable instead.
   */
  readonly transactional: boolean;
  up(db: SqlRunner, ctx: MigrationContext): Promise<void>;
}
