/**
 * Commits a batch of decoded messages, whatever the database does: connection lost or database
 * away → back off and retry the whole batch on a fresh connection (nothing was committed, the
 * messages are still unacknowledged); a row the database refuses (data error) → split the batch
 * until the row is alone and dead-letter it, so one bad row never blocks the others.
 */
import type pg from 'pg';
import type { Logger } from '../../platform/logger.ts';
import { prepareBatch, sensorsOf, type DecodedItem, type PreparedBatch } from '../pipeline/prepare-batch.ts';
import { backoffMs, isDataError } from './db-errors.ts';
import { commitBatch, type CommitOutcome } from './readings-writer.ts';
import type { SensorRegistry } from './sensor-registry.ts';

export interface BatchCommitterOptions {
  pool: pg.Pool;
  registry: SensorRegistry;
  logger: Logger;
  onRetry?: (err: unknown, attempt: number) => void;
  /** Stop retrying (shutdown deadline passed): the batch stays unacknowledged. */
  shouldGiveUp?: () => boolean;
}

const guarded = new WeakSet<pg.PoolClient>();

export class GaveUp extends Error {}

function merge(a: CommitOutcome, b: CommitOutcome): CommitOutcome {
  return {
    stored: a.stored + b.stored,
    duplicates: a.duplicates + b.duplicates,
    deadLetters: [...a.deadLetters, ...b.deadLetters],
    alerts: [...a.alerts, ...b.alerts],
    collectionEvents: a.collectionEvents + b.collectionEvents,
  };
}

async function commitIsolating(db: pg.ClientBase, batch: PreparedBatch, log: Logger): Promise<CommitOutcome> {
  try {
    return await commitBatch(db, batch);
  } catch (err) {
    if (!isDataError(err)) throw err;
    if (batch.rows.length === 0) {
      // Only dead letters and they were refused: nothing more we can store for these messages.
      log.error({ err: (err as Error).message, count: batch.deadLetters.length }, 'dead letters refused by the database; dropped');
      return { stored: 0, duplicates: 0, deadLetters: [], alerts: [], collectionEvents: 0 };
    }
    if (batch.rows.length === 1) {
      const row = batch.rows[0]!;
      return commitIsolating(db, {
        rows: [],
        unknownDevices: batch.unknownDevices,
        deadLetters: [...batch.deadLetters, {
          tenantId: row.reading.tenantId, topic: row.topic, payload: row.payload, reason: 'database_rejected',
          detail: `database: ${(err as Error).message}`,
        }],
      }, log);
    }
    const half = Math.ceil(batch.rows.length / 2);
    const first = await commitIsolating(db, { rows: batch.rows.slice(0, half), deadLetters: batch.deadLetters, unknownDevices: batch.unknownDevices }, log);
    const second = await commitIsolating(db, { rows: batch.rows.slice(half), deadLetters: [] }, log);
    return merge(first, second);
  }
}

export function createBatchCommitter(options: BatchCommitterOptions) {
  const { pool, registry, logger } = options;
  return async function commit(items: DecodedItem[]): Promise<CommitOutcome> {
    for (let attempt = 0; ; attempt++) {
      let client: pg.PoolClient | undefined;
      try {
        client = await pool.connect();
        if (!guarded.has(client)) {
          // A checked-out client whose connection dies emits 'error'; unhandled, that would end the
          // process. The failing query rejects as well, which is where it is dealt with.
          client.on('error', () => {});
          guarded.add(client);
        }
        const sensors = await registry.lookup(client, sensorsOf(items));
        const outcome = await commitIsolating(client, prepareBatch(items, sensors, (t, id) => registry.otherTenantsOf(t, id)), logger);
        client.release();
        return outcome;
      } catch (err) {
        // A connection that failed mid-transaction is not reused.
        client?.release(err as Error);
        if (options.shouldGiveUp?.()) throw new GaveUp('gave up committing a batch at shutdown', { cause: err });
        options.onRetry?.(err, attempt);
        const wait = backoffMs(attempt);
        // Retried forever: the messages stay unacknowledged in the broker, nothing is lost, and
        // ingest_lag_seconds / ingest_db_retries_total show the stall. Persistent failures log as errors.
        const level = attempt < 5 ? 'warn' : 'error';
        logger[level]({ err: (err as Error).message, code: (err as { code?: string }).code, attempt, waitMs: wait, batch: items.length },
          'batch commit failed; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  };
}
