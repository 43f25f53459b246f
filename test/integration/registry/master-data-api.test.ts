/**
 * Master-data CRUD over HTTP on a real database: ETag on every read and write, If-Match required
 * (428) and checked (412) on PUT and DELETE, roles (driver reads only), problem+json naming the
 * field, the processing log, and tenant isolation on every new route with two tenants holding
 * the same ids.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { bearer, seedMunicipality, type Seeded } from '../api/fixtures.ts';

let db: TestDatabase;
let app: FastifyInstance;
let a: Seeded;
let b: Seeded;

beforeAll(async () => {
  db = await createTestDatabase();
  a = await seedMunicipality(db.pool, randomTenant(), 3);
  b = await seedMunicipality(db.pool, randomTenant(), 3);
  app = await buildApp({ pool: db.pool, defaultTenant: a.tenant });
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const NEW = {
  containers: { id: 'n1', location: [7.42, 43.733], fraction: 'glass', volumeM3: 3, type: 'underground', containerType: 'Ondergronds 3m3', address: 'Rue Grimaldi 1' },
  'vehicle-types': { id: 'side', name: 'Zijlader', capacityKg: 8000, capacityM3: 18, fractions: ['pmd'], compartments: [{ fractions: ['pmd'], capacityM3: 18 }] },
  vehicles: { id: 'v9', name: 'Truck 9', vehicleTypeId: 'rear', depotId: 'd1', shiftStart: '06:00', shiftEnd: '14:30', maxDailyStops: 120 },
  depots: { id: 'd9', name: 'Depot 9', location: [7.417, 43.73] },
  facilities: { id: 'f9', name: 'Glasbak-overslag', location: [7.419, 43.731], fractions: ['glass'], openingHours: [{ days: [1, 2, 3, 4, 5], open: '07:00', close: '16:00' }] },
} as const;
type Kind = keyof typeof NEW;
const KINDS = Object.keys(NEW) as Kind[];
const readPath = (kind: Kind, id: string) => (kind === 'containers' || kind === 'vehicles' ? `/v1/${kind}/${id}/record` : `/v1/${kind}/${id}`);
/** An existing record of every kind in both tenants (seedMunicipality uses the same ids). */
const EXISTING: Record<Kind, string> = { containers: 'c001', 'vehicle-types': 'rear', vehicles: 'v1', depots: 'd1', facilities: 'f1' };

describe.each(KINDS)('%s', (kind) => {
  it('creates with 201, Location and ETag; reads it back; replaces with If-Match; a stale ETag gets 412, none 428', async () => {
    const created = await app.inject({ method: 'POST', url: `/v1/${kind}`, headers: bearer(a.tokens.dispatcher), payload: NEW[kind] });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/v1/${kind}/${NEW[kind].id}`);
    expect(created.json()).toMatchObject({ ...NEW[kind], version: 1 });

    const again = await app.inject({ method: 'POST', url: `/v1/${kind}`, headers: bearer(a.tokens.dispatcher), payload: NEW[kind] });
    expect(again.statusCode).toBe(409);

    const read = await app.inject({ method: 'GET', url: readPath(kind, NEW[kind].id), headers: bearer(a.tokens.driver) });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');

    const { id: _id, ...body } = NEW[kind];
    const payload = kind === 'containers' ? { ...body, volumeM3: 5 } : { ...body, name: 'Renamed' };
    const noMatch = await app.inject({ method: 'PUT', url: `/v1/${kind}/${NEW[kind].id}`, headers: bearer(a.tokens.dispatcher), payload });
    expect(noMatch.statusCode).toBe(428);
    expect(noMatch.json()['invalid-params']).toEqual([{ name: 'headers.if-match', reason: 'required on updates and deletes' }]);
    const first = await app.inject({ method: 'PUT', url: `/v1/${kind}/${NEW[kind].id}`, headers: { ...bearer(a.tokens.dispatcher), 'if-match': '"1"' }, payload });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    // the second dispatcher still holds version 1
    const stale = await app.inject({ method: 'PUT', url: `/v1/${kind}/${NEW[kind].id}`, headers: { ...bearer(a.tokens.admin), 'if-match': '"1"' }, payload });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()['invalid-params'][0].name).toBe('headers.if-match');
  });

  it('lets a driver read but not write', async () => {
    const res = await app.inject({ method: 'POST', url: `/v1/${kind}`, headers: bearer(a.tokens.driver), payload: { ...NEW[kind], id: 'x1' } });
    expect(res.statusCode).toBe(403);
  });

  it('names the invalid field', async () => {
    const res = await app.inject({ method: 'POST', url: `/v1/${kind}`, headers: bearer(a.tokens.dispatcher), payload: { ...NEW[kind], id: 'bad1', unknownField: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json()['invalid-params'].map((p: { name: string }) => p.name)).toContain('body.unknownField');
  });

  it("keeps tenants apart: B's token reads, changes and deletes only B's record of the same id", async () => {
    const id = EXISTING[kind];
    const ofA = await app.inject({ method: 'GET', url: readPath(kind, id), headers: bearer(a.tokens.dispatcher) });
    const ofB = await app.inject({ method: 'GET', url: readPath(kind, id), headers: bearer(b.tokens.dispatcher) });
    expect(ofA.statusCode).toBe(200);
    expect(ofB.statusCode).toBe(200);
    // a record only A has is not found with B's token, for read, replace and delete
    const onlyA = NEW[kind].id;
    expect((await app.inject({ method: 'GET', url: readPath(kind, onlyA), headers: bearer(b.tokens.dispatcher) })).statusCode).toBe(404);
    const { id: _ignored, ...body } = NEW[kind];
    expect((await app.inject({ method: 'PUT', url: `/v1/${kind}/${onlyA}`, headers: { ...bearer(b.tokens.dispatcher), 'if-match': '*' }, payload: body })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/v1/${kind}/${onlyA}`, headers: { ...bearer(b.tokens.dispatcher), 'if-match': '*' } })).statusCode).toBe(404);
    const stillA = await app.inject({ method: 'GET', url: readPath(kind, onlyA), headers: bearer(a.tokens.dispatcher) });
    expect(stillA.statusCode).toBe(200);
    expect(stillA.headers.etag).toBe('"2"');
    if (kind === 'vehicle-types') {
      const list = await app.inject({ method: 'GET', url: '/v1/vehicle-types', headers: bearer(b.tokens.dispatcher) });
      expect(list.json().items.map((t: { id: string }) => t.id)).toEqual(['rear']);
    }
  });
});

