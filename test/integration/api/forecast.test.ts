/**
 * GET /v1/containers/{id}/forecast and the forecast in container lists, on two municipalities with
 * the same container ids: each sees its own readings, emptyings and language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomTenant } from '../../helpers/index.ts';
import { bearer, seedMunicipality, type Seeded } from './fixtures.ts';
import { startSeededApp, type SeededApp } from './seeded-app.ts';

let s: SeededApp;
let other: Seeded;

beforeAll(async () => {
  s = await startSeededApp(4);
  other = await seedMunicipality(s.db.pool, randomTenant(), 4);
  // The other municipality speaks English; its c001 sensor went silent three days ago after two days
  // of readings, its c003 fills 0.12 a day, and its c002 was emptied by a driver yesterday.
  await s.db.pool.query(`UPDATE tenants SET settings = '{"language":"en"}' WHERE id = $1`, [other.tenant]);
  await s.db.pool.query('DELETE FROM readings WHERE tenant_id = $1', [other.tenant]);
  await s.db.pool.query(
    `INSERT INTO readings (time, tenant_id, sensor_id, container_id, fill_level, battery_pct)
     SELECT now() - INTERVAL '3 days' - (h * INTERVAL '1 hour'), $1, 's-c001', 'c001', 0.5 - h * 0.005, 80 FROM generate_series(0, 47) AS h`,
    [other.tenant],
  );
  await s.db.pool.query(
    `INSERT INTO readings (time, tenant_id, sensor_id, container_id, fill_level, battery_pct)
     SELECT now() - (h * INTERVAL '1 hour'), $1, 's-c003', 'c003', 0.5 - h * 0.005, 80 FROM generate_series(0, 47) AS h`,
    [other.tenant],
  );
  await s.db.pool.query(`INSERT INTO collection_events (tenant_id, container_id, time, source, fill_before) VALUES ($1, 'c002', now() - INTERVAL '1 day', 'driver', 0.8)`, [other.tenant]);
});

afterAll(async () => {
  await s?.close();
});

describe('container forecast', () => {
  it('forecasts from the readings: fill now, rate, hourly points with an interval, times to the thresholds', async () => {
    const res = await s.app.inject('/v1/containers/c001/forecast?hours=24');
    expect(res.statusCode).toBe(200);
    const f = res.json();
    // c001 rises 0.01 an hour to 0.9 (fixtures).
    expect(f.fillNow).toBeGreaterThan(0.88);
    expect(f.fillNow).toBeLessThan(0.95);
    expect(f.ratePerDay).toBeGreaterThan(0.2);
    expect(f.ratePerDay).toBeLessThan(0.28);
    expect(f).toMatchObject({ containerId: 'c001', rateSource: 'sensor', health: { healthy: true, issues: [] }, fallback: null, mustFill: 0.8, interval: 0.8 });
    expect(f.points).toHaveLength(25);
    for (const p of f.points) expect(p.low <= p.mean && p.mean <= p.high).toBe(true);
    expect(f.points[24].mean).toBeGreaterThan(f.points[0].mean + 0.15);
    expect(f.timeToMust).toBe(f.asOf);
    const toFull = Date.parse(f.timeToFull) - Date.parse(f.asOf);
    expect(toFull).toBeGreaterThan(3 * 3_600_000);
    expect(toFull).toBeLessThan(24 * 3_600_000);
  });

  it('each municipality sees its own container: silent sensor explained in its language', async () => {
    for (const req of [{ url: `/v1/containers/c001/forecast?tenant=${other.tenant}` }, { url: '/v1/containers/c001/forecast', headers: bearer(other.tokens.dispatcher) }]) {
      const f = (await s.app.inject(req)).json();
      expect(f.rateSource).toBe('history');
      expect(f.health.issues.map((i: { kind: string }) => i.kind)).toEqual(['silent']);
      expect(f.fallback).toMatchObject({ code: 'sensor-silent', params: { days: 3, source: 'history' }, message: 'sensor silent for 3 days → historic rate' });
    }
    // The default municipality's token reads its own c001, not the other's.
    expect((await s.app.inject({ url: '/v1/containers/c001/forecast', headers: bearer(s.seed.tokens.dispatcher) })).json().rateSource).toBe('sensor');
  });

  it('an emptied container without readings starts from empty at the rate of similar containers', async () => {
    const f = (await s.app.inject(`/v1/containers/c002/forecast?tenant=${other.tenant}`)).json();
    expect(f.rateSource).toBe('prior');
    expect(f.fallback).toMatchObject({ code: 'short-history', params: { containers: 1 } });
    // Emptied a day ago, filling like c003 (0.12 a day; the silent c001 does not count).
    expect(f.ratePerDay).toBeCloseTo(0.12, 2);
    expect(f.fillNow).toBeGreaterThan(0.1);
    expect(f.fillNow).toBeLessThan(0.2);
  });

  it('answers problems naming the field or the container', async () => {
    const bad = await s.app.inject('/v1/containers/c001/forecast?hours=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json()['invalid-params'])).toContain('hours');
    const missing = await s.app.inject('/v1/containers/nope/forecast');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await s.app.inject('/v1/containers/c001/forecast?tenant=nowhere-town')).statusCode).toBe(404);
  });
});

describe('forecast in container lists', () => {
  it('adds fill now, in 24 hours, time to full and health with ?forecast=true, per municipality', async () => {
    const plain = (await s.app.inject('/v1/containers')).json();
    expect(plain.items[0].forecast).toBeUndefined();
    const mine = (await s.app.inject('/v1/containers?forecast=true')).json();
    const c001 = mine.items.find((c: { id: string }) => c.id === 'c001');
    expect(c001.forecast.fillNow).toBeGreaterThan(0.88);
    expect(c001.forecast.fillNextDay).toBeGreaterThan(c001.forecast.fillNow);
    expect(c001.forecast).toMatchObject({ rateSource: 'sensor', health: { healthy: true } });
    expect(typeof c001.forecast.timeToFull).toBe('string');
    expect(mine.items.every((c: { forecast?: unknown }) => c.forecast)).toBe(true);
    const theirs = (await s.app.inject({ url: `/v1/containers?forecast=true&tenant=${other.tenant}`, headers: { accept: 'application/geo+json' } })).json();
    const theirC001 = theirs.features.find((f: { id: string }) => f.id === 'c001');
    expect(theirC001.properties.forecast).toMatchObject({ rateSource: 'history', health: { healthy: false, issues: [{ kind: 'silent' }] } });
  });
});
