/**
 * Containers with their latest fill and status, as plain JSON, as a GeoJSON FeatureCollection
 * (`Accept: application/geo+json`, optionally in RD with `Accept-Crs`) or as FIWARE NGSI-LD
 * WasteContainer entities (`Accept: application/ld+json`). Open data: no token needed.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ApiContext } from '../context.ts';
import { parseAcceptCrs, project, setContentCrs } from '../geo/crs.ts';
import { toNgsiWasteContainer } from '../geo/ngsi-ld.ts';
import { loadForecasts } from '../forecast-source.ts';
import { forecastSummary } from '../forecast-view.ts';
import { pageBody, pageWindow } from '../pagination.ts';
import { notFound } from '../problem.ts';
import { ContainerFeatureCollection, ContainerPage, ContainerQuery, NgsiWasteContainer, Container, type ContainerQuery as Q } from '../schemas/containers.ts';
import { IdParams, errorResponses } from '../schemas/common.ts';
import type { ForecastSummary } from '../schemas/forecast.ts';

const SELECT = `
  SELECT c.id, c.lon, c.lat, c.address, c.fraction, c.volume_m3, c.type, c.active,
         s.sensor_id, s.fill_level, s.measured_at, coalesce(s.status, 'unknown') AS status, s.battery_pct,
         s.last_emptied_at, coalesce(s.flags, 0) AS flags
    FROM containers c
    LEFT JOIN container_state s ON s.tenant_id = c.tenant_id AND s.container_id = c.id`;

export interface ContainerRow {
  id: string;
  lon: number;
  lat: number;
  address: string | null;
  fraction: Container['fraction'];
  volume_m3: number;
  type: string;
  active: boolean;
  sensor_id: string | null;
  fill_level: number | null;
  measured_at: Date | null;
  status: string;
  battery_pct: number | null;
  last_emptied_at: Date | null;
  flags: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function containerProperties(r: ContainerRow, forecast?: ForecastSummary) {
  return {
    id: r.id,
    address: r.address,
    fraction: r.fraction,
    volumeM3: r.volume_m3,
    type: r.type,
    active: r.active,
    sensorId: r.sensor_id,
    fillLevel: r.fill_level,
    measuredAt: iso(r.measured_at),
    status: r.status,
    batteryPct: r.battery_pct,
    lastEmptiedAt: iso(r.last_emptied_at),
    ...(forecast ? { forecast } : {}),
  };
}

function where(tenantId: string, q: Q): { sql: string; params: unknown[] } {
  const params: unknown[] = [tenantId];
  const clauses = ['c.tenant_id = $1'];
  if (q.fraction) clauses.push(`c.fraction = $${params.push(q.fraction)}`);
  if (q.minFill !== undefined) clauses.push(`s.fill_level >= $${params.push(q.minFill)}`);
  if (q.status) clauses.push(`coalesce(s.status, 'unknown') = $${params.push(q.status)}`);
  return { sql: ` WHERE ${clauses.join(' AND ')}`, params };
}

type Representation = 'json' | 'geojson' | 'ngsi-ld';

function representation(accept: string | undefined): Representation {
  if (!accept) return 'json';
  if (accept.includes('application/geo+json')) return 'geojson';
  if (accept.includes('application/ld+json')) return 'ngsi-ld';
  return 'json';
}

const containers: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  app.get(
    '/containers',
    {
      schema: {
        tags: ['containers'],
        summary: 'Containers with latest fill and status (JSON, GeoJSON or NGSI-LD by Accept header)',
        security: [],
        querystring: ContainerQuery,
        headers: Type.Object({ 'accept-crs': Type.Optional(Type.String({ description: 'EPSG:28992 for Dutch RD coordinates' })) }),
        response: {
          200: {
            description: 'A page of containers',
            content: {
              'application/json': { schema: ContainerPage },
              'application/geo+json': { schema: ContainerFeatureCollection },
              'application/ld+json': { schema: Type.Array(NgsiWasteContainer) },
            },
          },
          400: errorResponses[400],
          406: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const crs = parseAcceptCrs(request);
      const tenant = await ctx.tenants.get(request.tenantId);
      const w = pageWindow(request.query);
      const f = where(request.tenantId, request.query);
      const [{ rows }, count] = await Promise.all([
        ctx.pool.query<ContainerRow>(`${SELECT}${f.sql} ORDER BY c.id LIMIT ${w.limit} OFFSET ${w.offset}`, f.params),
        ctx.pool.query<{ n: string }>(`SELECT count(*) AS n FROM containers c LEFT JOIN container_state s ON s.tenant_id = c.tenant_id AND s.container_id = c.id${f.sql}`, f.params),
      ]);
      const total = Number(count.rows[0]!.n);
      const forecasts = request.query.forecast && rows.length
        ? await loadForecasts(ctx.pool, { tenantId: tenant.id, timeZone: tenant.timeZone, nowMs: Date.now(), containerIds: rows.map((r) => r.id) })
        : undefined;
      const props = (r: ContainerRow) => {
        const f = forecasts?.get(r.id);
        return containerProperties(r, f ? forecastSummary(f) : undefined);
      };
      setContentCrs(reply, crs);
      const kind = representation(request.headers.accept);
      if (kind === 'geojson') {
        pageBody(reply, request, w, rows, total);
        reply.type('application/geo+json');
        return {
          type: 'FeatureCollection' as const,
          features: rows.map((r) => ({ type: 'Feature' as const, id: r.id, geometry: { type: 'Point' as const, coordinates: project([r.lon, r.lat], crs) }, properties: props(r) })),
          numberMatched: total,
          numberReturned: rows.length,
        };
      }
      if (kind === 'ngsi-ld') {
        pageBody(reply, request, w, rows, total);
        reply.type('application/ld+json');
        return rows.map((r) => toNgsiWasteContainer(request.tenantId, r));
      }
      reply.type('application/json');
      return pageBody(reply, request, w, rows.map((r) => ({ ...props(r), location: project([r.lon, r.lat], crs) })), total);
    },
  );

  app.get(
    '/containers/:id',
    {
      schema: {
        tags: ['containers'],
        summary: 'One container with its latest fill and status (JSON or NGSI-LD by Accept header)',
        security: [],
        params: IdParams,
        querystring: Type.Object({ tenant: ContainerQuery.properties.tenant }),
        response: {
          200: { description: 'The container', content: { 'application/json': { schema: Type.Ref(Container) }, 'application/ld+json': { schema: NgsiWasteContainer } } },
          404: errorResponses[404],
          406: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const crs = parseAcceptCrs(request);
      const { rows } = await ctx.pool.query<ContainerRow>(`${SELECT} WHERE c.tenant_id = $1 AND c.id = $2`, [request.tenantId, request.params.id]);
      const r = rows[0];
      if (!r) throw notFound(`container ${request.params.id}`);
      if (representation(request.headers.accept) === 'ngsi-ld') {
        reply.type('application/ld+json');
        return toNgsiWasteContainer(request.tenantId, r);
      }
      setContentCrs(reply, crs);
      reply.type('application/json');
      return { ...containerProperties(r), location: project([r.lon, r.lat], crs) };
    },
  );
};

export default containers;
