/**
 * The API side of the plan queue: add jobs, follow their progress. One QueueEvents stream per
 * process fans out to the server-sent-event listeners of each plan.
 *
 * A request must not wait for Redis forever: BullMQ's connections retry every command until Redis
 * is back, so a request handler stalled while Redis was down. The producer's own connection fails
 * fast instead (no offline queue, one retry) and every call is bounded by `timeoutMs`; both end in
 * QueueUnavailable, which the routes answer with 503 and Retry-After.
 */
import { Queue, QueueEvents } from 'bullmq';
import { PLAN_QUEUE_NAME, type PlanJobData, type PlanJobProgress, type QueueSettings } from './plan-job-data.ts';
import { redisConnection } from './redis-connection.ts';

export type PlanJobEvent =
  | { type: 'active' }
  | { type: 'progress'; data: PlanJobProgress }
  | { type: 'completed' }
  | { type: 'failed'; reason: string };

export interface PlanJobState {
  state: string;
  attemptsMade: number;
  attempts: number;
  failedReason: string | null;
  /** The last progress the job reported (null before its first report). */
  progress: PlanJobProgress | null;
}

/** Redis did not answer (down, restarting, or slower than the bound): nothing was queued for sure. */
export class QueueUnavailable extends Error {
  /** Seconds after which a retry is worth it (Retry-After). */
  readonly retryAfterS = 5;
  constructor(cause: unknown) {
    super(`the plan queue is unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Default bound of one queue call made for an HTTP request. */
export const QUEUE_TIMEOUT_MS = 3000;

export interface PlanJobs {
  enqueue(data: PlanJobData, jobId: string): Promise<string>;
  watch(jobId: string, listener: (event: PlanJobEvent) => void): () => void;
  state(jobId: string): Promise<PlanJobState | null>;
  close(): Promise<void>;
}

/** Retries for errors that may pass (router timeout, database restart); input errors are not retried. */
export const PLAN_JOB_ATTEMPTS = 2;

/** The promise, or QueueUnavailable when it fails or takes longer than `ms`. */
async function bounded<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
      }),
    ]);
  } catch (err) {
    throw new QueueUnavailable(err);
  } finally {
    clearTimeout(timer);
  }
}

export async function createPlanJobs(settings: QueueSettings & { timeoutMs?: number }): Promise<PlanJobs> {
  const name = settings.queueName ?? PLAN_QUEUE_NAME;
  const timeoutMs = settings.timeoutMs ?? QUEUE_TIMEOUT_MS;
  const queue = new Queue<PlanJobData>(name, {
    // Commands fail at once while the connection is down, instead of queueing until Redis returns.
    connection: { ...redisConnection(settings.redisUrl), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
    prefix: settings.prefix,
  });
  // QueueEvents blocks on Redis (XREAD): it keeps BullMQ's retry-forever connection and reconnects by itself.
  const events = new QueueEvents(name, { connection: redisConnection(settings.redisUrl), prefix: settings.prefix });
  const listeners = new Map<string, Set<(e: PlanJobEvent) => void>>();
  const emit = (jobId: string, e: PlanJobEvent) => listeners.get(jobId)?.forEach((l) => l(e));
  events.on('active', ({ jobId }) => emit(jobId, { type: 'active' }));
  events.on('progress', ({ jobId, data }) => emit(jobId, { type: 'progress', data: data as PlanJobProgress }));
  events.on('completed', ({ jobId }) => emit(jobId, { type: 'completed' }));
  events.on('failed', ({ jobId, failedReason }) => emit(jobId, { type: 'failed', reason: failedReason }));
  events.on('error', () => {});
  queue.on('error', () => {});
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);

  return {
    async enqueue(data, jobId) {
      const job = await bounded(timeoutMs, () => queue.add(data.kind, data, {
        jobId,
        attempts: PLAN_JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: { age: 7 * 86_400, count: 1000 },
        removeOnFail: { age: 30 * 86_400 },
      }));
      return job.id!;
    },
    watch(jobId, listener) {
      let set = listeners.get(jobId);
      if (!set) listeners.set(jobId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(jobId);
      };
    },
    async state(jobId) {
      return bounded(timeoutMs, async () => {
        const job = await queue.getJob(jobId);
        if (!job) return null;
        const progress = typeof job.progress === 'object' && job.progress !== null ? (job.progress as PlanJobProgress) : null;
        return { state: await job.getState(), attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1, failedReason: job.failedReason ?? null, progress };
      });
    },
    async close() {
      await Promise.all([events.close(), queue.close()]);
    },
  };
}
