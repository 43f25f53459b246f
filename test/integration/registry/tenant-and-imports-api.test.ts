/**
 * The tenant's own settings over HTTP (ETag, 412, validation, isolation), onboarding a new tenant
 * with POST /v1/admin/tenants, and POST /v1/imports as a BullMQ job (random queue prefix) whose
 * report is the CLI's JSON — each with two tenants.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { bearer, type Seeded } from '../api/fixtures.ts';
import { startImportStack, type ImportStack } from './import-stack.ts';

let stack: ImportStack;
let db: TestDatabase;
let app: FastifyInstance;
let a: Seeded;
let b: Seeded;

beforeAll(async () => {
  stack = await startImportStack();
  ({ db, app, a, b } = stack);
});
afterAll(async () => stack?.close());

describe('tenant settings', () => {
  it('reads with an ETag, changes with If-Match, refuses a stale one and names a bad field', async () => {
    const read = await app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(a.tokens.driver) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: a.tenant, settings: { language: 'nl', thresholds: { mustFill: 0.8, mayFill: 0.5 } } });
    const etag = read.headers.etag as string;

    const patch = { settings: { language: 'en', densityKgPerM3: { glass: 300 } } };
    const ok = await app.inject({ method: 'PATCH', url: '/v1/tenant', headers: { ...bearer(a.tokens.dispatcher), 'if-match': etag }, payload: patch });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().settings).toMatchObject({ language: 'en', densityKgPerM3: { glass: 300 } });
    const stale = await app.inject({ method: 'PATCH', url: '/v1/tenant', headers: { ...bearer(a.tokens.admin), 'if-match': etag }, payload: { name: 'Other' } });
    expect(stale.statusCode).toBe(412);
    const driver = await app.inject({ method: 'PATCH', url: '/v1/tenant', headers: { ...bearer(a.tokens.driver), 'if-match': '*' }, payload: { name: 'x' } });
    expect(driver.statusCode).toBe(403);
    const bad = await app.inject({ method: 'PATCH', url: '/v1/tenant', headers: { ...bearer(a.tokens.dispatcher), 'if-match': '*' }, payload: { timeZone: 'Mars/Olympus' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()['invalid-params'][0].name).toBe('body.timeZone');
    // tenant B is untouched
    const ofB = await app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(b.tokens.dispatcher) });
    expect(ofB.json()).toMatchObject({ id: b.tenant, settings: { language: 'nl' }, version: 1 });
  });

  it('thresholds and calendar have their own resources; mayFill above mustFill is refused', async () => {
    const th = await app.inject({ method: 'GET', url: '/v1/tenant/thresholds', headers: bearer(a.tokens.dispatcher) });
    const body = { thresholds: { mustFill: 0.85, mayFill: 0.55 }, thresholdsByFraction: { glass: { mustFill: 0.9, mayFill: 0.6 } } };
    const put = await app.inject({ method: 'PUT', url: '/v1/tenant/thresholds', headers: { ...bearer(a.tokens.dispatcher), 'if-match': th.headers.etag as string }, payload: body });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual(body);
    const { rows } = await db.pool.query('SELECT settings FROM tenants WHERE id = $1', [a.tenant]);
    expect(rows[0].settings).toMatchObject({ mustFill: 0.85, mayFill: 0.55 }); // legacy readers see it too
    const wrong = await app.inject({ method: 'PUT', url: '/v1/tenant/thresholds', headers: { ...bearer(a.tokens.dispatcher), 'if-match': '*' }, payload: { ...body, thresholds: { mustFill: 0.5, mayFill: 0.7 } } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()['invalid-params']).toEqual([{ name: 'body.settings.thresholds.mayFill', reason: 'must be at most mustFill' }]);

    const calendar = { weekdays: { residual: [1, 4], glass: [3] }, exceptions: [{ date: '2026-12-25', collect: false, name: 'Eerste kerstdag' }] };
    const cal = await app.inject({ method: 'PUT', url: '/v1/tenant/calendar', headers: { ...bearer(a.tokens.dispatcher), 'if-match': put.headers.etag as string }, payload: calendar });
    expect(cal.statusCode, cal.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/tenant/calendar', headers: bearer(a.tokens.driver) })).json()).toEqual(calendar);
    // the other municipality keeps the calendar it was seeded with (collection every day)
    const everyDay = [1, 2, 3, 4, 5, 6, 7];
    expect((await app.inject({ method: 'GET', url: '/v1/tenant/calendar', headers: bearer(b.tokens.driver) })).json()).toEqual({ weekdays: { residual: everyDay, paper: everyDay }, exceptions: [] });
  });
});

describe('POST /v1/admin/tenants', () => {
  it('onboards a new tenant with its own first admin token; a second time is a conflict; dispatchers may not', async () => {
    const id = randomTenant();
    const res = await app.inject({ method: 'POST', url: '/v1/admin/tenants', headers: bearer(a.tokens.admin), payload: { id, name: 'Nieuwegein', settings: { area: [5.0, 52.0, 5.2, 52.1] } } });
    expect(res.statusCode, res.body).toBe(201);
    const { tenant, adminToken } = res.json();
    expect(tenant).toMatchObject({ id, name: 'Nieuwegein', timeZone: 'Europe/Amsterdam', settings: { area: [5.0, 52.0, 5.2, 52.1] } });
    const own = await app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(adminToken.token) });
    expect(own.json().id).toBe(id);
    expect((await app.inject({ method: 'POST', url: '/v1/admin/tenants', headers: bearer(a.tokens.admin), payload: { id, name: 'again' } })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: '/v1/admin/tenants', headers: bearer(a.tokens.dispatcher), payload: { id: randomTenant(), name: 'x' } })).statusCode).toBe(403);
  });
});

function multipart(name: string, content: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----afvalroute-test';
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function finished(token: string, id: string) {
  for (let i = 0; i < 100; i++) {
    const res = await app.inject({ method: 'GET', url: `/v1/imports/${id}`, headers: bearer(token) });
    if (['completed', 'failed'].includes(res.json().status)) return res.json();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

describe('POST /v1/imports', () => {
  const csv = 'id;fractie;inhoud;lon;lat;adres\nc001;rest;3;7,418;43,732;Boulevard 1\nk9;glas;2,5;7,42;43,733;\nk10;asbest;2;7,42;43,734;\n';

  it('accepts the file (202), runs the job and reports like the CLI; the other tenant sees nothing', async () => {
    const { payload, headers } = multipart('bak.csv', csv);
    const res = await app.inject({ method: 'POST', url: '/v1/imports?kind=containers&map=id=id,fraction=fractie,volume_m3=inhoud,lon=lon,lat=lat,address=adres', headers: { ...headers, ...bearer(a.tokens.dispatcher) }, payload });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.headers.location).toBe(res.json().links.self);
    const done = await finished(a.tokens.dispatcher, res.json().id);
    expect(done.status).toBe('completed');
    expect(done.report).toMatchObject({ kind: 'containers', format: 'csv', created: 1, updated: 0, unchanged: 1, rejected: 1, errors: [{ row: 4, field: 'fraction', reason: 'unknown fraction code "asbest"', id: 'k10' }], missing: ['c002', 'c003'] });
    expect((await db.pool.query('SELECT count(*)::int AS n FROM containers WHERE tenant_id = $1', [b.tenant])).rows[0].n).toBe(3);
    expect((await app.inject({ method: 'GET', url: `/v1/imports/${res.json().id}`, headers: bearer(b.tokens.dispatcher) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/imports', headers: bearer(b.tokens.dispatcher) })).json().total).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/v1/imports', headers: bearer(a.tokens.dispatcher) })).json().total).toBe(1);
  });

  it('refuses a bad option before storing anything, naming it; drivers may not import', async () => {
    const { payload, headers } = multipart('bak.csv', csv);
    const bad = await app.inject({ method: 'POST', url: '/v1/imports?kind=sofas', headers: { ...headers, ...bearer(a.tokens.dispatcher) }, payload });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()['invalid-params'][0].name).toBe('kind');
    const retire = await app.inject({ method: 'POST', url: '/v1/imports?kind=depots&retireMissing=true', headers: { ...headers, ...bearer(a.tokens.dispatcher) }, payload });
    expect(retire.statusCode).toBe(422);
    const driver = await app.inject({ method: 'POST', url: '/v1/imports?kind=containers', headers: { ...headers, ...bearer(a.tokens.driver) }, payload });
    expect(driver.statusCode).toBe(403);
  });
});
