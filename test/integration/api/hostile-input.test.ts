/**
 * Hostile input on every route, found from the OpenAPI document: paging values that are not
 * finite or too large, and control characters (NUL …) in path parameters and query strings, are
 * 400 problem+json naming the field, never a 500 from PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from './fixtures.ts';
import { startSeededApp, type SeededApp } from './seeded-app.ts';
import { fillPath, hasParam, openApiOperations, type OpenApiOperation } from './openapi-operations.ts';

const NIL = '00000000-0000-4000-8000-000000000000';

describe('hostile paging values and control characters (every route, from OpenAPI)', () => {
  let s: SeededApp;
  let ops: OpenApiOperation[];
  let planId: string;
  beforeAll(async () => {
    s = await startSeededApp();
    ops = await openApiOperations(s.app);
    // a plan of the seeded municipality, so paged routes below a plan have an object to page through
    planId = (await s.db.pool.query(`INSERT INTO plans (tenant_id, date) VALUES ($1, '2026-12-01') RETURNING id`, [s.seed.tenant])).rows[0].id;
  });
  afterAll(async () => s?.close());

  /** The first token (or none, for open data) that may call the operation. */
  async function tokenFor(op: OpenApiOperation, url: string): Promise<Record<string, string>> {
    if (op.public) return {};
    for (const token of [s.seed.tokens.admin, s.seed.tokens.driver]) {
      const res = await s.app.inject({ method: op.method, url, headers: bearer(token) });
      if (res.statusCode !== 401 && res.statusCode !== 403) return bearer(token);
    }
    throw new Error(`no seeded token may call ${op.method} ${op.path}`);
  }

  it('finds the paged endpoints', () => {
    const paged = ops.filter((op) => hasParam(op, 'query', 'page') && hasParam(op, 'query', 'pageSize'));
    expect(paged.map((op) => op.path)).toEqual(expect.arrayContaining(['/v1/containers', '/v1/plans', '/v1/alerts', '/v1/depots', '/v1/facilities', '/v1/vehicles', '/v1/sensors', '/v1/admin/tokens', '/v1/admin/processing-log']));
  });

  const BAD: [string, string][] = [
    ['pageSize', '1e309'], ['pageSize', 'Infinity'], ['pageSize', '-Infinity'], ['pageSize', 'NaN'], ['pageSize', '1e17'],
    ['page', 'Infinity'], ['page', '1e309'], ['page', '1e17'], ['page', '9007199254740993'], ['page', '1000001'], ['page', '2.5'],
  ];

  it('answers 400 naming page or pageSize for non-finite and too-large values on every paged endpoint', async () => {
    const paged = ops.filter((op) => hasParam(op, 'query', 'page') && hasParam(op, 'query', 'pageSize'));
    for (const op of paged) {
      const base = fillPath(op, () => (op.path.startsWith('/v1/plans/') ? planId : NIL));
      const headers = await tokenFor(op, base);
      for (const [field, value] of BAD) {
        const res = await s.app.inject({ method: op.method, url: `${base}?${field}=${encodeURIComponent(value)}`, headers });
        expect.soft(res.statusCode, `${op.method} ${op.path}?${field}=${value}: ${res.body}`).toBe(400);
        expect.soft(res.headers['content-type'], `${op.path}?${field}=${value}`).toMatch(/^application\/problem\+json/);
        expect.soft(res.json()['invalid-params']?.map((p: { name: string }) => p.name), `${op.path}?${field}=${value}`).toContain(`querystring.${field}`);
      }
      // The largest allowed page is a valid, empty page (a bound OFFSET, not a SQL error).
      const last = await s.app.inject({ method: op.method, url: `${base}?page=1000000&pageSize=1000`, headers });
      expect.soft(last.statusCode, `${op.path} last page: ${last.body}`).toBe(200);
      expect.soft(last.json().items ?? last.json().features, `${op.path} last page`).toEqual([]);
    }
  });

  it('answers 400 naming the parameter for a NUL or other control character in any path parameter', async () => {
    const withParams = ops.filter((op) => /\{[^}]+\}/.test(op.path));
    expect(withParams.length).toBeGreaterThan(10);
    for (const op of withParams) {
      const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      for (const bad of ['%00', 'c001%00', '%01x', '%7F', '%0A']) {
        for (const target of names) {
          const url = fillPath(op, (name) => (name === target ? bad : NIL));
          for (const headers of [{}, bearer(s.seed.tokens.admin)]) {
            const res = await s.app.inject({ method: op.method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: '{}' });
            expect.soft(res.statusCode, `${op.method} ${url}: ${res.body}`).toBe(400);
            expect.soft(res.headers['content-type'], `${op.method} ${url}`).toMatch(/^application\/problem\+json/);
            expect.soft(res.json()['invalid-params'], `${op.method} ${url}`).toEqual([{ name: `params.${target}`, reason: expect.stringMatching(/control characters/) }]);
          }
        }
      }
    }
  });

  it('answers 400 naming the query parameter for a control character in any query string', async () => {
    for (const op of ops.filter((o) => o.method === 'GET')) {
      const url = `${fillPath(op, () => NIL)}?tenant=demo%00x&lang=n%1Bl`;
      const res = await s.app.inject({ method: op.method, url, headers: bearer(s.seed.tokens.admin) });
      expect.soft(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect.soft(res.json()['invalid-params']?.map((p: { name: string }) => p.name), url).toEqual(['querystring.tenant', 'querystring.lang']);
    }
  });

  it('still serves ordinary ids and queries (the guard refuses only control characters)', async () => {
    const res = await s.app.inject('/v1/containers/c001?tenant=' + s.seed.tenant);
    expect(res.statusCode).toBe(200);
    const unicode = await s.app.inject('/v1/containers/caf%C3%A9-%E2%82%AC');
    expect(unicode.statusCode).toBe(404);
  });
});
