/** What travels through the plan queue (JSON in Redis) and what progress events carry. */
import type { PlanProgress } from '../../planner/index.ts';

export const PLAN_QUEUE_NAME = 'plans';

export interface PlanJobData {
  planId: string;
  tenantId: string;
  /**
   * plan: a new plan for the day; reoptimise: re-plan the stops not yet visited of a running day;
   * geometry: road geometry and directions for the routes a dispatcher's edit changed.
   */
  kind: 'plan' | 'reoptimise' | 'geometry';
  timeLimitS: number;
  /** geometry: the vehicles whose routes changed. */
  vehicleIds?: string[];
  /**
   * reoptimise: the moment to re-plan from (ISO 8601 with offset): when the dispatcher asked, not
   * when a worker picked the job up, so a queue delay does not shift the day. Absent: the worker's now.
   */
  asOf?: string;
}

export type PlanJobProgress = PlanProgress;

export interface PlanJobResult {
  planId: string;
  cost: number;
  routes: number;
  served: number;
  unassigned: number;
}

export interface QueueSettings {
  redisUrl: string;
  /** BullMQ key prefix (WORKER_QUEUE_PREFIX; tests use randomQueuePrefix()). */
  prefix: string;
  queueName?: string;
}
