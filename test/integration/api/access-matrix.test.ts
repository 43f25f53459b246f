/**
 * Role × endpoint: every route with the role allowed to call it. Anonymous callers get 401,
 * the wrong role 403 (problem+json), an allowed role anything but those two.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { bearer, type Seeded } from './fixtures.ts';
import { startSeededApp, type SeededApp } from './seeded-app.ts';

type Caller = 'anonymous' | 'driver' | 'dispatcher' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'driver', 'dispatcher', 'admin'];
const ALL = CALLERS;
const STAFF: Caller[] = ['dispatcher', 'admin'];
const NIL = '00000000-0000-4000-8000-000000000000';

/**
 * `expect`: the status an allowed caller gets on the seeded app (no plan queue: 503 for queue
 * routes; unknown ids: 404), so an allowed call that fails with 500 or the wrong answer is caught.
 */
const ENDPOINTS: { name: string; request: InjectOptions; allowed: Caller[]; expect: number }[] = [
  { name: 'GET /v1', request: { url: '/v1' }, allowed: ALL, expect: 200 },
  { name: 'GET /v1/openapi.json', request: { url: '/v1/openapi.json' }, allowed: ALL, expect: 200 },
  { name: 'GET /v1/health', request: { url: '/v1/health' }, allowed: ALL, expect: 200 },
  { name: 'GET /v1/containers', request: { url: '/v1/containers' }, allowed: ALL, expect: 200 },
  { name: 'GET /v1/containers/{id}', request: { url: '/v1/containers/c001' }, allowed: ALL, expect: 200 },
  { name: 'GET /v1/containers/{id}/forecast', request: { url: '/v1/containers/c001/forecast' }, allowed: ALL, expect: 200 },
  { name: 'GET /v1/containers/{id}/fill-history', request: { url: '/v1/containers/c001/fill-history' }, allowed: ALL, expect: 200 },
  { name: 'GET /v1/depots', request: { url: '/v1/depots' }, allowed: ALL, expect: 200 },
  { name: 'GET /v1/facilities', request: { url: '/v1/facilities' }, allowed: ALL, expect: 200 },
  { name: 'GET /v1/vehicles', request: { url: '/v1/vehicles' }, allowed: STAFF, expect: 200 },
  { name: 'GET /v1/sensors', request: { url: '/v1/sensors' }, allowed: STAFF, expect: 200 },
  { name: 'GET /v1/alerts', request: { url: '/v1/alerts' }, allowed: STAFF, expect: 200 },
  { name: 'POST /v1/alerts/{id}/acknowledge', request: { method: 'POST', url: `/v1/alerts/${NIL}/acknowledge` }, allowed: STAFF, expect: 404 },
  { name: 'POST /v1/plans', request: { method: 'POST', url: '/v1/plans', payload: { date: '2026-12-01' } }, allowed: STAFF, expect: 503 },
  { name: 'GET /v1/plans', request: { url: '/v1/plans' }, allowed: STAFF, expect: 200 },
  { name: 'GET /v1/plans/{id}', request: { url: `/v1/plans/${NIL}` }, allowed: STAFF, expect: 404 },
  { name: 'GET /v1/plans/{id}/events', request: { url: `/v1/plans/${NIL}/events` }, allowed: STAFF, expect: 503 },
  { name: 'POST /v1/plans/{id}/reoptimise', request: { method: 'POST', url: `/v1/plans/${NIL}/reoptimise`, payload: {} }, allowed: STAFF, expect: 404 },
  { name: 'GET /v1/plans/{id}/decisions', request: { url: `/v1/plans/${NIL}/decisions` }, allowed: STAFF, expect: 404 },
  { name: 'GET /v1/plans/{id}/routes', request: { url: `/v1/plans/${NIL}/routes` }, allowed: STAFF, expect: 404 },
  { name: 'POST /v1/plans/{id}/status', request: { method: 'POST', url: `/v1/plans/${NIL}/status`, payload: { status: 'approved' } }, allowed: STAFF, expect: 404 },
  { name: 'POST /v1/plans/{id}/check', request: { method: 'POST', url: `/v1/plans/${NIL}/check`, payload: { moves: [{ containerId: 'c001', vehicleId: 'v1', position: 0 }] } }, allowed: STAFF, expect: 404 },
  { name: 'POST /v1/plans/{id}/edits', request: { method: 'POST', url: `/v1/plans/${NIL}/edits`, payload: { moves: [{ containerId: 'c001', vehicleId: 'v1', position: 0 }] } }, allowed: STAFF, expect: 404 },
  { name: 'GET /v1/routes/{id}', request: { url: `/v1/routes/${NIL}` }, allowed: STAFF, expect: 404 },
  { name: 'GET /v1/routes/{id}/export', request: { url: `/v1/routes/${NIL}/export?format=gpx` }, allowed: ['driver', ...STAFF], expect: 404 },
  { name: 'GET /v1/driver/route', request: { url: '/v1/driver/route' }, allowed: ['driver'], expect: 404 },
  { name: 'POST /v1/driver/stops/{id}/events', request: { method: 'POST', url: `/v1/driver/stops/${NIL}/events`, payload: { clientEventId: 'tablet-1-0001', kind: 'arrived' } }, allowed: ['driver'], expect: 404 },
  { name: 'POST /v1/admin/tokens', request: { method: 'POST', url: '/v1/admin/tokens', payload: { role: 'dispatcher' } }, allowed: ['admin'], expect: 201 },
  { name: 'GET /v1/admin/tokens', request: { url: '/v1/admin/tokens' }, allowed: ['admin'], expect: 200 },
  { name: 'DELETE /v1/admin/tokens/{id}', request: { method: 'DELETE', url: `/v1/admin/tokens/${NIL}` }, allowed: ['admin'], expect: 404 },
  { name: 'GET /v1/admin/processing-log', request: { url: '/v1/admin/processing-log' }, allowed: ['admin'], expect: 200 },
  { name: 'POST /v1/sensors', request: { method: 'POST', url: '/v1/sensors', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'GET /v1/sensors/{id}', request: { url: '/v1/sensors/s-c001' }, allowed: STAFF, expect: 200 },
  { name: 'PATCH /v1/sensors/{id}', request: { method: 'PATCH', url: '/v1/sensors/nope', payload: {} }, allowed: STAFF, expect: 428 },
  { name: 'DELETE /v1/sensors/{id}', request: { method: 'DELETE', url: '/v1/sensors/nope' }, allowed: STAFF, expect: 428 },
  { name: 'GET /v1/sensors/{id}/bindings', request: { url: '/v1/sensors/s-c001/bindings' }, allowed: STAFF, expect: 200 },
  { name: 'POST /v1/sensors/{id}/bindings', request: { method: 'POST', url: '/v1/sensors/nope/bindings', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'GET /v1/unknown-devices', request: { url: '/v1/unknown-devices' }, allowed: STAFF, expect: 200 },
  { name: 'POST /v1/unknown-devices/{deviceId}/bind', request: { method: 'POST', url: '/v1/unknown-devices/nope/bind', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'GET /v1/integrations', request: { url: '/v1/integrations' }, allowed: STAFF, expect: 200 },
  { name: 'POST /v1/integrations', request: { method: 'POST', url: '/v1/integrations', payload: {} }, allowed: ['admin'], expect: 400 },
  { name: 'GET /v1/integrations/{id}', request: { url: `/v1/integrations/${NIL}` }, allowed: STAFF, expect: 404 },
  { name: 'PATCH /v1/integrations/{id}', request: { method: 'PATCH', url: `/v1/integrations/${NIL}`, payload: {} }, allowed: ['admin'], expect: 428 },
  { name: 'DELETE /v1/integrations/{id}', request: { method: 'DELETE', url: `/v1/integrations/${NIL}` }, allowed: ['admin'], expect: 428 },
  { name: 'POST /v1/containers', request: { method: 'POST', url: '/v1/containers', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'GET /v1/containers/{id}/record', request: { url: '/v1/containers/nope/record' }, allowed: ['driver', ...STAFF], expect: 404 },
  { name: 'PUT /v1/containers/{id}', request: { method: 'PUT', url: '/v1/containers/nope', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'DELETE /v1/containers/{id}', request: { method: 'DELETE', url: '/v1/containers/nope' }, allowed: STAFF, expect: 428 },
  { name: 'POST /v1/vehicle-types', request: { method: 'POST', url: '/v1/vehicle-types', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'GET /v1/vehicle-types/{id}', request: { url: '/v1/vehicle-types/nope' }, allowed: ['driver', ...STAFF], expect: 404 },
  { name: 'PUT /v1/vehicle-types/{id}', request: { method: 'PUT', url: '/v1/vehicle-types/nope', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'DELETE /v1/vehicle-types/{id}', request: { method: 'DELETE', url: '/v1/vehicle-types/nope' }, allowed: STAFF, expect: 428 },
  { name: 'POST /v1/vehicles', request: { method: 'POST', url: '/v1/vehicles', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'GET /v1/vehicles/{id}/record', request: { url: '/v1/vehicles/nope/record' }, allowed: ['driver', ...STAFF], expect: 404 },
  { name: 'PUT /v1/vehicles/{id}', request: { method: 'PUT', url: '/v1/vehicles/nope', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'DELETE /v1/vehicles/{id}', request: { method: 'DELETE', url: '/v1/vehicles/nope' }, allowed: STAFF, expect: 428 },
  { name: 'POST /v1/depots', request: { method: 'POST', url: '/v1/depots', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'GET /v1/depots/{id}', request: { url: '/v1/depots/nope' }, allowed: ['driver', ...STAFF], expect: 404 },
  { name: 'PUT /v1/depots/{id}', request: { method: 'PUT', url: '/v1/depots/nope', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'DELETE /v1/depots/{id}', request: { method: 'DELETE', url: '/v1/depots/nope' }, allowed: STAFF, expect: 428 },
  { name: 'POST /v1/facilities', request: { method: 'POST', url: '/v1/facilities', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'GET /v1/facilities/{id}', request: { url: '/v1/facilities/nope' }, allowed: ['driver', ...STAFF], expect: 404 },
  { name: 'PUT /v1/facilities/{id}', request: { method: 'PUT', url: '/v1/facilities/nope', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'DELETE /v1/facilities/{id}', request: { method: 'DELETE', url: '/v1/facilities/nope' }, allowed: STAFF, expect: 428 },
  { name: 'GET /v1/vehicle-types', request: { url: '/v1/vehicle-types' }, allowed: ['driver', ...STAFF], expect: 200 },
  { name: 'GET /v1/tenant', request: { url: '/v1/tenant' }, allowed: ['driver', ...STAFF], expect: 200 },
  { name: 'PATCH /v1/tenant', request: { method: 'PATCH', url: '/v1/tenant', payload: { bad: 1 } }, allowed: STAFF, expect: 400 },
  { name: 'GET /v1/tenant/thresholds', request: { url: '/v1/tenant/thresholds' }, allowed: ['driver', ...STAFF], expect: 200 },
  { name: 'PUT /v1/tenant/thresholds', request: { method: 'PUT', url: '/v1/tenant/thresholds', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'GET /v1/tenant/calendar', request: { url: '/v1/tenant/calendar' }, allowed: ['driver', ...STAFF], expect: 200 },
  { name: 'PUT /v1/tenant/calendar', request: { method: 'PUT', url: '/v1/tenant/calendar', payload: {} }, allowed: STAFF, expect: 400 },
  { name: 'POST /v1/admin/tenants', request: { method: 'POST', url: '/v1/admin/tenants', payload: {} }, allowed: ['admin'], expect: 400 },
  { name: 'POST /v1/imports', request: { method: 'POST', url: '/v1/imports?kind=containers' }, allowed: STAFF, expect: 503 },
  { name: 'GET /v1/imports', request: { url: '/v1/imports' }, allowed: STAFF, expect: 200 },
  { name: 'GET /v1/imports/{id}', request: { url: `/v1/imports/${NIL}` }, allowed: STAFF, expect: 404 },
];

let stack: SeededApp;
let app: FastifyInstance;
let seed: Seeded;

beforeAll(async () => {
  stack = await startSeededApp(3);
  ({ app, seed } = stack);
});
afterAll(async () => stack?.close());

describe('role × endpoint access matrix', () => {
  const cases = ENDPOINTS.flatMap((e) => CALLERS.map((caller) => ({ ...e, caller, allowedHere: e.allowed.includes(caller) })));
  it.each(cases)('$name as $caller → allowed: $allowedHere', async ({ request, caller, allowedHere }) => {
    const headers = caller === 'anonymous' ? {} : bearer(seed.tokens[caller]);
    const res = await app.inject({ ...request, headers: { ...request.headers, ...headers } });
    if (allowedHere) {
      expect([401, 403]).not.toContain(res.statusCode);
    } else {
      expect(res.statusCode).toBe(caller === 'anonymous' ? 401 : 403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('covers every route the app serves', () => {
    const spec = (app as unknown as { swagger(): { servers: { url: string }[]; paths: Record<string, Record<string, unknown>> } }).swagger();
    // documented paths are relative to the server URL, which ends in the major version (/v1)
    const base = new URL(spec.servers[0]!.url).pathname;
    const served = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${base}${path === '/' ? '' : path}`));
    const listed = new Set(ENDPOINTS.map((e) => e.name));
    expect(served.filter((s) => !listed.has(s))).toEqual([]);
  });

  it('rejects an unknown token with 401 even on open data', async () => {
    const res = await app.inject({ url: '/v1/containers', headers: bearer('afr_not-a-token') });
    expect(res.statusCode).toBe(401);
  });
});
