import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { bearer, fillOf, seedMunicipality, type Seeded } from './fixtures.ts';

let db: TestDatabase;
let app: FastifyInstance;
let seed: Seeded;

beforeAll(async () => {
  db = await createTestDatabase();
  seed = await seedMunicipality(db.pool, randomTenant());
  app = await buildApp({ pool: db.pool, defaultTenant: seed.tenant });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('containers (open data)', () => {
  it('lists containers with latest fill, paginated with Link headers', async () => {
    const res = await app.inject('/v1/containers?pageSize=5&page=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ page: 2, pageSize: 5, total: 12 });
    expect(body.items.map((c: { id: string }) => c.id)).toEqual(['c006', 'c007', 'c008', 'c009', 'c010']);
    expect(body.items[0]).toMatchObject({ fraction: 'residual', fillLevel: expect.closeTo(fillOf(5), 5), status: 'ok', sensorId: 's-c006' });
    expect(res.headers.link).toContain('rel="next"');
    expect(res.headers.link).toContain('rel="prev"');
    expect(res.headers['content-crs']).toContain('CRS84');
  });

  it('filters by fraction and minimum fill', async () => {
    const body = (await app.inject('/v1/containers?fraction=residual&minFill=0.9')).json();
    expect(body.items.every((c: { fillLevel: number; fraction: string }) => c.fillLevel >= 0.9 && c.fraction === 'residual')).toBe(true);
    expect(body.total).toBeGreaterThan(0);
  });

  it('answers a GeoJSON FeatureCollection, in RD (EPSG:28992) when asked with Accept-Crs', async () => {
    const wgs = await app.inject({ url: '/v1/containers?pageSize=1', headers: { accept: 'application/geo+json' } });
    expect(wgs.headers['content-type']).toContain('application/geo+json');
    const fc = wgs.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features[0].geometry.coordinates[0]).toBeCloseTo(7.418, 3);
    expect(fc.numberMatched).toBe(12);
    const rd = await app.inject({ url: '/v1/containers?pageSize=1', headers: { accept: 'application/geo+json', 'accept-crs': 'EPSG:28992' } });
    expect(rd.headers['content-crs']).toBe('EPSG:28992');
    const [x, y] = rd.json().features[0].geometry.coordinates;
    // Monaco lies far south-east of the RD origin: large positive x, negative y
    expect(x).toBeGreaterThan(155_000);
    expect(y).toBeLessThan(0);
    const bad = await app.inject({ url: '/v1/containers', headers: { 'accept-crs': 'EPSG:9999' } });
    expect(bad.statusCode).toBe(406);
    expect(bad.json()['invalid-params'][0].name).toBe('headers.accept-crs');
  });

  it('answers NGSI-LD WasteContainer entities', async () => {
    const res = await app.inject({ url: '/v1/containers?pageSize=2', headers: { accept: 'application/ld+json' } });
    expect(res.headers['content-type']).toContain('application/ld+json');
    const [e] = res.json();
    expect(e).toMatchObject({
      id: `urn:ngsi-ld:WasteContainer:${seed.tenant}:c001`,
      type: 'WasteContainer',
      fillingLevel: { type: 'Property', value: expect.closeTo(0.92, 5) },
      status: { type: 'Property', value: 'ok' },
      // smart-data-models WasteContainer 0.3.0: one value of the enumeration, our own code beside it
      storedWasteKind: { type: 'Property', value: 'inorganic' },
      wasteFraction: { type: 'Property', value: 'residual' },
      location: { type: 'GeoProperty', value: { type: 'Point' } },
    });
    expect(e['@context']).toEqual(expect.arrayContaining([expect.stringContaining('ngsi-ld-core-context')]));
    const one = await app.inject({ url: '/v1/containers/c002', headers: { accept: 'application/ld+json' } });
    expect(one.json()).toMatchObject({ id: `urn:ngsi-ld:WasteContainer:${seed.tenant}:c002`, fillingLevel: { value: expect.closeTo(0.6, 5) } });
    const simple = await app.inject({ url: '/v1/containers/c002?options=keyValues', headers: { accept: 'application/ld+json' } });
    expect(simple.json()).toMatchObject({ id: `urn:ngsi-ld:WasteContainer:${seed.tenant}:c002`, fillingLevel: expect.closeTo(0.6, 5), storedWasteKind: 'inorganic', wasteFraction: 'residual', location: { type: 'Point' } });
    const simpleList = await app.inject({ url: '/v1/containers?pageSize=2&options=keyValues', headers: { accept: 'application/ld+json' } });
    expect(simpleList.json()[0]).toMatchObject({ type: 'WasteContainer', status: 'ok', binCapacity: expect.any(Number), category: [expect.any(String)] });
    const badOption = await app.inject({ url: '/v1/containers?options=concise', headers: { accept: 'application/ld+json' } });
    expect(badOption.statusCode).toBe(400);
    expect(badOption.json()['invalid-params'][0].name).toMatch(/^querystring\.options/);
    const plain = (await app.inject('/v1/containers/c002')).json();
    expect(plain).toMatchObject({ id: 'c002', fraction: 'residual', location: [expect.any(Number), expect.any(Number)] });
  });

  it('gives fill history in hour, day and 15-minute buckets', async () => {
    const hours = (await app.inject('/v1/containers/c001/fill-history?bucket=hour')).json();
    expect(hours.points.length).toBeGreaterThanOrEqual(47);
    expect(hours.points.at(-1).avgFill).toBeCloseTo(0.9, 2);
    const days = (await app.inject('/v1/containers/c001/fill-history?bucket=day')).json();
    expect(days.points.length).toBeGreaterThanOrEqual(2);
    expect(days.points.reduce((s: number, p: { readings: number }) => s + p.readings, 0)).toBe(48);
    const q = (await app.inject(`/v1/containers/c001/fill-history?bucket=15m&from=${new Date(Date.now() - 3 * 3600_000).toISOString()}`)).json();
    expect(q.points.length).toBeGreaterThanOrEqual(2);
    expect((await app.inject('/v1/containers/nope/fill-history')).statusCode).toBe(404);
  });

  it('reads another municipality with ?tenant= and 404s an unknown one', async () => {
    // open data of a second municipality, with ids of its own
    const other = await seedMunicipality(db.pool, randomTenant(), 2, { idPrefix: 'other-' });
    const theirs = (await app.inject(`/v1/containers?tenant=${other.tenant}`)).json();
    expect(theirs.items.map((c: { id: string }) => c.id).sort()).toEqual(other.containers);
    const ours = (await app.inject('/v1/containers')).json();
    expect(ours.items.map((c: { id: string }) => c.id)).not.toContain(other.containers[0]);
    expect((await app.inject('/v1/containers?tenant=nowhere-town')).statusCode).toBe(404);
    // a token is bound to its own municipality: ?tenant= does not widen it
    const withToken = (await app.inject({ url: `/v1/containers?tenant=${other.tenant}`, headers: bearer(seed.tokens.dispatcher) })).json();
    expect(withToken.items.map((c: { id: string }) => c.id)).not.toContain(other.containers[0]);
  });
});

describe('fleet, sensors, alerts', () => {
  it('lists depots and facilities openly; vehicles and sensors for staff', async () => {
    expect((await app.inject('/v1/depots')).json().items[0]).toMatchObject({ id: 'd1', location: [7.4165, 43.7295] });
    expect((await app.inject('/v1/facilities')).json().items[0]).toMatchObject({ id: 'f1', fractions: ['residual', 'paper'] });
    const vehicles = (await app.inject({ url: '/v1/vehicles', headers: bearer(seed.tokens.dispatcher) })).json();
    expect(vehicles.items.map((v: { id: string }) => v.id)).toEqual(['v1', 'v2', 'v3']);
    expect(vehicles.items[0]).toMatchObject({ type: { capacityKg: 10000 }, lastPosition: null });
    const sensors = (await app.inject({ url: '/v1/sensors?pageSize=2', headers: bearer(seed.tokens.dispatcher) })).json();
    expect(sensors).toMatchObject({ total: 12, items: [{ id: 's-c001', containerId: 'c001', batteryPct: 80 }, { id: 's-c002' }] });
  });

  it('lists alerts and acknowledges one, idempotently', async () => {
    const list = (await app.inject({ url: '/v1/alerts?open=true', headers: bearer(seed.tokens.dispatcher) })).json();
    expect(list.total).toBe(2);
    const fire = list.items.find((a: { kind: string }) => a.kind === 'fire');
    const ack = await app.inject({ method: 'POST', url: `/v1/alerts/${fire.id}/acknowledge`, headers: bearer(seed.tokens.dispatcher) });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().acknowledgedAt).not.toBeNull();
    const again = await app.inject({ method: 'POST', url: `/v1/alerts/${fire.id}/acknowledge`, headers: bearer(seed.tokens.admin) });
    expect(again.json().acknowledgedAt).toBe(ack.json().acknowledgedAt);
    const open = (await app.inject({ url: '/v1/alerts?acknowledged=false', headers: bearer(seed.tokens.dispatcher) })).json();
    expect(open.items.map((a: { kind: string }) => a.kind)).toEqual(['full']);
  });

  it('records who read vehicle positions, and why, in the processing log', async () => {
    await app.inject({ url: '/v1/vehicles', headers: { ...bearer(seed.tokens.dispatcher), 'x-purpose': 'complaint 2026-114 about a missed street' } });
    const log = (await app.inject({ url: '/v1/admin/processing-log?action=read-vehicle-positions', headers: bearer(seed.tokens.admin) })).json();
    expect(log.items[0]).toMatchObject({ role: 'dispatcher', action: 'read-vehicle-positions', purpose: 'complaint 2026-114 about a missed street' });
  });
});

describe('tokens', () => {
  it('are stored hashed, issued and revoked by an admin', async () => {
    const issued = await app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: bearer(seed.tokens.admin), payload: { role: 'driver', vehicleId: 'v2', name: 'tablet 7' } });
    expect(issued.statusCode).toBe(201);
    const { id, token } = issued.json();
    const { rows } = await db.pool.query('SELECT token_hash FROM api_tokens WHERE id = $1', [id]);
    expect(rows[0].token_hash).not.toContain(token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await app.inject({ url: '/v1/driver/route', headers: bearer(token) })).statusCode).toBe(404); // known token, no route yet
    expect((await app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${id}`, headers: bearer(seed.tokens.admin) })).statusCode).toBe(204);
    const revoked = await app.inject({ url: '/v1/driver/route', headers: bearer(token) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.headers['www-authenticate']).toContain('invalid_token');
  });
});

describe('rate limiting and metrics', () => {
  it('answers 429 as problem+json past the limit per token', async () => {
    const limited = await buildApp({ pool: db.pool, defaultTenant: seed.tenant, rateLimitPerMinute: 3 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await limited.inject({ url: '/v1/depots', headers: bearer(seed.tokens.dispatcher) })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const res = await limited.inject({ url: '/v1/depots', headers: bearer(seed.tokens.dispatcher) });
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().status).toBe(429);
    // another token has its own budget
    expect((await limited.inject({ url: '/v1/depots', headers: bearer(seed.tokens.admin) })).statusCode).toBe(200);
    await limited.close();
  });

  it('exposes Prometheus metrics', async () => {
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http_request_duration_seconds');
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });
});
