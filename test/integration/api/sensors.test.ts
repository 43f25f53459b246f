/**
 * Sensors, bindings and unknown devices through the API, on real PostgreSQL with two tenants:
 * registration, If-Match/ETag (412 stale, 428 missing), problem+json naming the field, pagination,
 * the processing log, rebinding that keeps old readings on the old container, the unknown-device
 * bind action, and tenant isolation for every route.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { bearer, seedMunicipality, type Seeded } from './fixtures.ts';

let db: TestDatabase;
let app: FastifyInstance;
let a: Seeded;
let b: Seeded;
const devEui = () => randomBytes(8).toString('hex');
const sensorBody = (id: string, containerId?: string) => ({
  id, model: 'milesight-em400-mud', networkServer: 'things-stack', emptyDistanceMm: 1500, fullDistanceMm: 300, ...(containerId ? { containerId } : {}),
});

beforeAll(async () => {
  db = await createTestDatabase();
  a = await seedMunicipality(db.pool, randomTenant(), 3);
  b = await seedMunicipality(db.pool, randomTenant(), 3);
  app = await buildApp({ pool: db.pool, defaultTenant: a.tenant });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const as = (s: Seeded) => bearer(s.tokens.dispatcher);

describe('sensors API', () => {
  it('registers a sensor bound to a container, with ETag, Location and a processing-log entry', async () => {
    const id = devEui();
    const res = await app.inject({ method: 'POST', url: '/v1/sensors', headers: as(a), payload: sensorBody(id.toUpperCase(), 'c002') });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"2"');
    expect(res.headers.location).toBe(`/v1/sensors/${id}`);
    expect(res.json()).toMatchObject({ id, containerId: 'c002', boundSince: null, model: 'milesight-em400-mud', version: 2 });
    const got = await app.inject({ url: `/v1/sensors/${id}`, headers: as(a) });
    expect(got.headers.etag).toBe('"2"');
    const log = await db.pool.query('SELECT action, object FROM processing_log WHERE tenant_id = $1 AND object LIKE $2 ORDER BY id', [a.tenant, `sensor/${id}%`]);
    expect(log.rows.map((r) => r.action)).toEqual(['create-sensor', 'bind-sensor']);
  });

  it('names the field of every bad input in problem+json', async () => {
    const bad = await app.inject({ method: 'POST', url: '/v1/sensors', headers: as(a), payload: { ...sensorBody(devEui()), model: 'acme-9000' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()['invalid-params'].map((p: { name: string }) => p.name)).toContain('body.model');
    const geometry = await app.inject({ method: 'POST', url: '/v1/sensors', headers: as(a), payload: { ...sensorBody(devEui()), fullDistanceMm: 1600 } });
    expect(geometry.statusCode).toBe(422);
    expect(geometry.json()['invalid-params']).toEqual([{ name: 'body.fullDistanceMm', reason: 'must be below emptyDistanceMm (1500)' }]);
    const notDevEui = await app.inject({ method: 'POST', url: '/v1/sensors', headers: as(a), payload: sensorBody('sensor-7') });
    expect(notDevEui.json()['invalid-params'][0].name).toBe('body.id');
    const noContainer = await app.inject({ method: 'POST', url: '/v1/sensors', headers: as(a), payload: sensorBody(devEui(), 'c999') });
    expect(noContainer.statusCode).toBe(422);
    expect(noContainer.json()['invalid-params'][0].name).toBe('body.containerId');
  });

  it('keeps a DevEUI in one tenant: 409 naming id when another tenant registers it', async () => {
    const id = devEui();
    expect((await app.inject({ method: 'POST', url: '/v1/sensors', headers: as(a), payload: sensorBody(id) })).statusCode).toBe(201);
    const again = await app.inject({ method: 'POST', url: '/v1/sensors', headers: as(b), payload: sensorBody(id) });
    expect(again.statusCode).toBe(409);
    expect(again.json()['invalid-params'][0].name).toBe('body.id');
  });

  it('updates only with the current ETag: 428 without, 412 stale', async () => {
    const id = devEui();
    const created = await app.inject({ method: 'POST', url: '/v1/sensors', headers: as(a), payload: sensorBody(id) });
    const etag = created.headers.etag as string;
    const missing = await app.inject({ method: 'PATCH', url: `/v1/sensors/${id}`, headers: as(a), payload: { reportingIntervalS: 600 } });
    expect(missing.statusCode).toBe(428);
    const first = await app.inject({ method: 'PATCH', url: `/v1/sensors/${id}`, headers: { ...as(a), 'if-match': etag }, payload: { reportingIntervalS: 600 } });
    expect(first.statusCode).toBe(200);
    expect(first.json().reportingIntervalS).toBe(600);
    const stale = await app.inject({ method: 'PATCH', url: `/v1/sensors/${id}`, headers: { ...as(a), 'if-match': etag }, payload: { reportingIntervalS: 900 } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()['invalid-params'][0].name).toBe('headers.if-match');
    expect((await app.inject({ url: `/v1/sensors/${id}`, headers: as(a) })).json().reportingIntervalS).toBe(600);
  });

  it('rebinding keeps the old readings on the old container and moves later ones', async () => {
    const id = devEui();
    const created = await app.inject({ method: 'POST', url: '/v1/sensors', headers: as(a), payload: sensorBody(id, 'c001') });
    const t0 = Date.now() - 3 * 3600_000;
    for (const h of [0, 1, 2]) {
      await db.pool.query(`INSERT INTO readings (time, tenant_id, sensor_id, container_id, fill_level) VALUES ($1, $2, $3, 'c001', 0.5)`, [new Date(t0 + h * 3600_000), a.tenant, id]);
    }
    // moved 90 minutes after the first reading, told later: the reading after the move follows the sensor
    const movedAt = new Date(t0 + 90 * 60_000).toISOString();
    const res = await app.inject({
      method: 'POST', url: `/v1/sensors/${id}/bindings`, headers: { ...as(a), 'if-match': created.headers.etag as string }, payload: { containerId: 'c003', validFrom: movedAt },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ changed: true, readingsMoved: 1, sensor: { containerId: 'c003', boundSince: movedAt } });
    const readings = await db.pool.query('SELECT container_id FROM readings WHERE tenant_id = $1 AND sensor_id = $2 ORDER BY time', [a.tenant, id]);
    expect(readings.rows.map((r) => r.container_id)).toEqual(['c001', 'c001', 'c003']);
    const history = (await app.inject({ url: `/v1/sensors/${id}/bindings`, headers: as(a) })).json().items;
    expect(history).toMatchObject([{ containerId: 'c001', validFrom: null, validTo: movedAt }, { containerId: 'c003', validFrom: movedAt, validTo: null }]);
    const before = await app.inject({
      method: 'POST', url: `/v1/sensors/${id}/bindings`, headers: { ...as(a), 'if-match': res.headers.etag as string }, payload: { containerId: 'c002', validFrom: new Date(t0).toISOString() },
    });
    expect(before.statusCode).toBe(422);
    expect(before.json()['invalid-params'][0].name).toBe('body.validFrom');
    expect((await db.pool.query('SELECT container_id FROM sensors WHERE tenant_id = $1 AND id = $2', [a.tenant, id])).rows[0].container_id).toBe('c003');
  });

  it('retires on DELETE: inactive, unbound, history kept', async () => {
    const id = devEui();
    const created = await app.inject({ method: 'POST', url: '/v1/sensors', headers: as(a), payload: sensorBody(id, 'c002') });
    const del = await app.inject({ method: 'DELETE', url: `/v1/sensors/${id}`, headers: { ...as(a), 'if-match': created.headers.etag as string } });
    expect(del.statusCode).toBe(204);
    const after = (await app.inject({ url: `/v1/sensors/${id}`, headers: as(a) })).json();
    expect(after).toMatchObject({ active: false, containerId: null });
    expect((await app.inject({ url: `/v1/sensors/${id}/bindings`, headers: as(a) })).json().items).toHaveLength(1);
  });

  it('pages the list and filters by container', async () => {
    const page = await app.inject({ url: '/v1/sensors?pageSize=2', headers: as(b) });
    expect(page.json()).toMatchObject({ total: 3, items: [{ id: 's-c001', containerId: 'c001' }, { id: 's-c002' }] });
    expect(page.headers.link).toContain('rel="next"');
    expect((await app.inject({ url: '/v1/sensors?containerId=c003', headers: as(b) })).json().items.map((s: { id: string }) => s.id)).toEqual(['s-c003']);
  });

  it('lists unknown devices of the tenant and binds one in one action', async () => {
    const id = devEui();
    await db.pool.query(
      `INSERT INTO unknown_devices (tenant_id, device_id, format, first_seen_at, last_seen_at, last_reading_time, last_fill_level, messages)
       VALUES ($1, $2, 'chirpstack', now() - interval '1 day', now(), now(), 0.42, 7)`,
      [a.tenant, id],
    );
    const list = (await app.inject({ url: '/v1/unknown-devices', headers: as(a) })).json();
    expect(list.items).toMatchObject([{ deviceId: id, format: 'chirpstack', lastFillLevel: expect.closeTo(0.42, 5), messages: 7 }]);
    expect((await app.inject({ url: '/v1/unknown-devices', headers: as(b) })).json().total).toBe(0);
    const elsewhere = await app.inject({ method: 'POST', url: `/v1/unknown-devices/${id}/bind`, headers: as(b), payload: { containerId: 'c001', model: 'tekelek-tek766', emptyDistanceMm: 1200, fullDistanceMm: 200 } });
    expect(elsewhere.statusCode).toBe(404);
    const bound = await app.inject({ method: 'POST', url: `/v1/unknown-devices/${id}/bind`, headers: as(a), payload: { containerId: 'c001', model: 'tekelek-tek766', emptyDistanceMm: 1200, fullDistanceMm: 200 } });
    expect(bound.statusCode).toBe(201);
    expect(bound.json()).toMatchObject({ id, containerId: 'c001', networkServer: 'chirpstack', model: 'tekelek-tek766' });
    expect((await app.inject({ url: '/v1/unknown-devices', headers: as(a) })).json().total).toBe(0);
  });

  it('isolates tenants on every sensor route', async () => {
    const id = devEui();
    const created = await app.inject({ method: 'POST', url: '/v1/sensors', headers: as(a), payload: sensorBody(id, 'c001') });
    const etag = created.headers.etag as string;
    expect((await app.inject({ url: '/v1/sensors?pageSize=1000', headers: as(b) })).json().items.map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await app.inject({ url: `/v1/sensors/${id}`, headers: as(b) })).statusCode).toBe(404);
    expect((await app.inject({ url: `/v1/sensors/${id}/bindings`, headers: as(b) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PATCH', url: `/v1/sensors/${id}`, headers: { ...as(b), 'if-match': etag }, payload: { active: false } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/v1/sensors/${id}/bindings`, headers: { ...as(b), 'if-match': etag }, payload: { containerId: 'c002' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/v1/sensors/${id}`, headers: { ...as(b), 'if-match': etag } })).statusCode).toBe(404);
    // tenant b's own container c002 exists, but a's sensor stays where a put it
    expect((await app.inject({ url: `/v1/sensors/${id}`, headers: as(a) })).json()).toMatchObject({ containerId: 'c001', active: true });
  });
});
