/** Dispatcher edits of a plan: check a move (violations, cost delta) or apply it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STAFF } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import { editPlan } from '../plan-edits.ts';
import { UuidParams, errorResponses } from '../schemas/common.ts';
import { CheckResponse, EditRequest } from '../schemas/plans.ts';

const planEdits: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  const schema = (summary: string) => ({
    tags: ['plans'],
    summary,
    security: [{ bearer: [] }],
    params: UuidParams,
    body: EditRequest,
    response: { 200: CheckResponse, 409: errorResponses[400], 422: errorResponses[400], ...errorResponses },
  });

  app.post(
    '/plans/:id/check',
    { config: { roles: STAFF }, schema: schema('Check moves with the optimizer\'s check mode: violations and cost delta, nothing stored') },
    async (request) => editPlan(ctx.pool, request.tenantId, request.params.id, request.body.moves, false, false),
  );

  app.post(
    '/plans/:id/edits',
    { config: { roles: STAFF }, schema: schema('Apply moves to a draft or approved plan when they break no rule (or with force); the changed routes get road geometry from the plan worker (follow the plan\'s events)') },
    async (request) => {
      const outcome = await editPlan(ctx.pool, request.tenantId, request.params.id, request.body.moves, true, request.body.force ?? false, ctx.planJobs);
      if (outcome.applied) ctx.routeCache.invalidate(request.tenantId);
      return outcome;
    },
  );
};

export default planEdits;
