/**
 * Bulk imports through BullMQ, like plans: the API stores the file in `imports` (so an accepted
 * import is never lost) and queues its id; a worker runs the registry's import service and stores
 * the report — the same JSON as the CLI's. Progress is the job's progress; the final state and
 * report live in the database. Queue and worker are kept apart (the worker runs in the worker process).
 */
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type pg from 'pg';
import type { Config } from '../../platform/config.ts';
import { tenantRouter } from '../../registry/tenant-router.ts';
import { isAppError } from '../../platform/errors.ts';
import { runImport } from '../../registry/import/import-service.ts';
import type { ImportOptions, ImportProgress } from '../../registry/import/import-types.ts';
import type { RoadSnapper } from '../../registry/import/road-check.ts';
import type { TenantRouter } from '../../registry/tenant-settings.ts';
import { TenantStore } from '../../registry/store/tenants-store.ts';
import type { QueueSettings } from './plan-job-data.ts';
import { redisConnection } from './redis-connection.ts';

export const IMPORT_QUEUE_NAME = 'imports';

export interface ImportJobData {
  importId: string;
  tenantId: string;
}

export interface ImportJobs {
  enqueue(data: ImportJobData): Promise<void>;
  /** The last progress the running job reported, null when none (queued, or finished and removed). */
  progress(importId: string): Promise<ImportProgress | null>;
  close(): Promise<void>;
}

export async function createImportJobs(settings: QueueSettings): Promise<ImportJobs> {
  const queue = new Queue<ImportJobData>(settings.queueName ?? IMPORT_QUEUE_NAME, { connection: redisConnection(settings.redisUrl), prefix: settings.prefix });
  queue.on('error', () => {});
  await queue.waitUntilReady();
  return {
    async enqueue(data) {
      await queue.add('import', data, { jobId: data.importId, attempts: 2, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 86_400 }, removeOnFail: { age: 7 * 86_400 } });
    },
    async progress(importId) {
      const job = await queue.getJob(importId);
      return job && typeof job.progress === 'object' && job.progress !== null ? (job.progress as ImportProgress) : null;
    },
    close: () => queue.close(),
  };
}

export interface ImportWorkerOptions extends QueueSettings {
  pool: pg.Pool;
  /** The road check's router for a tenant; absent: imports without road check. */
  snapperFor?: (router: TenantRouter) => Promise<RoadSnapper | undefined>;
  log?: { warn(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
}

interface ImportRow {
  kind: string;
  options: ImportOptions;
  file_name: string | null;
  content: Buffer | null;
  created_by: string | null;
}

/** Runs one stored import and records its report (or why it failed). */
export async function processImport(o: ImportWorkerOptions, data: ImportJobData, onProgress: (p: ImportProgress) => void): Promise<void> {
  const { rows } = await o.pool.query<ImportRow>(
    `UPDATE imports SET status = 'running' WHERE id = $1 AND tenant_id = $2 AND status IN ('queued', 'running') RETURNING kind, options, file_name, content, created_by`,
    [data.importId, data.tenantId],
  );
  const row = rows[0];
  if (!row || !row.content) return; // finished already (a retry after the report was stored)
  try {
    const tenant = await new TenantStore(o.pool).get(data.tenantId);
    const snapper = row.kind === 'containers' && o.snapperFor ? await o.snapperFor(tenant.settings.router) : undefined;
    const report = await runImport(o.pool, {
      tenantId: data.tenantId, kind: row.kind, content: row.content.toString('utf8'), fileName: row.file_name ?? undefined, options: row.options,
      actor: { actor: row.created_by ?? 'api', role: 'dispatcher', requestId: `import/${data.importId}` }, snapper, onProgress,
    });
    await o.pool.query(`UPDATE imports SET status = 'completed', report = $2, content = NULL, finished_at = now() WHERE id = $1`, [data.importId, JSON.stringify(report)]);
  } catch (err) {
    // An input error (unknown kind, bad option) will not pass by retrying.
    if (isAppError(err) && err.kind === 'input') {
      await o.pool.query(`UPDATE imports SET status = 'failed', failure_reason = $2, content = NULL, finished_at = now() WHERE id = $1`, [data.importId, err.message]);
      throw new UnrecoverableError(err.message);
    }
    await o.pool.query(`UPDATE imports SET status = 'queued', failure_reason = $2 WHERE id = $1`, [data.importId, (err as Error).message]);
    throw err;
  }
}

export async function startImportWorker(o: ImportWorkerOptions): Promise<{ close(): Promise<void> }> {
  const worker = new Worker<ImportJobData>(
    o.queueName ?? IMPORT_QUEUE_NAME,
    async (job) => processImport(o, job.data, (p) => void job.updateProgress(p as unknown as object).catch(() => {})),
    { connection: redisConnection(o.redisUrl), prefix: o.prefix, concurrency: 1, lockDuration: 120_000 },
  );
  worker.on('failed', async (job, err) => {
    o.log?.warn({ importId: job?.data.importId, attempt: job?.attemptsMade, err: err.message }, 'import job failed');
    // The last attempt failed: the import ends failed (not queued forever).
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await o.pool.query(`UPDATE imports SET status = 'failed', finished_at = now() WHERE id = $1 AND status <> 'completed'`, [job.data.importId]).catch(() => {});
    }
  });
  worker.on('error', () => {});
  await worker.waitUntilReady();
  return { close: () => worker.close() };
}

/** The import worker of an installation: its queue prefix, each tenant's router for the road check. */
export function startConfiguredImportWorker(config: Config, pool: pg.Pool, log?: ImportWorkerOptions['log']): Promise<{ close(): Promise<void> }> {
  return startImportWorker({ redisUrl: config.redisUrl, prefix: config.workerQueuePrefix, pool, log, snapperFor: (router) => tenantRouter(router, config) });
}
