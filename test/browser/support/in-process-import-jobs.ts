/**
 * An ImportJobs that runs the real import job (processImport: the registry's import service on the
 * stored file) in this process instead of through BullMQ, a little after it was queued, keeping
 * the progress it reports. The browser tests need the page's behaviour, not the queue's (the
 * registry's integration tests cover that on real Redis).
 */
import type pg from 'pg';
import { processImport, type ImportJobs } from '../../../api/jobs/import-jobs.ts';
import type { ImportProgress } from '../../../registry/import/import-types.ts';

export function inProcessImportJobs(pool: pg.Pool, startDelayMs = 300): ImportJobs & { idle(): Promise<void> } {
  const progress = new Map<string, ImportProgress>();
  const running = new Set<Promise<void>>();
  return {
    async enqueue(data) {
      const run = new Promise<void>((resolve) => setTimeout(resolve, startDelayMs))
        .then(() => processImport({ pool, redisUrl: '', prefix: '' }, data, (p) => progress.set(data.importId, p)))
        .catch(() => {}); // a failed import is recorded in its row, which the page reads
      running.add(run);
      void run.finally(() => running.delete(run));
    },
    async progress(importId) {
      return progress.get(importId) ?? null;
    },
    async close() {
      await Promise.all(running);
    },
    async idle() {
      await Promise.all(running);
    },
  };
}
