/**
 * Validation errors for every endpoint: 400 (or 406 / 422 where the request is well-formed but
 * cannot be served) as application/problem+json naming each invalid parameter. fastify validates
 * path, body and query one after the other, so one answer names the problems of one of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { bearer, type Seeded } from './fixtures.ts';
import { startSeededApp, type SeededApp } from './seeded-app.ts';

type As = 'anonymous' | 'driver' | 'dispatcher' | 'admin';
const NIL = '00000000-0000-4000-8000-000000000000';
const move = { containerId: 'c001', vehicleId: 'v1', position: 0 };

const CASES: { name: string; as: As; request: InjectOptions; status?: number; params: string[] }[] = [
  { name: 'GET /v1/containers page size 0', as: 'anonymous', request: { url: '/v1/containers?pageSize=0' }, params: ['querystring.pageSize'] },
  { name: 'GET /v1/containers unknown fraction, fill out of range', as: 'anonymous', request: { url: '/v1/containers?fraction=plastic&minFill=3' }, params: ['querystring.fraction', 'querystring.minFill'] },
  { name: 'GET /v1/containers bad tenant id', as: 'anonymous', request: { url: '/v1/containers?tenant=Not%20A%20Tenant' }, params: ['querystring.tenant'] },
  { name: 'GET /v1/containers unsupported CRS', as: 'anonymous', request: { url: '/v1/containers', headers: { 'accept-crs': 'EPSG:3857' } }, status: 406, params: ['headers.accept-crs'] },
  { name: 'GET /v1/containers/{id} unsupported CRS', as: 'anonymous', request: { url: '/v1/containers/c001', headers: { 'accept-crs': 'EPSG:3857' } }, status: 406, params: ['headers.accept-crs'] },
  { name: 'GET /v1/containers/{id}/fill-history bad bucket and date', as: 'anonymous', request: { url: '/v1/containers/c001/fill-history?bucket=minute&from=yesterday' }, params: ['querystring.bucket', 'querystring.from'] },
  { name: 'GET /v1/containers/{id}/fill-history from after to', as: 'anonymous', request: { url: '/v1/containers/c001/fill-history?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z' }, params: ['querystring.from'] },
  { name: 'GET /v1/containers/{id}/fill-history span too long', as: 'anonymous', request: { url: '/v1/containers/c001/fill-history?bucket=15m&from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z' }, params: ['querystring.from'] },
  { name: 'GET /v1/depots page 0', as: 'anonymous', request: { url: '/v1/depots?page=0' }, params: ['querystring.page'] },
  { name: 'GET /v1/facilities page not a number', as: 'anonymous', request: { url: '/v1/facilities?page=first' }, params: ['querystring.page'] },
  { name: 'GET /v1/vehicles page size too large', as: 'dispatcher', request: { url: '/v1/vehicles?pageSize=5000' }, params: ['querystring.pageSize'] },
  { name: 'GET /v1/sensors page negative', as: 'dispatcher', request: { url: '/v1/sensors?page=-2' }, params: ['querystring.page'] },
  { name: 'GET /v1/alerts unknown kind and severity', as: 'dispatcher', request: { url: '/v1/alerts?kind=flood&severity=loud&open=maybe' }, params: ['querystring.kind', 'querystring.severity', 'querystring.open'] },
  { name: 'POST /v1/alerts/{id}/acknowledge id not a uuid', as: 'dispatcher', request: { method: 'POST', url: '/v1/alerts/42/acknowledge' }, params: ['params.id'] },
  { name: 'POST /v1/plans bad date, empty fleet, time limit 0', as: 'dispatcher', request: { method: 'POST', url: '/v1/plans', payload: { date: 'tomorrow', vehicleIds: [], timeLimitS: 0 } }, params: ['body.date', 'body.vehicleIds', 'body.timeLimitS'] },
  { name: 'POST /v1/plans missing date, unknown property', as: 'dispatcher', request: { method: 'POST', url: '/v1/plans', payload: { fleet: 3 } }, params: ['body.date', 'body.fleet'] },
  { name: 'POST /v1/plans policy out of range', as: 'dispatcher', request: { method: 'POST', url: '/v1/plans', payload: { date: '2026-12-01', policy: { mustFill: 5, fractions: ['gold'] } } }, params: ['body.policy.mustFill', 'body.policy.fractions.0'] },
  { name: 'POST /v1/plans mayFill above mustFill', as: 'dispatcher', request: { method: 'POST', url: '/v1/plans', payload: { date: '2026-12-01', policy: { mustFill: 0.5, mayFill: 0.7 } } }, params: ['body.policy.mayFill'] },
  { name: 'POST /v1/plans not JSON', as: 'dispatcher', request: { method: 'POST', url: '/v1/plans', headers: { 'content-type': 'application/json' }, payload: '{"date":' }, params: [] },
  { name: 'GET /v1/plans bad status and date', as: 'dispatcher', request: { url: '/v1/plans?status=done&date=2026-13-45' }, params: ['querystring.status', 'querystring.date'] },
  { name: 'GET /v1/plans/{id} id not a uuid', as: 'dispatcher', request: { url: '/v1/plans/123' }, params: ['params.id'] },
  { name: 'GET /v1/plans/{id}/events id not a uuid', as: 'dispatcher', request: { url: '/v1/plans/abc/events' }, params: ['params.id'] },
  { name: 'GET /v1/plans/{id}/routes id not a uuid', as: 'dispatcher', request: { url: '/v1/plans/abc/routes' }, params: ['params.id'] },
  { name: 'POST /v1/plans/{id}/status unknown status', as: 'dispatcher', request: { method: 'POST', url: `/v1/plans/${NIL}/status`, payload: { status: 'done' } }, params: ['body.status'] },
  { name: 'POST /v1/plans/{id}/reoptimise bad time limit', as: 'dispatcher', request: { method: 'POST', url: `/v1/plans/${NIL}/reoptimise`, payload: { timeLimitS: 0, extra: 1 } }, params: ['body.timeLimitS', 'body.extra'] },
  { name: 'POST /v1/plans/{id}/reoptimise asOf without offset', as: 'dispatcher', request: { method: 'POST', url: `/v1/plans/${NIL}/reoptimise`, payload: { asOf: '2026-12-01T10:00:00' } }, params: ['body.asOf'] },
  { name: 'POST /v1/plans/{id}/check no moves', as: 'dispatcher', request: { method: 'POST', url: `/v1/plans/${NIL}/check`, payload: { moves: [] } }, params: ['body.moves'] },
  { name: 'POST /v1/plans/{id}/edits bad move', as: 'dispatcher', request: { method: 'POST', url: `/v1/plans/${NIL}/edits`, payload: { moves: [{ ...move, containerId: '', position: -1 }], force: 'yes please' } }, params: ['body.moves.0.containerId', 'body.moves.0.position', 'body.force'] },
  { name: 'GET /v1/routes/{id} id not a uuid', as: 'dispatcher', request: { url: '/v1/routes/r1' }, params: ['params.id'] },
  { name: 'GET /v1/routes/{id} bad language', as: 'dispatcher', request: { url: `/v1/routes/${NIL}?lang=de` }, params: ['querystring.lang'] },
  { name: 'GET /v1/routes/{id}/export unknown format', as: 'dispatcher', request: { url: `/v1/routes/${NIL}/export?format=kml` }, params: ['querystring.format'] },
  { name: 'GET /v1/routes/{id}/export missing format', as: 'dispatcher', request: { url: `/v1/routes/${NIL}/export` }, params: ['querystring.format'] },
  { name: 'GET /v1/driver/route bad language and date', as: 'driver', request: { url: '/v1/driver/route?lang=de&date=today' }, params: ['querystring.lang', 'querystring.date'] },
  { name: 'POST /v1/driver/stops/{id}/events id not a uuid', as: 'driver', request: { method: 'POST', url: `/v1/driver/stops/x/events`, payload: { clientEventId: 'tablet-1-0001', kind: 'arrived' } }, params: ['params.id'] },
  { name: 'POST /v1/driver/stops/{id}/events schema', as: 'driver', request: { method: 'POST', url: `/v1/driver/stops/${NIL}/events`, payload: { clientEventId: 'abc', kind: 'lost', observedFill: 3 } }, params: ['body.clientEventId', 'body.kind', 'body.observedFill'] },
  { name: 'POST /v1/driver/stops/{id}/events skipped without reason', as: 'driver', request: { method: 'POST', url: `/v1/driver/stops/${NIL}/events`, payload: { clientEventId: 'tablet-1-0002', kind: 'skipped' } }, params: ['body.reasonCode'] },
  { name: 'POST /v1/driver/stops/{id}/events other without note, fill on a skip', as: 'driver', request: { method: 'POST', url: `/v1/driver/stops/${NIL}/events`, payload: { clientEventId: 'tablet-1-0003', kind: 'skipped', reasonCode: 'other', observedFill: 0.5 } }, params: ['body.note', 'body.observedFill'] },
  { name: 'POST /v1/driver/stops/{id}/events time in the future', as: 'driver', request: { method: 'POST', url: `/v1/driver/stops/${NIL}/events`, payload: { clientEventId: 'tablet-1-0004', kind: 'arrived', time: '2099-01-01T00:00:00Z' } }, params: ['body.time'] },
  { name: 'POST /v1/admin/tokens unknown role', as: 'admin', request: { method: 'POST', url: '/v1/admin/tokens', payload: { role: 'boss' } }, params: ['body.role'] },
  { name: 'POST /v1/admin/tokens driver without vehicle', as: 'admin', request: { method: 'POST', url: '/v1/admin/tokens', payload: { role: 'driver' } }, status: 422, params: ['vehicleId'] },
  { name: 'POST /v1/admin/tokens unknown vehicle', as: 'admin', request: { method: 'POST', url: '/v1/admin/tokens', payload: { role: 'driver', vehicleId: 'v99' } }, status: 422, params: ['vehicleId'] },
  { name: 'GET /v1/admin/tokens page 0', as: 'admin', request: { url: '/v1/admin/tokens?page=0' }, params: ['querystring.page'] },
  { name: 'DELETE /v1/admin/tokens/{id} id not a uuid', as: 'admin', request: { method: 'DELETE', url: '/v1/admin/tokens/t1' }, params: ['params.id'] },
  { name: 'GET /v1/admin/processing-log page size 0', as: 'admin', request: { url: '/v1/admin/processing-log?pageSize=0' }, params: ['querystring.pageSize'] },
];

let stack: SeededApp;
let app: FastifyInstance;
let seed: Seeded;

beforeAll(async () => {
  stack = await startSeededApp(3);
  ({ app, seed } = stack);
});
afterAll(async () => stack?.close());

describe('validation errors name every invalid parameter', () => {
  it.each(CASES)('$name', async ({ as, request, status, params }) => {
    const headers = as === 'anonymous' ? {} : bearer(seed.tokens[as]);
    const res = await app.inject({ ...request, headers: { ...request.headers, ...headers } });
    expect(res.statusCode).toBe(status ?? 400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({ status: status ?? 400, type: 'about:blank', instance: request.url });
    const named = (body['invalid-params'] ?? []).map((p: { name: string }) => p.name);
    for (const p of params) expect(named).toContain(p);
  });
});
