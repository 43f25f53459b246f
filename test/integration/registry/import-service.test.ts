/**
 * The import service on this machine's PostgreSQL: re-import changes nothing, a changed row is
 * updated, missing containers are reported and retired only when asked (history kept), a dry run
 * writes nothing, rejected rows keep their containers, fleet references are checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { runImport, type ImportRequest } from '../../../registry/import/import-service.ts';
import { TenantStore } from '../../../registry/store/tenants-store.ts';

const actor = { actor: 'cli:test', role: 'operator' };
const CSV = `id;fractie;inhoud;lon;lat;straat
C1;rest;5;7,4200;43,7320;Boulevard 1
C2;papier;3,5;7,4210;43,7330;Boulevard 2
C3;glas;2;7,4220;43,7340;Boulevard 3
`;
/** The file after the update test: C2 holds 4 m³. */
const CURRENT = CSV.replace('3,5', '4');
const MAP = { id: 'id', fraction: 'fractie', volume_m3: 'inhoud', lon: 'lon', lat: 'lat', address: 'straat' };

let db: TestDatabase;
let tenant: string;
const run = (content: string, extra: Partial<ImportRequest> = {}, options: ImportRequest['options'] = {}) =>
  runImport(db.pool, { tenantId: tenant, kind: 'containers', content, fileName: 'c.csv', options: { map: MAP, ...options }, actor, ...extra });

beforeAll(async () => {
  db = await createTestDatabase();
  tenant = randomTenant();
  await new TenantStore(db.pool).ensure({ id: tenant, name: 'Test', settings: { area: [7.40, 43.72, 7.44, 43.76] } }, actor);
});
afterAll(async () => db.drop());

describe('container import', () => {
  it('creates, then a second import of the same file changes nothing and says so', async () => {
    const first = await run(CSV);
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    const second = await run(CSV);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 3, retired: 0, rejected: 0 });
    const { rows } = await db.pool.query('SELECT id, volume_m3, lon, version FROM containers WHERE tenant_id = $1 ORDER BY id', [tenant]);
    expect(rows.map((r) => [r.id, r.volume_m3, r.lon, r.version])).toEqual([['C1', 5, 7.42, 1], ['C2', 3.5, 7.421, 1], ['C3', 2, 7.422, 1]]);
  });

  it('updates a changed row and bumps its version only', async () => {
    const report = await run(CSV.replace('3,5', '4'));
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const { rows } = await db.pool.query('SELECT id, version FROM containers WHERE tenant_id = $1 ORDER BY id', [tenant]);
    expect(rows.map((r) => r.version)).toEqual([1, 2, 1]);
  });

  it('reports missing containers, retires them only with retireMissing, and keeps their rows', async () => {
    const without = CURRENT.split('\n').filter((l) => !l.startsWith('C3')).join('\n');
    const reported = await run(without);
    expect(reported).toMatchObject({ retired: 0, missing: ['C3'] });
    const dry = await run(without, {}, { dryRun: true, retireMissing: true });
    expect(dry).toMatchObject({ retired: 1, dryRun: true });
    expect((await db.pool.query('SELECT active FROM containers WHERE tenant_id = $1 AND id = $2', [tenant, 'C3'])).rows[0].active).toBe(true);
    const retired = await run(without, {}, { retireMissing: true });
    expect(retired).toMatchObject({ retired: 1, missing: [] });
    const { rows } = await db.pool.query('SELECT active, retired_at FROM containers WHERE tenant_id = $1 AND id = $2', [tenant, 'C3']);
    expect(rows[0].active).toBe(false);
    expect(rows[0].retired_at).toBeInstanceOf(Date);
    const log = await db.pool.query(`SELECT action, object FROM processing_log WHERE tenant_id = $1 AND action = 'retire-container'`, [tenant]);
    expect(log.rows).toEqual([{ action: 'retire-container', object: 'container/C3' }]);
    // it comes back when a file names it again
    expect(await run(CURRENT)).toMatchObject({ updated: 1, unchanged: 2 });
    expect((await db.pool.query('SELECT active, retired_at FROM containers WHERE tenant_id = $1 AND id = $2', [tenant, 'C3'])).rows[0]).toEqual({ active: true, retired_at: null });
  });

  it('stores the good rows, rejects the bad ones, and never retires a container whose row was rejected', async () => {
    const bad = CURRENT.replace('C3;glas', 'C3;asbest').replace('C1;rest;5', 'C1;rest;0');
    const report = await run(bad, {}, { retireMissing: true });
    expect(report.errors).toEqual([
      { row: 2, field: 'volumeM3', reason: 'volume not positive (0)', id: 'C1' },
      { row: 4, field: 'fraction', reason: 'unknown fraction code "asbest"', id: 'C3' },
    ]);
    expect(report).toMatchObject({ rejected: 2, retired: 0, unchanged: 1 });
  });

  it('never retires anything on a file with no good row', async () => {
    const report = await run('', {}, { retireMissing: true });
    expect(report).toMatchObject({ retired: 0, errors: [{ row: 0, field: 'file', reason: 'empty file' }] });
    expect((await db.pool.query('SELECT count(*)::int AS n FROM containers WHERE tenant_id = $1 AND active', [tenant])).rows[0].n).toBe(3);
  });

  it('rejects every row of an id given twice', async () => {
    const report = await run(`${CURRENT}C2;rest;1;7,43;43,74;Elders\n`);
    expect(report.errors).toEqual([
      { row: 3, field: 'id', reason: 'duplicate id C2 in the file (rows 3, 5)', id: 'C2' },
      { row: 5, field: 'id', reason: 'duplicate id C2 in the file (rows 3, 5)', id: 'C2' },
    ]);
  });

  it('flags a container far from any road and stores its snap', async () => {
    const snapper = { nearest: async (p: readonly [number, number]) => ({ location: p, name: '', distanceM: p[0] > 7.4215 ? 350 : 5 }) };
    const report = await run(CURRENT, { snapper });
    expect(report.flagged).toEqual([{ row: 4, id: 'C3', reason: '350 m from the nearest road (more than 200 m)' }]);
  });
});

