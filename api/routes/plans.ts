/**
 * Plans: create (202, solved by the plan worker), list, read, change state
 * (draft → approved → dispatched → completed; cancel before completion), read routes.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../auth/install-auth.ts';
import { STAFF } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import { pageBody, pagedQuery, pageWindow } from '../pagination.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { Page, UuidParams, errorResponses } from '../schemas/common.ts';
import { CreatePlan, Plan, PlanAccepted, PlanListQuery, RouteSummary, StatusChange } from '../schemas/plans.ts';
import { withTransaction } from '../../platform/db.ts';
import { QueueUnavailable, queueUnavailableProblem } from '../queue-unavailable.ts';

/** Allowed state changes asked by a person (the worker moves queued → running → draft | failed). */
const TRANSITIONS: Record<string, readonly string[]> = {
  draft: ['approved', 'cancelled'],
  approved: ['draft', 'dispatched', 'cancelled'],
  dispatched: ['completed', 'cancelled'],
  queued: ['cancelled'],
  running: ['cancelled'],
  failed: ['cancelled'],
};

const iso = (d: Date) => d.toISOString();

const plans: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  const staff = { config: { roles: STAFF } };

  app.post(
    '/plans',
    {
      ...staff,
      schema: {
        tags: ['plans'],
        summary: 'Plan a day: queued and solved by the plan worker; follow it at links.events',
        security: [{ bearer: [] }],
        body: CreatePlan,
        response: { 202: PlanAccepted, 422: errorResponses[400], 503: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const body = request.body;
      if (body.vehicleIds) {
        const { rows } = await ctx.pool.query<{ id: string }>('SELECT id FROM vehicles WHERE tenant_id = $1 AND id = ANY($2)', [request.tenantId, body.vehicleIds]);
        const known = new Set(rows.map((r) => r.id));
        const unknown = body.vehicleIds.map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
        if (unknown.length) {
          throw new HttpProblem(422, 'Unprocessable Content', 'Unknown vehicles', unknown.map(({ id, i }) => ({ name: `body.vehicleIds.${i}`, reason: `no vehicle ${id}` })));
        }
      }
      if (body.policy?.mustFill !== undefined && body.policy.mayFill !== undefined && body.policy.mayFill > body.policy.mustFill) {
        throw new HttpProblem(400, 'Bad Request', 'mayFill must not exceed mustFill', [{ name: 'body.policy.mayFill', reason: 'must be at most mustFill' }]);
      }
      if (!ctx.planJobs) throw new HttpProblem(503, 'Service Unavailable', 'The plan queue is not configured');
      const timeLimitS = body.timeLimitS ?? 30;
      const { rows } = await ctx.pool.query<{ id: string }>(
        `INSERT INTO plans (tenant_id, date, policy, params, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [request.tenantId, body.date, JSON.stringify(body.policy ?? {}), JSON.stringify({ vehicleIds: body.vehicleIds, timeLimitS }), principal.tokenId],
      );
      const id = rows[0]!.id;
      let jobId: string;
      try {
        jobId = await ctx.planJobs.enqueue({ planId: id, tenantId: request.tenantId, kind: 'plan', timeLimitS }, id);
      } catch (err) {
        if (!(err instanceof QueueUnavailable)) throw err;
        // Insert and enqueue are one outcome: a plan that was not queued is taken back, so the
        // caller (told 503) has no plan it does not know about. Should a late add still reach
        // Redis, the worker finds no plan and drops the job. Only if the database fails too is
        // the plan left, and then its id is in the answer.
        const removed = await ctx.pool.query(`DELETE FROM plans WHERE id = $1 AND status = 'queued'`, [id]).then(() => true, () => false);
        throw queueUnavailableProblem(reply, err, removed ? 'The plan was not created' : `Plan ${id} was stored but not queued; cancel it or ask again`);
      }
      await ctx.pool.query('UPDATE plans SET job_id = $2 WHERE id = $1', [id, jobId]);
      const self = `/v1/plans/${id}`;
      reply.header('Location', self);
      return reply.status(202).send({ id, status: 'queued', links: { self, events: `${self}/events` } });
    },
  );

  app.get(
    '/plans',
    { ...staff, schema: { tags: ['plans'], summary: 'Plans, newest day first', security: [{ bearer: [] }], querystring: PlanListQuery, response: { 200: Page(Plan), ...errorResponses } } },
    async (request, reply) => {
      const w = pageWindow(request.query);
      const params: unknown[] = [request.tenantId];
      const clauses = ['tenant_id = $1'];
      if (request.query.date) clauses.push(`date = $${params.push(request.query.date)}`);
      if (request.query.status) clauses.push(`status = $${params.push(request.query.status)}`);
      const { rows } = await ctx.pool.query(...pagedQuery(`SELECT id, date::text, status, policy, params, cost, stats, failure_reason, created_at, updated_at, count(*) OVER () AS total
           FROM plans WHERE ${clauses.join(' AND ')} ORDER BY date DESC, created_at DESC`, params, w),
      );
      const items = rows.map((r) => ({
        id: r.id, date: r.date, status: r.status, policy: r.policy, params: r.params, cost: r.cost, stats: r.stats,
        failureReason: r.failure_reason, attempts: null, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at), routes: [],
      }));
      return pageBody(reply, request, w, items, Number(rows[0]?.total ?? 0));
    },
  );

  const readPlan = async (tenantId: string, id: string) => {
    const [plan, routes] = await Promise.all([
      ctx.pool.query(
        `SELECT id, date::text, status, policy, params, cost, stats, failure_reason, job_id, created_at, updated_at FROM plans WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      ),
      ctx.pool.query(
        `SELECT r.id, r.vehicle_id, r.distance_m, r.duration_s, r.cost, r.start_time, r.end_time,
                (SELECT count(*) FROM route_stops s WHERE s.route_id = r.id AND s.kind = 'job')::int AS stops
           FROM routes r WHERE r.tenant_id = $1 AND r.plan_id = $2 ORDER BY r.vehicle_id`,
        [tenantId, id],
      ),
    ]);
    const p = plan.rows[0];
    if (!p) throw notFound(`plan ${id}`);
    const job = p.job_id && ctx.planJobs ? await ctx.planJobs.state(p.job_id).catch(() => null) : null;
    return {
      id: p.id, date: p.date, status: p.status, policy: p.policy, params: p.params, cost: p.cost, stats: p.stats,
      failureReason: p.failure_reason,
      attempts: job ? { made: job.attemptsMade, max: job.attempts, state: job.state } : null,
      createdAt: iso(p.created_at), updatedAt: iso(p.updated_at),
      routes: routes.rows.map((r) => ({
        id: r.id, vehicleId: r.vehicle_id, stops: r.stops, distanceM: r.distance_m, durationS: r.duration_s, cost: r.cost,
        startTime: r.start_time?.toISOString() ?? null, endTime: r.end_time?.toISOString() ?? null,
      })),
    };
  };

  app.get(
    '/plans/:id',
    { ...staff, schema: { tags: ['plans'], summary: 'A plan: state, cost, failure reason and retries, route summaries', security: [{ bearer: [] }], params: UuidParams, response: { 200: Plan, ...errorResponses } } },
    async (request) => readPlan(request.tenantId, request.params.id),
  );

  app.post(
    '/plans/:id/status',
    {
      ...staff,
      schema: {
        tags: ['plans'],
        summary: 'Change a plan\'s state: approve, dispatch to the drivers, complete, cancel',
        security: [{ bearer: [] }],
        params: UuidParams,
        body: StatusChange,
        response: { 200: Plan, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      const to = request.body.status;
      await withTransaction(ctx.pool, async (client) => {
        const { rows } = await client.query<{ status: string; date: string }>('SELECT status, date::text FROM plans WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [request.tenantId, id]);
        const from = rows[0]?.status;
        if (!from) throw notFound(`plan ${id}`);
        if (!(TRANSITIONS[from] ?? []).includes(to)) {
          throw new HttpProblem(409, 'Conflict', `A ${from} plan cannot become ${to}`, [{ name: 'body.status', reason: `from ${from}: ${(TRANSITIONS[from] ?? []).join(', ') || 'no change allowed'}` }]);
        }
        if (to === 'dispatched') {
          // One dispatched plan per day: the drivers must not see two routes.
          await client.query(`UPDATE plans SET status = 'cancelled', updated_at = now() WHERE tenant_id = $1 AND date = $2 AND status = 'dispatched' AND id <> $3`, [request.tenantId, rows[0]!.date, id]);
        }
        await client.query('UPDATE plans SET status = $2, updated_at = now() WHERE id = $1', [id, to]);
      });
      ctx.routeCache.invalidate(request.tenantId);
      return readPlan(request.tenantId, id);
    },
  );

  app.post(
    '/plans/:id/reoptimise',
    {
      ...staff,
      schema: {
        tags: ['plans'],
        summary: 'Re-plan the stops not yet visited of a dispatched plan, from where each truck is now',
        security: [{ bearer: [] }],
        params: UuidParams,
        body: Type.Optional(Type.Object({
          timeLimitS: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, default: 10 })),
          asOf: Type.Optional(Type.String({ format: 'date-time', description: 'Re-plan from this moment (ISO 8601 with offset, on the plan date); default: now' })),
        }, { additionalProperties: false })),
        response: { 202: PlanAccepted, 409: errorResponses[400], 503: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { rows } = await ctx.pool.query<{ status: string }>('SELECT status FROM plans WHERE tenant_id = $1 AND id = $2', [request.tenantId, id]);
      if (!rows[0]) throw notFound(`plan ${id}`);
      if (rows[0].status !== 'dispatched') {
        throw new HttpProblem(409, 'Conflict', `only a dispatched plan can be re-optimised; this one is ${rows[0].status}`, [{ name: 'params.id', reason: `plan is ${rows[0].status}` }]);
      }
      if (!ctx.planJobs) throw new HttpProblem(503, 'Service Unavailable', 'The plan queue is not configured');
      const asOf = request.body?.asOf ?? new Date().toISOString();
      const jobId = await ctx.planJobs.enqueue({ planId: id, tenantId: request.tenantId, kind: 'reoptimise', timeLimitS: request.body?.timeLimitS ?? 10, asOf }, `${id}-reopt-${Date.now()}`).catch((err: unknown) => {
        throw err instanceof QueueUnavailable ? queueUnavailableProblem(reply, err, 'The plan was not re-optimised') : err;
      });
      await ctx.pool.query('UPDATE plans SET job_id = $2, updated_at = now() WHERE id = $1', [id, jobId]);
      const self = `/v1/plans/${id}`;
      return reply.status(202).send({ id, status: 'dispatched', links: { self, events: `${self}/events` } });
    },
  );

  app.get(
    '/plans/:id/routes',
    {
      ...staff,
      schema: { tags: ['plans'], summary: 'Route summaries of a plan', security: [{ bearer: [] }], params: UuidParams, response: { 200: Type.Array(RouteSummary), ...errorResponses } },
    },
    async (request) => (await readPlan(request.tenantId, request.params.id)).routes,
  );
};

export default plans;
