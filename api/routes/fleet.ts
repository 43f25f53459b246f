/**
 * Depots, disposal facilities (open data) and vehicles (staff); sensors are in sensors.ts.
 * Vehicle positions are personal data of the crew: reading them is written to the processing log.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../auth/install-auth.ts';
import { STAFF } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import { parseAcceptCrs, project, setContentCrs } from '../geo/crs.ts';
import { pageBody, pageWindow } from '../pagination.ts';
import { DepotPage, FacilityPage, VehiclePage } from '../schemas/fleet.ts';
import { PageQuery, errorResponses } from '../schemas/common.ts';

const TenantQuery = Type.Composite([PageQuery, Type.Object({ tenant: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' })) })]);

const fleet: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  const count = async (table: string, tenantId: string) =>
    Number((await ctx.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [tenantId])).rows[0]!.n);

  app.get(
    '/depots',
    { schema: { tags: ['fleet'], summary: 'Depots', security: [], querystring: TenantQuery, response: { 200: DepotPage, 400: errorResponses[400] } } },
    async (request, reply) => {
      const crs = parseAcceptCrs(request);
      const w = pageWindow(request.query);
      const { rows } = await ctx.pool.query<{ id: string; name: string; lon: number; lat: number; address: string | null }>(
        `SELECT id, name, lon, lat, address FROM depots WHERE tenant_id = $1 ORDER BY id LIMIT ${w.limit} OFFSET ${w.offset}`,
        [request.tenantId],
      );
      setContentCrs(reply, crs);
      const items = rows.map((r) => ({ id: r.id, name: r.name, address: r.address, location: project([r.lon, r.lat], crs) }));
      return pageBody(reply, request, w, items, await count('depots', request.tenantId));
    },
  );

  app.get(
    '/facilities',
    { schema: { tags: ['fleet'], summary: 'Disposal facilities', security: [], querystring: TenantQuery, response: { 200: FacilityPage, 400: errorResponses[400] } } },
    async (request, reply) => {
      const crs = parseAcceptCrs(request);
      const w = pageWindow(request.query);
      const { rows } = await ctx.pool.query(
        `SELECT id, name, lon, lat, address, fractions, opening_hours, unloading_time_s FROM disposal_facilities
          WHERE tenant_id = $1 ORDER BY id LIMIT ${w.limit} OFFSET ${w.offset}`,
        [request.tenantId],
      );
      setContentCrs(reply, crs);
      const items = rows.map((r) => ({
        id: r.id, name: r.name, address: r.address, location: project([r.lon, r.lat], crs),
        fractions: r.fractions, openingHours: r.opening_hours, unloadingTimeS: r.unloading_time_s,
      }));
      return pageBody(reply, request, w, items, await count('disposal_facilities', request.tenantId));
    },
  );

  app.get(
    '/vehicles',
    {
      config: { roles: STAFF },
      schema: { tags: ['fleet'], summary: 'Vehicles with their last known position (logged in the processing log)', security: [{ bearer: [] }], querystring: PageQuery, response: { 200: VehiclePage, ...errorResponses } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const crs = parseAcceptCrs(request);
      const w = pageWindow(request.query);
      const { rows } = await ctx.pool.query(
        `SELECT v.id, v.name, v.depot_id, v.shift_start::text, v.shift_end::text, v.active,
                t.id AS type_id, t.name AS type_name, t.capacity_kg, t.capacity_m3, t.fractions,
                p.time AS pos_time, p.lon AS pos_lon, p.lat AS pos_lat, p.stop_id AS pos_stop, p.kind AS pos_event
           FROM vehicles v
           JOIN vehicle_types t ON t.tenant_id = v.tenant_id AND t.id = v.vehicle_type_id
           LEFT JOIN LATERAL (
             SELECT e.time, c.lon, c.lat, e.stop_id, e.kind
               FROM stop_events e
               JOIN route_stops rs ON rs.id = e.stop_id
               JOIN routes r ON r.id = rs.route_id
               JOIN containers c ON c.tenant_id = rs.tenant_id AND c.id = rs.container_id
              WHERE e.tenant_id = v.tenant_id AND r.vehicle_id = v.id AND e.time > now() - INTERVAL '1 day'
              ORDER BY e.time DESC LIMIT 1) p ON true
          WHERE v.tenant_id = $1 ORDER BY v.id LIMIT ${w.limit} OFFSET ${w.offset}`,
        [request.tenantId],
      );
      ctx.processingLog.record(request, principal, 'read-vehicle-positions', `vehicles?page=${w.page}`);
      setContentCrs(reply, crs);
      const items = rows.map((r) => ({
        id: r.id, name: r.name, depotId: r.depot_id, shiftStart: r.shift_start, shiftEnd: r.shift_end, active: r.active,
        type: { id: r.type_id, name: r.type_name, capacityKg: r.capacity_kg, capacityM3: r.capacity_m3, fractions: r.fractions },
        lastPosition: r.pos_time ? { location: project([r.pos_lon, r.pos_lat], crs), time: r.pos_time.toISOString(), stopId: r.pos_stop, event: r.pos_event } : null,
      }));
      return pageBody(reply, request, w, items, await count('vehicles', request.tenantId));
    },
  );
};

export default fleet;
