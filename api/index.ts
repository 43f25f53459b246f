// Public surface of the API: the app (a plugin), the server, the plan worker and queue.
export { buildApp } from './app.ts';
export type { AppOptions } from './app.ts';
export { startApiServer, defaultHealthChecks, webOptionsFromConfig } from './server.ts';
export type { ApiServerOptions } from './server.ts';
export { startPlanWorker } from './jobs/plan-worker.ts';
export type { PlanWorker, PlanWorkerOptions } from './jobs/plan-worker.ts';
export { createPlanJobs } from './jobs/plan-jobs.ts';
export type { PlanJobs, PlanJobEvent, PlanJobState } from './jobs/plan-jobs.ts';
export { PLAN_QUEUE_NAME } from './jobs/plan-job-data.ts';
export type { PlanJobData } from './jobs/plan-job-data.ts';
export { issueToken, hashToken } from './auth/tokens.ts';
export type { Role, Principal } from './auth/tokens.ts';
export { recordStopEvent } from './stop-events.ts';
