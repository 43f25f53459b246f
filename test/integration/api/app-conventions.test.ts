import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { buildApp } from '../../../api/app.ts';
import { defaultHealthChecks } from '../../../api/server.ts';
import { loadConfig } from '../../../platform/config.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';

describe('API conventions (app.inject, real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: db.url });
    app = await buildApp({ health: defaultHealthChecks(config, db.pool) });
    // a route with a schema, to see validation errors as problem+json
    app.post('/v1/echo', { schema: { body: Type.Object({ date: Type.String({ format: 'date' }), vehicles: Type.Integer({ minimum: 1 }) }) } }, async (req) => req.body);
    app.get('/v1/boom', async () => {
      throw new Error('secret internal detail');
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('GET /v1/health reports every component with the API-Version header', async () => {
    const res = await app.inject('/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.headers['api-version']).toBe('0.1.0');
    const body = res.json();
    expect(body.status).toBe('up');
    expect(body.components.database.status).toBe('up');
    expect(body.components.redis.status).toBe('up');
  });

  it('reports down with 503 when the database does not answer', async () => {
    const broken = await buildApp({ health: { database: async () => ({ status: 'down', detail: 'connection refused' }) } });
    const res = await broken.inject('/v1/health');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 503, title: 'Service Unavailable', health: { status: 'down' } });
    await broken.close();
  });

  it('answers unknown paths and trailing slashes with problem+json 404', async () => {
    for (const url of ['/v1/nothing', '/v1/health/']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 404, title: 'Not Found', instance: url });
    }
  });

  it('names every invalid parameter', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/echo', payload: { date: 'tomorrow', vehicles: 0 } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const names = res.json()['invalid-params'].map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(['body.date', 'body.vehicles']);
  });

  it('names a missing property and rejects malformed JSON', async () => {
    const missing = await app.inject({ method: 'POST', url: '/v1/echo', payload: { date: '2026-11-25' } });
    expect(missing.json()['invalid-params']).toEqual([{ name: 'body.vehicles', reason: expect.stringContaining('vehicles') }]);
    const bad = await app.inject({ method: 'POST', url: '/v1/echo', headers: { 'content-type': 'application/json' }, payload: '{"date":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('never leaks internal error details', async () => {
    const res = await app.inject('/v1/boom');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    expect(res.json().title).toBe('Internal Server Error');
  });

  it('serves OpenAPI 3 at /v1/openapi.json and Swagger UI at /docs, with security headers', async () => {
    const spec = await app.inject('/v1/openapi.json');
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toMatch(/^3\./);
    // paths are relative to the server URL, which carries the major version
    expect(spec.json().servers[0].url).toMatch(/^https?:\/\/.+\/v1$/);
    expect(Object.keys(spec.json().paths)).toContain('/health');
    const docs = await app.inject('/docs/');
    expect([200, 302]).toContain(docs.statusCode);
    expect(spec.headers['x-content-type-options']).toBe('nosniff');
  });
});
