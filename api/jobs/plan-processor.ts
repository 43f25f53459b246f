/**
 * The sandboxed BullMQ processor: runs in its own process (forked by the worker) so a long,
 * CPU-bound solve never blocks the API's event loop. The process keeps its database pool and
 * routing provider (the built-in router's road network is loaded once) between jobs.
 * Settings come from the environment the worker forks it with (see plan-worker.ts).
 */
import type { SandboxedJob } from 'bullmq';
import type pg from 'pg';
import { createRoutingProvider, routingConfigFromConfig, StraightLineProvider, type RoutingProvider } from '../../optimizer/routing/index.ts';
import type { Config } from '../../platform/config.ts';
import { loadSolver } from '../../planner/index.ts';
import { createPool } from '../../platform/db.ts';
import type { PlanJobData, PlanJobProgress, PlanJobResult } from './plan-job-data.ts';
import { processPlanJob } from './process-plan-job.ts';
import { routerOfTenant } from '../../registry/tenant-router.ts';

export const ROUTER_ENV = 'PLAN_WORKER_ROUTER';
/** The parent's validated configuration, as JSON: the child must use the same database and router. */
export const CONFIG_ENV = 'PLAN_WORKER_CONFIG';

const config = (): Config => JSON.parse(process.env[CONFIG_ENV] ?? '{}') as Config;

let pool: pg.Pool | undefined;
let routing: Promise<RoutingProvider> | undefined;
let watchingParent = false;

/**
 * This process exits when the worker that forked it goes away (SIGKILL, OOM kill, crash): nobody
 * would take its result, and an orphan would hold a CPU for the rest of its time limit while
 * another worker solves the same plan again. The IPC channel closing says so at once; a change of
 * parent pid (re-parented to init) catches the rest. Called from the processor, never at import:
 * the worker imports this module for its constants and must not watch its own parent.
 */
export function exitWithParent(proc: NodeJS.Process = process, exit: (code: number) => void = (code) => proc.exit(code)): void {
  if (!proc.send) return; // not a forked child: no parent to follow
  const parent = proc.ppid;
  proc.once('disconnect', () => exit(1));
  setInterval(() => {
    if (proc.ppid !== parent) exit(1);
  }, 1000).unref();
}

function installationRouter(): Promise<RoutingProvider> {
  routing ??= process.env[ROUTER_ENV] === 'straight-line'
    ? Promise.resolve(new StraightLineProvider())
    : createRoutingProvider(routingConfigFromConfig(config()));
  return routing;
}

/** The tenant's own router when it has one, else the installation's; a worker forced onto straight lines (tests) stays there. */
function routingProvider(db: pg.Pool, tenantId: string): Promise<RoutingProvider> {
  if (process.env[ROUTER_ENV] === 'straight-line') return installationRouter();
  return routerOfTenant(db, tenantId, config(), installationRouter);
}

export default async function planProcessor(job: SandboxedJob<PlanJobData, PlanJobResult>, _token?: string, signal?: AbortSignal): Promise<PlanJobResult> {
  if (!watchingParent) {
    watchingParent = true;
    exitWithParent();
  }
  pool ??= createPool(config().databaseUrl, { max: 3 });
  return processPlanJob(
    {
      data: job.data,
      attemptsMade: job.attemptsMade,
      opts: job.opts,
      updateProgress: (p: PlanJobProgress) => job.updateProgress(p),
    },
    { pool, routing: await routingProvider(pool, job.data.tenantId), solver: await loadSolver(), signal },
  );
}
