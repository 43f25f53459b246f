/**
 * One plan job: mark running → load input → run the planning pipeline → road geometry per route →
 * store → draft. Runs inside the sandboxed processor; written against a small job interface so it
 * is tested in-process too. A failure is written to the plan (reason, whether it will be retried);
 * input errors are not retried.
 */
import type pg from 'pg';
import { UnrecoverableError } from 'bullmq';
import type { RoutingProvider } from '../../optimizer/routing/index.ts';
import { routeGeometry, runPlanningPipeline, TimeBudget, type Clock, type RouteGeometry, type Solver } from '../../planner/index.ts';
import { isAppError } from '../../platform/errors.ts';
import type { PlanJobData, PlanJobProgress, PlanJobResult } from './plan-job-data.ts';
import { loadPlan, loadPlanningInput, PlanNoLongerWanted, storePlanResult } from './plan-store.ts';
import { reoptimiseRemaining } from './reoptimise.ts';
import { refreshRouteGeometry } from './route-geometry-store.ts';

export interface PlanJobLike {
  data: PlanJobData;
  attemptsMade: number;
  opts: { attempts?: number };
  updateProgress(progress: PlanJobProgress): Promise<void>;
}

export interface PlanJobDeps {
  pool: pg.Pool;
  routing: RoutingProvider;
  solver: Solver;
  signal?: AbortSignal;
  /** The job's clock (tests pass one that jumps); default performance.now. */
  clock?: Clock;
}

function throttle(fn: (p: PlanJobProgress) => Promise<void>, everyMs: number) {
  let last = 0;
  return (p: PlanJobProgress) => {
    const now = Date.now();
    if (now - last < everyMs && p.stage === 'solve') return;
    last = now;
    void fn(p).catch(() => {});
  };
}

export async function processPlanJob(job: PlanJobLike, deps: PlanJobDeps): Promise<PlanJobResult> {
  const { planId } = job.data;
  const { pool } = deps;
  // timeLimitS is the whole job's, from here: loading, matrix, solve, geometry and storing.
  const budget = TimeBudget.forJob(job.data.timeLimitS * 1000, deps.clock);
  const plan = await loadPlan(pool, planId);
  if (!plan) throw new UnrecoverableError(`plan ${planId} does not exist`);
  if (plan.status === 'cancelled') throw new UnrecoverableError(`plan ${planId} was cancelled`);
  const progress = throttle((p) => job.updateProgress(p), 250);
  if (job.data.kind === 'geometry') {
    // After a dispatcher's edit: the plan keeps its state; only the changed routes are redrawn.
    try {
      await job.updateProgress({ stage: 'store', percent: 50 });
      const routes = await refreshRouteGeometry(pool, deps.routing, planId, { vehicleIds: job.data.vehicleIds, signal: deps.signal });
      await pool.query(`UPDATE plans SET failure_reason = NULL WHERE id = $1 AND failure_reason LIKE 'road geometry%'`, [planId]);
      await job.updateProgress({ stage: 'done', percent: 100 });
      return { planId, cost: plan.cost ?? 0, routes, served: 0, unassigned: 0 };
    } catch (err) {
      await pool.query(`UPDATE plans SET failure_reason = $2, updated_at = now() WHERE id = $1`, [planId, `road geometry of edited routes failed: ${describe(err)}`]);
      throw err;
    }
  }
  if (job.data.kind === 'reoptimise') {
    try {
      const r = await reoptimiseRemaining(plan, job.data.timeLimitS, deps, progress, job.data.asOf);
      await job.updateProgress({ stage: 'done', percent: 100, bestCost: r.cost });
      return { planId, ...r };
    } catch (err) {
      // The plan stays dispatched: the drivers keep their routes; only the reason is recorded.
      await pool.query(`UPDATE plans SET failure_reason = $2, updated_at = now() WHERE id = $1`, [planId, `re-optimisation failed: ${describe(err)}`]);
      throw err;
    }
  }
  const started = await pool.query(`UPDATE plans SET status = 'running', updated_at = now() WHERE id = $1 AND status IN ('queued', 'running')`, [planId]);
  if (!started.rowCount) throw new UnrecoverableError(`plan ${planId} is ${plan.status}: nothing to solve`);
  try {
    const input = await budget.stage('load', () => loadPlanningInput(pool, plan));
    const { result, planned, decisions } = await runPlanningPipeline(input, {
      routing: deps.routing,
      solver: deps.solver,
      timeLimitMs: budget.limitMs,
      budget,
      onProgress: progress,
      signal: deps.signal,
    });
    const geometries = await budget.stage('geometry', async () => {
      const lines = new Map<string, RouteGeometry>();
      for (const route of result.routes) lines.set(route.vehicleId, await routeGeometry(deps.routing, route, deps.signal));
      return lines;
    });
    await job.updateProgress({ stage: 'store', percent: 98, bestCost: result.cost });
    await budget.stage('store', () => storePlanResult(pool, plan, { ...result, stats: { ...result.stats, stagesMs: budget.report() } }, geometries, planned, decisions));
    // The store's own time is known once it is done: one more small write.
    await pool.query(`UPDATE plans SET stats = stats || jsonb_build_object('stagesMs', $2::jsonb) WHERE id = $1`, [planId, JSON.stringify(budget.report())]);
    await job.updateProgress({ stage: 'done', percent: 100, bestCost: result.cost });
    return { planId, cost: result.cost, routes: result.routes.length, served: result.stats.served, unassigned: result.unassigned.length };
  } catch (err) {
    if (err instanceof PlanNoLongerWanted) throw new UnrecoverableError(err.message);
    const final = !(err instanceof Error) || isAppError(err) && err.kind === 'input' || job.attemptsMade + 1 >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
    const reason = describe(err);
    await pool.query(
      `UPDATE plans SET status = $2, failure_reason = $3, updated_at = now() WHERE id = $1 AND status IN ('queued', 'running')`,
      [planId, final ? 'failed' : 'queued', final ? reason : `attempt ${job.attemptsMade + 1} failed, retrying: ${reason}`],
    );
    if (isAppError(err) && err.kind === 'input') throw new UnrecoverableError(reason);
    throw err;
  }
}

function describe(err: unknown): string {
  if (isAppError(err)) {
    const details = err.details.map((d) => `${d.name}: ${d.reason}`).join('; ');
    return details ? `${err.message} (${details})` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
