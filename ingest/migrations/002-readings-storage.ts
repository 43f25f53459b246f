/**
 * Readings storage: the one place where the two storage modes differ.
 * - timescaledb: hypertable with daily chunks, compression after 7 days segmented by sensor,
 *   a retention policy, and `fill_hourly` as a continuous aggregate refreshed by a policy
 *   (see timescale-storage.ts; an Apache-only build gets the hypertable and a plain view). The
 *   policies are not created here but reconciled with the configuration at every start.
 * - postgresql: the plain table with time indexes, and `fill_hourly` as an ordinary view with the
 *   same columns, so the rest of the system reads it the same way.
 * Written to be re-runnable (IF NOT EXISTS / if_not_exists) because it is not transactional.
 */
import { createTimescaleStorage, PLAIN_FILL_HOURLY_SQL } from './timescale-storage.ts';
import type { Migration } from './types.ts';

export const readingsStorage: Migration = {
  version: 2,
  name: 'readings storage (hypertable or plain)',
  transactional: false,
  async up(db, ctx) {
    await db.exec(`
CREATE INDEX IF NOT EXISTS readings_container_time_idx ON readings (tenant_id, container_id, time DESC);
CREATE INDEX IF NOT EXISTS readings_time_idx ON readings (time DESC);`);

    if (ctx.mode === 'postgresql') {
      await db.exec(PLAIN_FILL_HOURLY_SQL);
      return;
    }
    await createTimescaleStorage(db, ctx);
  },
};
