/**
 * GET /v1/plans/{id}/decisions: why each container of the day is a must, optional, skipped or an
 * emergency, and what became of it, explained in the tenant's language. Must ones first, then
 * optional, emergencies, skipped; within a kind by container.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STAFF } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import { pageBody, pageWindow } from '../pagination.ts';
import { notFound } from '../problem.ts';
import { Page, UuidParams, errorResponses } from '../schemas/common.ts';
import { Decision, DecisionQuery } from '../schemas/plan-decisions.ts';
import { explainReason } from '../../planner/index.ts';
import { readTenantSettings } from '../../registry/tenant-settings.ts';

const planDecisions: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  app.get(
    '/plans/:id/decisions',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['plans'],
        summary: 'Every container\'s decision for the plan day (must / optional / skip / emergency), its reason and what became of it',
        security: [{ bearer: [] }],
        params: UuidParams,
        querystring: DecisionQuery,
        response: { 200: Page(Decision), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const plan = await ctx.pool.query<{ date: string }>('SELECT date::text FROM plans WHERE tenant_id = $1 AND id = $2', [request.tenantId, id]);
      if (!plan.rows[0]) throw notFound(`plan ${id}`);
      const tenant = await ctx.tenants.get(request.tenantId);
      const lang = request.query.lang ?? readTenantSettings(tenant.settings).language;
      const w = pageWindow(request.query);
      const { rows } = await ctx.pool.query(
        `SELECT container_id, fraction, kind, code, params, fill_now, expected_fill, prize, outcome, vehicle_id, unassigned_code, unassigned_params,
                CASE WHEN arrival_s IS NULL THEN NULL ELSE (($3::date)::timestamp + arrival_s * INTERVAL '1 second') AT TIME ZONE $4 END AS eta,
                count(*) OVER () AS total
           FROM plan_decisions
          WHERE tenant_id = $1 AND plan_id = $2 AND ($5::text IS NULL OR kind = $5) AND ($6::text IS NULL OR outcome = $6)
          ORDER BY array_position(ARRAY['must','optional','emergency','skip'], kind), container_id
          LIMIT $7 OFFSET $8`,
        [request.tenantId, id, plan.rows[0].date, tenant.timeZone, request.query.kind ?? null, request.query.outcome ?? null, w.limit, w.offset],
      );
      const items = rows.map((r) => ({
        containerId: r.container_id, fraction: r.fraction, kind: r.kind, code: r.code, params: r.params,
        explanation: explainReason({ code: r.code, params: r.params }, lang, tenant.timeZone),
        fillNow: r.fill_now, expectedFill: r.expected_fill, prize: r.prize, outcome: r.outcome, vehicleId: r.vehicle_id,
        eta: r.eta ? (r.eta as Date).toISOString() : null,
        unassigned: r.unassigned_code
          ? { code: r.unassigned_code, params: r.unassigned_params ?? {}, explanation: explainReason({ code: r.unassigned_code, params: r.unassigned_params ?? {} }, lang, tenant.timeZone) }
          : null,
      }));
      return pageBody(reply, request, w, items, Number(rows[0]?.total ?? 0));
    },
  );
};

export default planDecisions;
