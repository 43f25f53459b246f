/** Admin: issue and revoke tokens, read the processing log. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../auth/install-auth.ts';
import { issueToken, type Role } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import { pageBody, pageWindow } from '../pagination.ts';
import { notFound } from '../problem.ts';
import { Nullable, Page, PageQuery, UuidParams, errorResponses } from '../schemas/common.ts';
import { requestActor } from '../registry-actor.ts';
import { TenantInput, TenantRecord } from '../../registry/master-data-shapes.ts';
import { TenantStore } from '../../registry/store/tenants-store.ts';

const ADMIN: readonly Role[] = ['admin'];
const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('dispatcher'), Type.Literal('driver')]);

const TokenInfo = Type.Object({
  id: Type.String({ format: 'uuid' }),
  role: RoleSchema,
  vehicleId: Nullable(Type.String()),
  name: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
});

const LogEntry = Type.Object({
  time: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  role: Type.String(),
  action: Type.String(),
  object: Type.String(),
  purpose: Type.String(),
  requestId: Nullable(Type.String()),
});

const admin: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  app.post(
    '/admin/tenants',
    {
      config: { roles: ADMIN },
      schema: {
        tags: ['admin'],
        summary: 'Onboard a municipality: a new tenant and its first admin token (shown once). Tokens stay tenant-scoped: yours does not reach the new tenant',
        security: [{ bearer: [] }],
        body: TenantInput,
        response: { 201: Type.Object({ tenant: TenantRecord, adminToken: Type.Object({ id: Type.String(), token: Type.String() }) }), 409: errorResponses[400], 422: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = await new TenantStore(ctx.pool).create(request.body, requestActor(request));
      const issued = await issueToken(ctx.pool, { tenantId: tenant.id, role: 'admin', name: 'first admin', createdBy: requirePrincipal(request).tokenId });
      reply.header('Location', '/v1/tenant');
      return reply.status(201).send({ tenant: tenant as never, adminToken: { id: issued.tokenId, token: issued.token } });
    },
  );

  app.post(
    '/admin/tokens',
    {
      config: { roles: ADMIN },
      schema: {
        tags: ['admin'],
        summary: 'Issue a bearer token (shown once; only its hash is stored)',
        security: [{ bearer: [] }],
        body: Type.Object(
          { role: RoleSchema, vehicleId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), name: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), token: Type.String(), role: RoleSchema, vehicleId: Nullable(Type.String()) }), 422: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const issued = await issueToken(ctx.pool, { tenantId: request.tenantId, role: request.body.role, vehicleId: request.body.vehicleId, name: request.body.name, createdBy: principal.tokenId });
      return reply.status(201).send({ id: issued.tokenId, token: issued.token, role: issued.role, vehicleId: issued.vehicleId });
    },
  );

  app.get(
    '/admin/tokens',
    { config: { roles: ADMIN }, schema: { tags: ['admin'], summary: 'Issued tokens (never the secrets)', security: [{ bearer: [] }], querystring: PageQuery, response: { 200: Page(TokenInfo), ...errorResponses } } },
    async (request, reply) => {
      const w = pageWindow(request.query);
      const { rows } = await ctx.pool.query(
        `SELECT id, role, vehicle_id, name, created_at, revoked_at, count(*) OVER () AS total FROM api_tokens WHERE tenant_id = $1
          ORDER BY created_at, id LIMIT ${w.limit} OFFSET ${w.offset}`,
        [request.tenantId],
      );
      const items = rows.map((r) => ({ id: r.id, role: r.role, vehicleId: r.vehicle_id, name: r.name, createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null }));
      return pageBody(reply, request, w, items, Number(rows[0]?.total ?? 0));
    },
  );

  app.delete(
    '/admin/tokens/:id',
    { config: { roles: ADMIN }, schema: { tags: ['admin'], summary: 'Revoke a token', security: [{ bearer: [] }], params: UuidParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const { rowCount } = await ctx.pool.query('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = $1 AND id = $2', [request.tenantId, request.params.id]);
      if (!rowCount) throw notFound(`token ${request.params.id}`);
      ctx.verifier.forget();
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/processing-log',
    {
      config: { roles: ADMIN },
      schema: {
        tags: ['admin'],
        summary: 'Who read routes and vehicle positions, when, and why',
        security: [{ bearer: [] }],
        querystring: Type.Composite([PageQuery, Type.Object({ action: Type.Optional(Type.String({ maxLength: 60 })), actor: Type.Optional(Type.String({ maxLength: 60 })) })]),
        response: { 200: Page(LogEntry), ...errorResponses },
      },
    },
    async (request, reply) => {
      await ctx.processingLog.flush();
      const w = pageWindow(request.query);
      const params: unknown[] = [request.tenantId];
      const clauses = ['tenant_id = $1'];
      if (request.query.action) clauses.push(`action = $${params.push(request.query.action)}`);
      if (request.query.actor) clauses.push(`actor = $${params.push(request.query.actor)}`);
      const { rows } = await ctx.pool.query(
        `SELECT time, actor, role, action, object, purpose, request_id, count(*) OVER () AS total FROM processing_log
          WHERE ${clauses.join(' AND ')} ORDER BY time DESC, id DESC LIMIT ${w.limit} OFFSET ${w.offset}`,
        params,
      );
      const items = rows.map((r) => ({ time: r.time.toISOString(), actor: r.actor, role: r.role, action: r.action, object: r.object, purpose: r.purpose, requestId: r.request_id }));
      return pageBody(reply, request, w, items, Number(rows[0]?.total ?? 0));
    },
  );
};

export default admin;