describe('concurrent dispatchers', () => {
  it('of two simultaneous updates with the same ETag exactly one wins, the other gets 412', async () => {
    const read = await app.inject({ method: 'GET', url: '/v1/depots/d1', headers: bearer(a.tokens.dispatcher) });
    const etag = read.headers.etag as string;
    const put = (name: string, token: string) =>
      app.inject({ method: 'PUT', url: '/v1/depots/d1', headers: { ...bearer(token), 'if-match': etag }, payload: { name, location: [7.4165, 43.7295] } });
    const results = await Promise.all([put('Depot Noord', a.tokens.dispatcher), put('Depot Zuid', a.tokens.admin)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.statusCode === 200)!.json().name;
    expect((await app.inject({ method: 'GET', url: '/v1/depots/d1', headers: bearer(a.tokens.driver) })).json().name).toBe(winner);
  });
});

describe('delete', () => {
  it('retires a container (history kept) and refuses to delete a depot still used by vehicles', async () => {
    const del = await app.inject({ method: 'DELETE', url: '/v1/containers/c002', headers: { ...bearer(a.tokens.dispatcher), 'if-match': '"1"' } });
    expect(del.statusCode, del.body).toBe(204);
    const { rows } = await db.pool.query('SELECT active, retired_at FROM containers WHERE tenant_id = $1 AND id = $2', [a.tenant, 'c002']);
    expect(rows[0].active).toBe(false);
    expect(rows[0].retired_at).toBeInstanceOf(Date);
    const depot = await app.inject({ method: 'DELETE', url: '/v1/depots/d1', headers: { ...bearer(a.tokens.dispatcher), 'if-match': '*' } });
    expect(depot.statusCode).toBe(409);
    // d9 was created and renamed once above: version 2
    const gone = await app.inject({ method: 'DELETE', url: '/v1/depots/d9', headers: { ...bearer(a.tokens.dispatcher), 'if-match': '"2"' } });
    expect(gone.statusCode).toBe(204);
  });

  it('refuses a vehicle naming a depot of another tenant', async () => {
    await db.pool.query(`INSERT INTO depots (tenant_id, id, name, lon, lat) VALUES ($1, 'only-b', 'B', 7.41, 43.73)`, [b.tenant]);
    const res = await app.inject({ method: 'POST', url: '/v1/vehicles', headers: bearer(a.tokens.dispatcher), payload: { ...NEW.vehicles, id: 'v10', depotId: 'only-b' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()['invalid-params']).toEqual([{ name: 'body.depotId', reason: 'no depot only-b' }]);
  });

  it('writes every change to the processing log: who, when, what', async () => {
    const { rows } = await db.pool.query(`SELECT action, object, role FROM processing_log WHERE tenant_id = $1 AND object = 'container/n1' ORDER BY id`, [a.tenant]);
    expect(rows).toEqual([{ action: 'create-container', object: 'container/n1', role: 'dispatcher' }, { action: 'update-container', object: 'container/n1', role: 'dispatcher' }]);
  });
});
