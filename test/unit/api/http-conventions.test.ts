/**
 * What the design rules ask of the answers themselves, which a linter of the document cannot see:
 * every error — fastify's own too (bad URL, parameter too long, headers too large, unparsable
 * body) — is problem+json naming the part at fault; the landing page and the document are public
 * to any origin; the bare address leads to the console. No services: the app without a database.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.ts';

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, field?: string) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.any(String) });
  if (field) expect(body['invalid-params']).toEqual([{ name: field, reason: expect.any(String) }]);
  return body;
}

describe('HTTP conventions of the NL API Design Rules (app.inject, no services)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ health: { database: async () => ({ status: 'up' }) } });
    app.post('/v1/echo', { schema: { body: Type.Object({ n: Type.Integer() }) } }, async (request) => request.body);
    app.get('/v1/things/:id', async (request) => request.params);
    await app.ready();
  });
  afterAll(() => app?.close());

  it('answers a malformed percent-encoding (FST_ERR_BAD_URL) with a 400 problem naming the path', async () => {
    expectProblem(await app.inject('/v1/things/%zz'), 400, 'path');
  });

  it('answers a path parameter over the length limit with a 414 problem naming the path', async () => {
    expectProblem(await app.inject(`/v1/things/${'a'.repeat(500)}`), 414, 'path');
  });

  it('answers a body that is not JSON, or empty, with a 400 problem naming the body', async () => {
    const headers = { 'content-type': 'application/json' };
    const bad = expectProblem(await app.inject({ method: 'POST', url: '/v1/echo', headers, payload: '{"n":' }), 400, 'body');
    expect(bad.detail).toContain('not valid JSON');
    const empty = expectProblem(await app.inject({ method: 'POST', url: '/v1/echo', headers, payload: '' }), 400, 'body');
    expect(empty.detail).toContain('cannot be empty');
  });

  it('answers an unsupported media type with 415 naming the content-type', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/echo', headers: { 'content-type': 'text/csv' }, payload: 'n\n1' });
    expect(expectProblem(res, 415, 'content-type').title).toBe('Unsupported Media Type');
  });

  it('answers headers larger than the server accepts with a 431 problem naming the headers', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const res = await new Promise<{ statusCode: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/v1/health', headers: { 'x-padding': 'a'.repeat(20_000) } }, (r) => {
        let body = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (body += c));
        r.on('end', () => resolve({ statusCode: r.statusCode ?? 0, headers: r.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expectProblem({ ...res, json: () => JSON.parse(res.body) }, 431, 'headers');
  });

  it('serves the landing page at /v1 and /v1/, and the document, readable from any origin, with API-Version', async () => {
    for (const url of ['/v1', '/v1/', '/v1/openapi.json']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['access-control-allow-origin'], url).toBe('*');
      expect(res.headers['api-version'], url).toMatch(/^\d+\.\d+\.\d+/);
    }
    const landing = (await app.inject('/v1')).json();
    expect(landing.links).toContainEqual(expect.objectContaining({ rel: 'service-desc', href: '/v1/openapi.json' }));
  });

  it('sends API-Version on errors too, and every error is problem details', async () => {
    const res = await app.inject('/v1/nothing-here');
    expectProblem(res, 404);
    expect(res.headers['api-version']).toBeDefined();
  });

  it('leads the bare address to the console', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/web/');
  });
});
