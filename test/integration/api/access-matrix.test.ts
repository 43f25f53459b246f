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

const ENDPOINTS: { name: string; request: InjectOptions; allowed: Caller[] }[] = [
  { name: 'GET /v1/health', request: { url: '/v1/health' }, allowed: ALL },
  { name: 'GET /v1/containers', request: { url: '/v1/containers' }, allowed: ALL },
  { name: 'GET /v1/containers/{id}', request: { url: '/v1/containers/c001' }, allowed: ALL },
  { name: 'GET /v1/containers/{id}/fill-history', request: { url: '/v1/containers/c001/fill-history' }, allowed: ALL },
  { name: 'GET /v1/depots', request: { url: '/v1/depots' }, allowed: ALL },
  { name: 'GET /v1/facilities', request: { url: '/v1/facilities' }, allowed: ALL },
  { name: 'GET /v1/vehicles', request: { url: '/v1/vehicles' }, allowed: STAFF },
  { name: 'GET /v1/sensors', request: { url: '/v1/sensors' }, allowed: STAFF },
  { name: 'GET /v1/alerts', request: { url: '/v1/alerts' }, allowed: STAFF },
  { name: 'POST /v1/alerts/{id}/acknowledge', request: { method: 'POST', url: `/v1/alerts/${NIL}/acknowledge` }, allowed: STAFF },
  { name: 'POST /v1/plans', request: { method: 'POST', url: '/v1/plans', payload: { date: '2026-12-01' } }, allowed: STAFF },
  { name: 'GET /v1/plans', request: { url: '/v1/plans' }, allowed: STAFF },
  { name: 'GET /v1/plans/{id}', request: { url: `/v1/plans/${NIL}` }, allowed: STAFF },
  { name: 'GET /v1/plans/{id}/events', request: { url: `/v1/plans/${NIL}/events` }, allowed: STAFF },
  { name: 'POST /v1/plans/{id}/reoptimise', request: { method: 'POST', url: `/v1/plans/${NIL}/reoptimise`, payload: {} }, allowed: STAFF },
  { name: 'GET /v1/plans/{id}/routes', request: { url: `/v1/plans/${NIL}/routes` }, allowed: STAFF },
  { name: 'GET /v1/plans/{id}/decisions', request: { url: `/v1/plans/${NIL}/decisions` }, allowed: STAFF },
  { name: 'POST /v1/plans/{id}/status', request: { method: 'POST', url: `/v1/plans/${NIL}/status`, payload: { status: 'approved' } }, allowed: STAFF },
  { name: 'POST /v1/plans/{id}/check', request: { method: 'POST', url: `/v1/plans/${NIL}/check`, payload: { moves: [{ containerId: 'c001', vehicleId: 'v1', position: 0 }] } }, allowed: STAFF },
  { name: 'POST /v1/plans/{id}/edits', request: { method: 'POST', url: `/v1/plans/${NIL}/edits`, payload: { moves: [{ containerId: 'c001', vehicleId: 'v1', position: 0 }] } }, allowed: STAFF },
  { name: 'GET /v1/routes/{id}', request: { url: `/v1/routes/${NIL}` }, allowed: STAFF },
  { name: 'GET /v1/routes/{id}/export', request: { url: `/v1/routes/${NIL}/export?format=gpx` }, allowed: ['driver', ...STAFF] },
  { name: 'GET /v1/driver/route', request: { url: '/v1/driver/route' }, allowed: ['driver'] },
  { name: 'POST /v1/driver/stops/{id}/events', request: { method: 'POST', url: `/v1/driver/stops/${NIL}/events`, payload: { clientEventId: 'tablet-1-0001', kind: 'arrived' } }, allowed: ['driver'] },
  { name: 'POST /v1/admin/tokens', request: { method: 'POST', url: '/v1/admin/tokens', payload: { role: 'dispatcher' } }, allowed: ['admin'] },
  { name: 'GET /v1/admin/tokens', request: { url: '/v1/admin/tokens' }, allowed: ['admin'] },
  { name: 'DELETE /v1/admin/tokens/{id}', request: { method: 'DELETE', url: `/v1/admin/tokens/${NIL}` }, allowed: ['admin'] },
  { name: 'GET /v1/admin/processing-log', request: { url: '/v1/admin/processing-log' }, allowed: ['admin'] },
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
    const spec = (app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }).swagger();
    const served = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const listed = new Set(ENDPOINTS.map((e) => e.name));
    expect(served.filter((s) => !listed.has(s))).toEqual([]);
  });

  it('rejects an unknown token with 401 even on open data', async () => {
    const res = await app.inject({ url: '/v1/containers', headers: bearer('afr_not-a-token') });
    expect(res.statusCode).toBe(401);
  });
});
