/** A route for the dispatcher, and route exports (GPX, GeoJSON) for staff and the route's driver. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../auth/install-auth.ts';
import { STAFF } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import { parseAcceptCrs, setContentCrs } from '../geo/crs.ts';
import { routeToGeoJson, routeToGpx } from '../geo/route-export.ts';
import { notFound } from '../problem.ts';
import { loadRouteDetail } from '../route-detail.ts';
import { CrsHeaders, UuidParams, errorResponses } from '../schemas/common.ts';
import { serializeInCrs } from '../geo/crs-schema.ts';
import { RouteDetail } from '../schemas/plans.ts';
import { projectRoute } from './driver.ts';

const routes: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  app.get(
    '/routes/:id',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['plans'],
        summary: 'A route with stops, ETAs, geometry and directions (logged in the processing log)',
        security: [{ bearer: [] }],
        params: UuidParams,
        querystring: Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')], { default: 'nl' })) }),
        headers: CrsHeaders,
        response: { 200: RouteDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const crs = parseAcceptCrs(request);
      const route = await loadRouteDetail(ctx.pool, request.tenantId, request.params.id, request.query.lang ?? 'nl');
      if (!route) throw notFound(`route ${request.params.id}`);
      ctx.processingLog.record(request, principal, 'read-route', `route/${route.id}`);
      setContentCrs(reply, crs);
      serializeInCrs(reply, crs, RouteDetail);
      return projectRoute(route, crs);
    },
  );

  app.get(
    '/routes/:id/export',
    {
      config: { roles: [...STAFF, 'driver'] },
      schema: {
        tags: ['plans'],
        summary: 'Export a route as GPX 1.1 or GeoJSON (a driver only their own route)',
        security: [{ bearer: [] }],
        params: UuidParams,
        querystring: Type.Object({ format: Type.Union([Type.Literal('gpx'), Type.Literal('geojson')]) }),
        headers: CrsHeaders,
        response: {
          200: { description: 'the route', content: { 'application/gpx+xml': { schema: Type.String() }, 'application/geo+json': { schema: Type.Object({}, { additionalProperties: true }) } } },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const crs = parseAcceptCrs(request);
      const route = await loadRouteDetail(ctx.pool, request.tenantId, request.params.id, 'nl');
      if (!route || (principal.role === 'driver' && route.vehicleId !== principal.vehicleId)) throw notFound(`route ${request.params.id}`);
      ctx.processingLog.record(request, principal, 'export-route', `route/${route.id}`);
      const filename = `route-${route.vehicleId}-${route.date}`;
      if (request.query.format === 'gpx') {
        reply.header('Content-Disposition', `attachment; filename="${filename}.gpx"`);
        return reply.type('application/gpx+xml').serializer((s: unknown) => String(s)).send(routeToGpx(route));
      }
      setContentCrs(reply, crs);
      reply.header('Content-Disposition', `attachment; filename="${filename}.geojson"`);
      return reply.type('application/geo+json').serializer((s: unknown) => JSON.stringify(s)).send(routeToGeoJson(route, crs));
    },
  );
};

export default routes;
