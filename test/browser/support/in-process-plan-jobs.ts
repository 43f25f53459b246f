/**
 * A PlanJobs that runs the real plan job (processPlanJob: pipeline, routing, solver, store) in
 * this process instead of through BullMQ and a sandboxed worker, emitting the same events the
 * QueueEvents stream would. The browser tests need the pages' behaviour, not the queue's (which
 * the API's integration tests cover on real Redis).
 */
import type pg from 'pg';
import type { PlanJobEvent, PlanJobs, PlanJobState } from '../../../api/index.ts';
import { processPlanJob } from '../../../api/jobs/process-plan-job.ts';
import type { RoutingProvider } from '../../../optimizer/routing/index.ts';
import { loadSolver } from '../../../planner/index.ts';

export function inProcessPlanJobs(pool: pg.Pool, routing: RoutingProvider, startDelayMs = 400): PlanJobs & { idle(): Promise<void> } {
  const listeners = new Map<string, Set<(e: PlanJobEvent) => void>>();
  const emit = (jobId: string, e: PlanJobEvent) => listeners.get(jobId)?.forEach((l) => l(e));
  const running = new Set<Promise<void>>();
  // What BullMQ's job state would say: the plan's event stream follows a job until it has ended.
  const states = new Map<string, PlanJobState>();
  const progressOf = new Map<string, PlanJobState['progress']>();
  const setState = (jobId: string, state: string, failedReason: string | null = null) =>
    states.set(jobId, { state, attemptsMade: state === 'waiting' || state === 'active' ? 0 : 1, attempts: 1, failedReason, progress: progressOf.get(jobId) ?? null });

  return {
    async enqueue(data, jobId) {
      setState(jobId, 'waiting');
      // Started a little later, as a queue would: the page has subscribed to the events by then.
      const run = new Promise<void>((resolve) => setTimeout(resolve, startDelayMs)).then(async () => {
        setState(jobId, 'active');
        emit(jobId, { type: 'active' });
        try {
          await processPlanJob(
            { data, attemptsMade: 0, opts: { attempts: 1 }, updateProgress: async (p) => {
              progressOf.set(jobId, p);
              emit(jobId, { type: 'progress', data: p });
            } },
            { pool, routing, solver: await loadSolver() },
          );
          setState(jobId, 'completed');
          emit(jobId, { type: 'completed' });
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          setState(jobId, 'failed', reason);
          emit(jobId, { type: 'failed', reason });
        }
      });
      running.add(run);
      void run.finally(() => running.delete(run));
      return jobId;
    },
    watch(jobId, listener) {
      let set = listeners.get(jobId);
      if (!set) listeners.set(jobId, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    async state(jobId) {
      return states.get(jobId) ?? null;
    },
    async close() {
      await Promise.all(running);
    },
    async idle() {
      await Promise.all(running);
    },
  };
}
