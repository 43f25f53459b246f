/**
 * GET /v1/plans/{id}/events: server-sent events while the plan worker runs. Events:
 * `state` (current plan status, sent first), `progress` ({stage, percent, bestCost}), `retrying`,
 * and a final `completed` or `failed`, after which the stream ends. Progress comes from BullMQ
 * QueueEvents, so it works whichever worker process solves the plan. The stream follows the job
 * the plan last started (`plans.job_id`: the plan itself, a re-optimisation of a dispatched day,
 * the road geometry after an edit) while that job runs, whatever the plan's state; with no job
 * running it reports the state, the last progress of the job that ran (so a client connecting just
 * after the end still sees 100 %) and ends.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { STAFF } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import type { PlanJobEvent } from '../jobs/plan-jobs.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { UuidParams, errorResponses } from '../schemas/common.ts';
import { API_VERSION } from '../version.ts';

const FINAL = new Set(['draft', 'approved', 'dispatched', 'completed', 'failed', 'cancelled']);

const planEvents: FastifyPluginAsyncTypebox<{ ctx: ApiContext; heartbeatMs?: number }> = async (app, { ctx, heartbeatMs = 15_000 }) => {
  // Open streams end when the server stops, so that shutting down does not wait for browsers.
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const finish of open) finish();
  });
  app.get(
    '/plans/:id/events',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['plans'],
        summary: 'Progress of the plan\'s running job (plan, re-optimisation, road geometry after an edit) as server-sent events (state, progress, retrying, completed | failed)',
        security: [{ bearer: [] }],
        params: UuidParams,
        response: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: Type.String() } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const planJobs = ctx.planJobs;
      if (!planJobs) throw new HttpProblem(503, 'Service Unavailable', 'The plan queue is not configured');
      const readPlan = async () =>
        (await ctx.pool.query<{ status: string; job_id: string | null; cost: number | null; failure_reason: string | null }>(
          'SELECT status, job_id, cost, failure_reason FROM plans WHERE tenant_id = $1 AND id = $2',
          [request.tenantId, request.params.id],
        )).rows[0];
      const plan = await readPlan();
      if (!plan) throw notFound(`plan ${request.params.id}`);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        // headers the hooks set so far (CORS, security headers) survive the hijack
        ...(reply.getHeaders() as Record<string, string>),
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
        'API-Version': API_VERSION,
      });
      let seq = 0;
      const send = (event: string, data: unknown) => res.write(`id: ${++seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      let closed = false;
      let unwatch = () => {};
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
      const finish = () => {
        if (closed) return;
        closed = true;
        open.delete(finish);
        clearInterval(heartbeat);
        unwatch();
        res.end();
      };
      request.raw.on('close', finish);
      open.add(finish);

      // Subscribe before reporting the state, so that nothing between the two is lost; events
      // that arrive before the state has been sent wait for it, so `state` is always first.
      const watchId = plan.job_id ?? request.params.id;
      let stateSent = false;
      const early: (() => void)[] = [];
      unwatch = planJobs.watch(watchId, (e) => {
        if (!stateSent) {
          early.push(() => handle(e));
          return;
        }
        handle(e);
      });
      const handle = (e: PlanJobEvent) => {
        if (closed) return;
        if (e.type === 'progress') send('progress', e.data);
        else if (e.type === 'active') send('state', { status: 'running' });
        else {
          void (async () => {
            const now = await readPlan();
            if (closed || !now) return;
            const job = now.job_id ? await planJobs.state(now.job_id).catch(() => null) : null;
            if (e.type === 'completed') {
              send('completed', { status: now.status, cost: now.cost, failureReason: now.failure_reason });
              finish();
            } else if (now.status === 'failed' || job?.state === 'failed') {
              send('failed', { status: now.status, cost: now.cost, failureReason: now.failure_reason });
              finish();
            } else {
              send('retrying', { status: now.status, failureReason: now.failure_reason });
            }
          })();
        }
      };
      // Read again after subscribing: a job that ended in between is seen here.
      const now = (await readPlan()) ?? plan;
      send('state', { status: now.status, cost: now.cost, failureReason: now.failure_reason });
      stateSent = true;
      // A dispatched plan may have a re-optimisation running: follow that job until it ends.
      const job = now.job_id ? await planJobs.state(now.job_id).catch(() => null) : null;
      const jobRunning = job !== null && !['completed', 'failed', 'unknown'].includes(job.state);
      if (FINAL.has(now.status) && !jobRunning) {
        // A client that connects just after the job ended still sees where it got to.
        if (job?.progress && !closed) send('progress', job.progress);
        send(now.status === 'failed' ? 'failed' : 'completed', { status: now.status, cost: now.cost, failureReason: now.failure_reason });
        finish();
      }
      for (const deliver of early.splice(0)) deliver();
    },
  );
};

export default planEvents;
