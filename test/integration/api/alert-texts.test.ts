/**
 * Alert texts through the real path: the ingester's store raises them as code plus parameters,
 * the API answers both and the text rendered in each tenant's own language (two tenants: one
 * Dutch, the default, one English). The silent-sensor check raises its text the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { alertChanges } from '../../../ingest/pipeline/alert-rules.ts';
import { raiseAlerts } from '../../../ingest/store/alerts-store.ts';
import { raiseSilentAlerts } from '../../../ingest/store/silent-sensors.ts';
import { NO_FLAGS } from '../../../ingest/contracts/index.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { bearer, seedMunicipality, type Seeded } from './fixtures.ts';

let db: TestDatabase;
let app: FastifyInstance;
let dutch: Seeded;
let english: Seeded;

const fullAlert = (tenantId: string) =>
  alertChanges([
    {
      topic: 't', payload: Buffer.alloc(0), fillLevel: 0.82,
      reading: { tenantId, sensorId: 's-c003', time: new Date().toISOString(), flags: { ...NO_FLAGS } },
      sensor: { tenantId, sensorId: 's-c003', containerId: 'c003', emptyDistanceMm: 1500, fullDistanceMm: 300, reportingIntervalS: 3600, mustFill: 0.8 },
    },
  ]).raise;

beforeAll(async () => {
  db = await createTestDatabase();
  dutch = await seedMunicipality(db.pool, randomTenant(), 3);
  english = await seedMunicipality(db.pool, randomTenant(), 3);
  await db.pool.query(`UPDATE tenants SET settings = settings || '{"language":"en"}' WHERE id = $1`, [english.tenant]);
  await raiseAlerts(db.pool, [...fullAlert(dutch.tenant), ...fullAlert(english.tenant)]);
  app = await buildApp({ pool: db.pool, defaultTenant: dutch.tenant });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const fullOf = async (seed: Seeded) => {
  const res = await app.inject({ url: '/v1/alerts?kind=full&open=true', headers: bearer(seed.tokens.dispatcher) });
  expect(res.statusCode).toBe(200);
  return res.json().items.find((a: { containerId: string }) => a.containerId === 'c003');
};

describe('alert texts in the tenant language', () => {
  it('answers code, parameters and the Dutch text to a Dutch municipality', async () => {
    expect(await fullOf(dutch)).toMatchObject({
      code: 'alert.full',
      params: { containerId: 'c003', sensorId: 's-c003', fillPct: 82, thresholdPct: 80 },
      message: 'Container c003 (sensor s-c003) is 82 % vol (drempel voor verplicht legen 80 %)',
    });
  });

  it('answers the English text to an English one, and its data without the text', async () => {
    const alert = await fullOf(english);
    expect(alert).toMatchObject({ code: 'alert.full', message: 'Container c003 (sensor s-c003) is 82 % full (must-collect threshold 80 %)' });
    expect(alert.data).not.toHaveProperty('text');
    expect(alert.data).toMatchObject({ fillLevel: 0.82 });
  });

  it('renders the acknowledged alert in the tenant language too', async () => {
    const alert = await fullOf(dutch);
    const ack = await app.inject({ method: 'POST', url: `/v1/alerts/${alert.id}/acknowledge`, headers: bearer(dutch.tokens.dispatcher) });
    expect(ack.json().message).toContain('% vol');
  });

  it('shows an alert stored before texts had codes as it was stored', async () => {
    const res = await app.inject({ url: '/v1/alerts?kind=fire', headers: bearer(dutch.tokens.dispatcher) });
    expect(res.json().items[0]).toMatchObject({ code: 'alert.text', message: 'temperature above 70 °C' });
  });

  it('raises silent sensors with a code, rendered per tenant', async () => {
    await db.pool.query(`UPDATE sensors SET installed_at = now() - interval '30 days', reporting_interval_s = 60 WHERE tenant_id = ANY($1) AND id = 's-c002'`, [[dutch.tenant, english.tenant]]);
    await db.pool.query(`DELETE FROM readings WHERE tenant_id = ANY($1) AND sensor_id = 's-c002'`, [[dutch.tenant, english.tenant]]);
    const raised = await raiseSilentAlerts(db.pool);
    expect(raised.filter((a) => a.sensorId === 's-c002').map((a) => a.code)).toEqual(['alert.silent', 'alert.silent']);
    const silentOf = async (seed: Seeded) =>
      (await app.inject({ url: '/v1/alerts?kind=silent', headers: bearer(seed.tokens.dispatcher) })).json().items.find((a: { sensorId: string }) => a.sensorId === 's-c002');
    expect((await silentOf(dutch)).message).toBe('Container c002 (sensor s-c002) al meer dan 3 meldintervallen stil');
    expect((await silentOf(english)).message).toBe('Container c002 (sensor s-c002) silent for more than 3 reporting intervals');
  });
});
