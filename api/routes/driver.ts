/**
 * The driver's tablet: today's route of the vehicle the token is bound to, and stop events that
 * an offline tablet may replay safely (idempotent by client event id).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../auth/install-auth.ts';
import type { Role } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import { parseAcceptCrs, project, setContentCrs } from '../geo/crs.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { findDispatchedRouteId, loadRouteDetail, type RouteDetail } from '../route-detail.ts';
import { CrsHeaders, Nullable, UuidParams, errorResponses } from '../schemas/common.ts';
import { RouteDetail as RouteDetailSchema } from '../schemas/plans.ts';
import { recordStopEvent } from '../stop-events.ts';
import { simplifyLine } from '../geo/simplify-line.ts';
import { localDate } from '../tenants.ts';
import type { Crs } from '../geo/crs.ts';

const DRIVER: readonly Role[] = ['driver'];
const ReasonCode = Type.Union(['blocked', 'no_access', 'contaminated', 'damaged', 'already_empty', 'other'].map((r) => Type.Literal(r)));

const StopEventBody = Type.Object(
  {
    clientEventId: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$', description: 'made by the tablet (e.g. a UUID); a replay with the same id is recognised' }),
    kind: Type.Union([Type.Literal('arrived'), Type.Literal('emptied'), Type.Literal('skipped')]),
    time: Type.Optional(Type.String({ format: 'date-time', description: 'when it happened on the tablet; default now' })),
    observedFill: Type.Optional(Type.Number({ minimum: 0, maximum: 2, description: 'fill the driver saw before emptying (emptied only)' })),
    reasonCode: Type.Optional(ReasonCode),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

const StopEvent = Type.Object({
  id: Type.String({ format: 'uuid' }),
  stopId: Type.String({ format: 'uuid' }),
  clientEventId: Type.String(),
  kind: Type.String(),
  time: Type.String({ format: 'date-time' }),
  observedFill: Nullable(Type.Number()),
  reasonCode: Nullable(Type.String()),
  note: Nullable(Type.String()),
  stopStatus: Type.String(),
  replayed: Type.Boolean(),
});

export function projectRoute(route: RouteDetail, crs: Crs): RouteDetail {
  if (crs === 'CRS84') return route;
  return {
    ...route,
    geometry: route.geometry ? { type: 'LineString', coordinates: route.geometry.coordinates.map((c) => project(c, crs)) } : null,
    stops: route.stops.map((s) => ({ ...s, location: s.location ? project(s.location, crs) : null })),
  };
}

const driver: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  app.get(
    '/driver/route',
    {
      config: { roles: DRIVER },
      schema: {
        tags: ['driver'],
        summary: "Today's route for my vehicle: ordered stops with container details, ETA, geometry and directions",
        security: [{ bearer: [] }],
        querystring: Type.Object({
          lang: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')], { default: 'nl' })),
          date: Type.Optional(Type.String({ format: 'date', description: 'default: today in the municipality\'s time zone' })),
        }),
        headers: CrsHeaders,
        response: { 200: RouteDetailSchema, 304: { description: 'Not modified (If-None-Match)', type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const crs = parseAcceptCrs(request);
      const tenant = await ctx.tenants.get(principal.tenantId);
      const date = request.query.date ?? localDate(tenant.timeZone);
      const lang = request.query.lang ?? 'nl';
      const vehicleId = principal.vehicleId!;
      const cached = await ctx.routeCache.get(principal.tenantId, `${vehicleId}|${date}|${lang}|${crs}`, async () => {
        const routeId = await findDispatchedRouteId(ctx.pool, principal.tenantId, vehicleId, date);
        const route = routeId ? await loadRouteDetail(ctx.pool, principal.tenantId, routeId, lang) : undefined;
        // Serialised once per cache period with JSON.stringify: the schema documents the shape.
        return route ? { routeId: route.id, body: JSON.stringify(projectRoute({ ...route, geometry: simplifyLine(route.geometry) }, crs)) } : null;
      });
      if (!cached.body) throw notFound(`a dispatched route for vehicle ${vehicleId} on ${date}`);
      ctx.processingLog.record(request, principal, 'read-route', `route/${cached.routeId}`);
      setContentCrs(reply, crs);
      reply.header('ETag', cached.etag).header('Cache-Control', 'private, no-cache').header('Vary', 'Accept-Encoding, Accept-Crs');
      if (request.headers['if-none-match'] === cached.etag) return reply.status(304).send();
      reply.type('application/json; charset=utf-8');
      if (cached.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        return reply.header('Content-Encoding', 'gzip').send(cached.gzip);
      }
      return reply.send(cached.body);
    },
  );

  app.post(
    '/driver/stops/:id/events',
    {
      config: { roles: DRIVER },
      schema: {
        tags: ['driver'],
        summary: 'Report arrived, emptied (with observed fill) or skipped (with a reason) at a stop; safe to replay',
        security: [{ bearer: [] }],
        params: UuidParams,
        body: StopEventBody,
        response: { 200: StopEvent, 201: StopEvent, 409: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const b = request.body;
      const invalid: { name: string; reason: string }[] = [];
      if (b.kind === 'skipped' && !b.reasonCode) invalid.push({ name: 'body.reasonCode', reason: 'required when kind is skipped' });
      if (b.kind !== 'skipped' && b.reasonCode) invalid.push({ name: 'body.reasonCode', reason: 'only when kind is skipped' });
      if (b.reasonCode === 'other' && !b.note?.trim()) invalid.push({ name: 'body.note', reason: 'required when reasonCode is other' });
      if (b.kind !== 'emptied' && b.observedFill !== undefined) invalid.push({ name: 'body.observedFill', reason: 'only when kind is emptied' });
      const time = b.time ? new Date(b.time) : new Date();
      if (time.getTime() > Date.now() + 5 * 60_000) invalid.push({ name: 'body.time', reason: 'lies in the future' });
      if (invalid.length) throw new HttpProblem(400, 'Bad Request', 'The request has invalid parameters', invalid);
      const { event, replayed } = await recordStopEvent(
        ctx.pool,
        { tenantId: principal.tenantId, vehicleId: principal.vehicleId!, actor: principal.tokenId },
        request.params.id,
        { clientEventId: b.clientEventId, kind: b.kind, time, observedFill: b.observedFill, reasonCode: b.reasonCode as never, note: b.note },
      );
      if (!replayed) ctx.routeCache.invalidate(principal.tenantId);
      return reply.status(replayed ? 200 : 201).send({ ...event, replayed });
    },
  );
};

export default driver;
