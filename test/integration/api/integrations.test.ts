/**
 * Integrations through the API with two tenants: secrets accepted, stored encrypted and never
 * returned; admin writes, staff reads; If-Match; the state the ingester reports; the own-broker
 * application claim unique across tenants; isolation on every route; /v1/health reports them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { integrationsHealth } from '../../../registry/sensors/integration-store.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { bearer, seedMunicipality, type Seeded } from './fixtures.ts';

let db: TestDatabase;
let app: FastifyInstance;
let a: Seeded;
let b: Seeded;
const tts = { kind: 'things-stack', name: 'TTN', mqttUrl: 'mqtts://eu1.cloud.thethings.network:8883', applicationId: 'afval-a', username: 'afval-a@ttn', secret: 'NNSXS.TOPSECRET' };

beforeAll(async () => {
  db = await createTestDatabase();
  a = await seedMunicipality(db.pool, randomTenant(), 1);
  b = await seedMunicipality(db.pool, randomTenant(), 1);
  app = await buildApp({ pool: db.pool, defaultTenant: a.tenant, secretsKey: randomBytes(32), health: { integrations: () => integrationsHealth(db.pool) } });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('integrations API', () => {
  it('creates with the secret encrypted, never returned; the dispatcher may read but not write', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(a.tokens.admin), payload: tts });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('TOPSECRET');
    expect(res.json()).toMatchObject({ kind: 'things-stack', hasSecret: true, state: null, version: 1 });
    const stored = await db.pool.query('SELECT secret_ciphertext FROM network_integrations WHERE id = $1', [res.json().id]);
    expect(stored.rows[0].secret_ciphertext).not.toContain('TOPSECRET');
    const list = await app.inject({ url: '/v1/integrations', headers: bearer(a.tokens.dispatcher) });
    expect(list.body).not.toContain('TOPSECRET');
    expect(list.json().items).toHaveLength(1);
    expect((await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(a.tokens.dispatcher), payload: tts })).statusCode).toBe(403);
    const log = await db.pool.query(`SELECT action FROM processing_log WHERE tenant_id = $1 AND action LIKE '%integration'`, [a.tenant]);
    expect(log.rows.map((r) => r.action)).toEqual(['create-integration']);
  });

  it('names the field: an own-broker integration takes no URL, a TTS one needs it; an application is claimed once', async () => {
    const own = await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(a.tokens.admin), payload: { kind: 'own-broker', name: 'x', applicationId: 'shared-app', mqttUrl: 'mqtt://x' } });
    expect(own.statusCode).toBe(422);
    expect(own.json()['invalid-params'][0].name).toBe('body.mqttUrl');
    const noUrl = await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(a.tokens.admin), payload: { ...tts, mqttUrl: undefined } });
    expect(noUrl.json()['invalid-params'][0].name).toBe('body.mqttUrl');
    const badUrl = await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(a.tokens.admin), payload: { ...tts, mqttUrl: 'http://x' } });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()['invalid-params'][0].name).toBe('body.mqttUrl');
    const claim = { kind: 'own-broker', name: 'bridge', applicationId: 'shared-app' };
    expect((await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(a.tokens.admin), payload: claim })).statusCode).toBe(201);
    const taken = await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(b.tokens.admin), payload: claim });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()['invalid-params'][0].name).toBe('body.applicationId');
  });

  it('updates with If-Match, shows the reported state, and /v1/health summarises it', async () => {
    const created = (await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(b.tokens.admin), payload: { ...tts, applicationId: 'afval-b' } })).json();
    expect((await app.inject({ method: 'PATCH', url: `/v1/integrations/${created.id}`, headers: bearer(b.tokens.admin), payload: { name: 'renamed' } })).statusCode).toBe(428);
    const patched = await app.inject({ method: 'PATCH', url: `/v1/integrations/${created.id}`, headers: { ...bearer(b.tokens.admin), 'if-match': '"1"' }, payload: { name: 'renamed', secret: 'NNSXS.NEW' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'renamed', version: 2, hasSecret: true });
    expect((await app.inject({ method: 'PATCH', url: `/v1/integrations/${created.id}`, headers: { ...bearer(b.tokens.admin), 'if-match': '"1"' }, payload: { name: 'x' } })).statusCode).toBe(412);
    await db.pool.query(`INSERT INTO network_integration_state (integration_id, status, last_error, last_error_at) VALUES ($1, 'error', 'Not authorized', now())`, [created.id]);
    const got = (await app.inject({ url: `/v1/integrations/${created.id}`, headers: bearer(b.tokens.dispatcher) })).json();
    expect(got.state).toMatchObject({ status: 'error', lastError: 'Not authorized', messages: 0 });
    const health = (await app.inject({ url: '/v1/health' })).json();
    expect(health.components.integrations.status).toBe('degraded');
    expect(health.components.integrations.detail).toContain(`${b.tenant}/renamed: error (Not authorized)`);
  });

  it('isolates tenants on every integration route', async () => {
    const mine = (await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(a.tokens.admin), payload: { ...tts, applicationId: 'afval-a2' } })).json();
    const other = bearer(b.tokens.admin);
    expect((await app.inject({ url: '/v1/integrations', headers: other })).json().items.map((i: { id: string }) => i.id)).not.toContain(mine.id);
    expect((await app.inject({ url: `/v1/integrations/${mine.id}`, headers: other })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PATCH', url: `/v1/integrations/${mine.id}`, headers: { ...other, 'if-match': '"1"' }, payload: { enabled: false } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/v1/integrations/${mine.id}`, headers: { ...other, 'if-match': '"1"' } })).statusCode).toBe(404);
    const del = await app.inject({ method: 'DELETE', url: `/v1/integrations/${mine.id}`, headers: { ...bearer(a.tokens.admin), 'if-match': '"1"' } });
    expect(del.statusCode).toBe(204);
  });
});