describe('fleet import', () => {
  it('checks that vehicles name an existing type and depot', async () => {
    await runImport(db.pool, { tenantId: tenant, kind: 'depots', content: JSON.stringify([{ id: 'd1', name: 'Depot', location: [7.41, 43.73] }]), fileName: 'd.json', options: {}, actor });
    const types = await runImport(db.pool, {
      tenantId: tenant, kind: 'vehicle-types', fileName: 't.csv', options: {}, actor,
      content: 'id;name;capacity_kg;capacity_m3;fractions;compaction_factor\nrear;Achterlader;10000;20;residual|paper;2,5\n',
    });
    expect(types).toMatchObject({ created: 1, errors: [] });
    const vehicles = await runImport(db.pool, {
      tenantId: tenant, kind: 'vehicles', fileName: 'v.csv', options: {}, actor,
      content: 'id,name,vehicleTypeId,depotId,shiftStart,shiftEnd,maxDailyStops\nv1,Truck 1,rear,d1,06:30,15:00,80\nv2,Truck 2,side,d1,07:00,15:30,\n',
    });
    expect(vehicles).toMatchObject({ created: 1, rejected: 1, errors: [{ row: 3, field: 'vehicleTypeId', reason: 'no vehicle type side', id: 'v2' }] });
    const again = await runImport(db.pool, {
      tenantId: tenant, kind: 'vehicles', fileName: 'v.csv', options: {}, actor,
      content: 'id,name,vehicleTypeId,depotId,shiftStart,shiftEnd,maxDailyStops\nv1,Truck 1,rear,d1,06:30,15:00,80\n',
    });
    expect(again).toMatchObject({ unchanged: 1 });
    const { rows } = await db.pool.query(`SELECT shift_start::text, max_daily_stops, fractions FROM vehicles v JOIN vehicle_types t ON t.tenant_id = v.tenant_id AND t.id = v.vehicle_type_id WHERE v.tenant_id = $1`, [tenant]);
    expect(rows).toEqual([{ shift_start: '06:30:00', max_daily_stops: 80, fractions: ['residual', 'paper'] }]);
  });

  it('reads facilities with opening hours and re-imports them unchanged', async () => {
    const content = 'id;name;lon;lat;fractions;openingHours;unloadingTimeS\nf1;Afvalcentrale;7,418;43,731;residual|paper;1-5 07:00-17:00 | 6 8:00-12:00;600\n';
    const first = await runImport(db.pool, { tenantId: tenant, kind: 'facilities', fileName: 'f.csv', options: {}, actor, content });
    expect(first).toMatchObject({ created: 1, errors: [] });
    const second = await runImport(db.pool, { tenantId: tenant, kind: 'facilities', fileName: 'f.csv', options: {}, actor, content });
    expect(second).toMatchObject({ unchanged: 1 });
    const { rows } = await db.pool.query('SELECT opening_hours FROM disposal_facilities WHERE tenant_id = $1', [tenant]);
    expect(rows[0].opening_hours).toEqual([{ days: [1, 2, 3, 4, 5], open: '07:00', close: '17:00' }, { days: [6], open: '08:00', close: '12:00' }]);
  });
});
