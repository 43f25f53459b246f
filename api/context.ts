/** What the route plugins share: the database, caches and the plan queue. Built once in app.ts. */
import type pg from 'pg';
import type { TokenVerifier } from './auth/tokens.ts';
import type { ProcessingLog } from './processing-log.ts';
import type { Tenants } from './tenants.ts';
import type { RouteCache } from './route-cache.ts';
import type { PlanJobs } from './jobs/plan-jobs.ts';
import type { ImportJobs } from './jobs/import-jobs.ts';

export interface ApiContext {
  pool: pg.Pool;
  tenants: Tenants;
  verifier: TokenVerifier;
  processingLog: ProcessingLog;
  routeCache: RouteCache;
  /** Absent when the app runs without Redis (tests of read routes): plan creation answers 503. */
  planJobs: PlanJobs | undefined;
  /** Absent without Redis: POST /v1/imports answers 503. */
  importJobs?: ImportJobs;
}
