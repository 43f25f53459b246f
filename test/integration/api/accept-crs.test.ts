/**
 * Accept-Crs: EPSG:28992 on every operation that accepts the header (found from the OpenAPI
 * document): 200 with Content-Crs, and every position of the CRS84 answer projected to RD in the
 * RD answer. Nullable positions (route stops, a vehicle's last position) made these 500s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { project } from '../../../api/geo/crs.ts';
import { bearer, todayAmsterdam } from './fixtures.ts';
import { startSeededApp, type SeededApp } from './seeded-app.ts';
import { fillPath, hasParam, openApiOperations, type OpenApiOperation } from './openapi-operations.ts';

/** Pairs of [CRS84 position, RD position] found at the same place in both answers. */
function positionPairs(crs84: unknown, rd: unknown, out: [number[], number[]][] = []): [number[], number[]][] {
  if (Array.isArray(crs84) && crs84.length === 2 && crs84.every((n) => typeof n === 'number')) {
    out.push([crs84 as number[], rd as number[]]);
  } else if (Array.isArray(crs84)) {
    crs84.forEach((v, i) => positionPairs(v, (rd as unknown[])?.[i], out));
  } else if (crs84 && typeof crs84 === 'object') {
    for (const [k, v] of Object.entries(crs84)) positionPairs(v, (rd as Record<string, unknown>)?.[k], out);
  }
  return out;
}

describe('Accept-Crs: EPSG:28992 on every endpoint that accepts it', () => {
  let s: SeededApp;
  let routeId: string;
  beforeAll(async () => {
    s = await startSeededApp();
    const { pool } = s.db;
    const tenant = s.seed.tenant;
    const plan = await pool.query<{ id: string }>(`INSERT INTO plans (tenant_id, date, status) VALUES ($1, $2, 'dispatched') RETURNING id`, [tenant, todayAmsterdam()]);
    const route = await pool.query<{ id: string }>(
      `INSERT INTO routes (plan_id, tenant_id, vehicle_id, geometry) VALUES ($1, $2, 'v1', $3) RETURNING id`,
      [plan.rows[0]!.id, tenant, JSON.stringify({ type: 'LineString', coordinates: [[7.4165, 43.7295], [7.418, 43.732], [7.4165, 43.7295]] })],
    );
    routeId = route.rows[0]!.id;
    const stops = await pool.query<{ id: string; kind: string }>(
      `INSERT INTO route_stops (route_id, tenant_id, position, kind, container_id, facility_id) VALUES
         ($1, $2, 0, 'start', NULL, NULL), ($1, $2, 1, 'job', 'c001', NULL), ($1, $2, 2, 'break', NULL, NULL),
         ($1, $2, 3, 'unload', NULL, 'f1'), ($1, $2, 4, 'end', NULL, NULL) RETURNING id, kind`,
      [routeId, tenant],
    );
    // A last known position for v1 (GET /v1/vehicles).
    const job = stops.rows.find((r) => r.kind === 'job')!;
    await pool.query(`INSERT INTO stop_events (tenant_id, stop_id, client_event_id, kind, time) VALUES ($1, $2, 'crs-test-0001', 'arrived', now())`, [tenant, job.id]);
  });
  afterAll(async () => s?.close());

  const request = (op: OpenApiOperation, crs?: string) => {
    const headers: Record<string, string> = { ...(op.path.startsWith('/v1/driver') ? bearer(s.seed.tokens.driver) : op.public ? {} : bearer(s.seed.tokens.dispatcher)) };
    if (crs) headers['accept-crs'] = crs;
    const query = hasParam(op, 'query', 'format') ? '?format=geojson' : '';
    return s.app.inject({ method: op.method, url: `${fillPath(op, (name) => (op.path.startsWith('/v1/containers') ? 'c001' : name === 'id' ? routeId : name))}${query}`, headers });
  };

  it('answers every such endpoint in RD: 200, Content-Crs, each position projected', async () => {
    const ops = (await openApiOperations(s.app)).filter((op) => hasParam(op, 'header', 'accept-crs'));
    expect(ops.map((op) => `${op.method} ${op.path}`)).toEqual(expect.arrayContaining([
      'GET /v1/containers', 'GET /v1/containers/{id}', 'GET /v1/depots', 'GET /v1/facilities', 'GET /v1/vehicles',
      'GET /v1/routes/{id}', 'GET /v1/routes/{id}/export', 'GET /v1/driver/route',
    ]));
    for (const op of ops) {
      const crs84 = await request(op);
      const rd = await request(op, 'EPSG:28992');
      expect.soft(crs84.statusCode, `${op.path} CRS84: ${crs84.body}`).toBe(200);
      expect.soft(rd.statusCode, `${op.path} RD: ${rd.body}`).toBe(200);
      expect.soft(rd.headers['content-crs'], op.path).toBe('EPSG:28992');
      const pairs = positionPairs(crs84.json(), rd.json());
      expect.soft(pairs.length, `${op.path}: positions in the answer`).toBeGreaterThan(0);
      for (const [lonLat, xy] of pairs) expect.soft(xy, `${op.path} ${JSON.stringify(lonLat)}`).toEqual(project(lonLat, 'EPSG:28992'));
    }
  });

  it('answers the nullable positions too: route stops and the vehicle\'s last position', async () => {
    const route = await s.app.inject({ url: `/v1/routes/${routeId}`, headers: { ...bearer(s.seed.tokens.dispatcher), 'accept-crs': 'EPSG:28992' } });
    expect(route.statusCode).toBe(200);
    const stops = route.json().stops as { kind: string; location: number[] | null }[];
    expect(stops.find((st) => st.kind === 'job')!.location).toEqual(project([7.418, 43.732], 'EPSG:28992'));
    expect(stops.find((st) => st.kind === 'break')!.location).toBeNull();
    const vehicles = await s.app.inject({ url: '/v1/vehicles', headers: { ...bearer(s.seed.tokens.dispatcher), 'accept-crs': 'EPSG:28992' } });
    expect(vehicles.statusCode).toBe(200);
    expect(vehicles.json().items.find((v: { id: string }) => v.id === 'v1').lastPosition.location).toEqual(project([7.418, 43.732], 'EPSG:28992'));
  });
});
