/**
 * startPlanWorker: the BullMQ Worker that hands plan jobs to the sandboxed processor
 * (plan-processor.ts, one child process per concurrent job). The child runs TypeScript through
 * tsx and gets its database and router settings in its environment.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import type { Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';
import { ErrorLogThrottle } from '../../platform/error-log-throttle.ts';
import { PLAN_QUEUE_NAME, type PlanJobData, type PlanJobResult } from './plan-job-data.ts';
import { CONFIG_ENV, ROUTER_ENV } from './plan-processor.ts';
import { redisConnection } from './redis-connection.ts';

export interface PlanWorkerOptions {
  config: Config;
  logger: Logger;
  /** Default config.workerQueuePrefix; tests pass randomQueuePrefix(). */
  prefix?: string;
  queueName?: string;
  /** 'auto' (OSRM_URL, else the built-in router on OSM_PBF) or 'straight-line' (tests). */
  router?: 'auto' | 'straight-line';
}

export interface PlanWorker {
  close(): Promise<void>;
}

const PROCESSOR = fileURLToPath(new URL('./plan-processor.ts', import.meta.url));

export async function startPlanWorker(opts: PlanWorkerOptions): Promise<PlanWorker> {
  const { config } = opts;
  const logger = opts.logger.child({ component: 'plan-worker' });
  // The child imports the .ts processor: it needs the tsx loader, resolved from here so that the
  // working directory does not matter.
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', import.meta.resolve('tsx')];
  const worker = new Worker<PlanJobData, PlanJobResult>(opts.queueName ?? PLAN_QUEUE_NAME, PROCESSOR, {
    connection: redisConnection(config.redisUrl),
    prefix: opts.prefix ?? config.workerQueuePrefix,
    concurrency: config.workerConcurrency,
    useWorkerThreads: false,
    // A solve can hold the CPU for its whole time limit; the lock must outlive it.
    lockDuration: 120_000,
    workerForkOptions: {
      execArgv,
      env: {
        ...process.env,
        [CONFIG_ENV]: JSON.stringify(config),
        [ROUTER_ENV]: opts.router ?? 'auto',
      },
    },
  });
  worker.on('failed', (job, err) => logger.warn({ planId: job?.data.planId, attempt: job?.attemptsMade, err: err.message }, 'plan job failed'));
  worker.on('completed', (job, result) => logger.info({ planId: job.data.planId, cost: result.cost, routes: result.routes }, 'plan job completed'));
  // While Redis is away every reconnection attempt is an error: log the first, then ever rarer.
  const errorLog = new ErrorLogThrottle();
  worker.on('error', (err) => {
    const { log, suppressed } = errorLog.admit();
    if (log) logger.error({ err, ...(suppressed ? { suppressed } : {}) }, suppressed ? `plan worker error (${suppressed} more like it not logged)` : 'plan worker error');
  });
  await worker.waitUntilReady();
  logger.info({ concurrency: config.workerConcurrency }, 'plan worker started');
  return { close: () => worker.close() };
}
