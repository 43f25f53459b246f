/**
 * Network-server integrations end to end on the machine's Mosquitto: two tenants, each with an
 * integration on its own topic prefix (a ChirpStack application and a The Things Stack application
 * whose topics say `@ttn`, as on the community server), delivering into the right tenant; uplinks
 * on the installation broker assigned by DevEUI or by an own-broker claim added while running;
 * unknown devices listed in the tenant they arrived for; state reported; a removed integration
 * disconnected without a restart.
 */
import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngester, type Ingester } from '../../../ingest/index.ts';
import { encodeMessage, type EncodeOptions } from '../../../ingest/contracts/index.ts';
import { withTransaction } from '../../../platform/db.ts';
import { createLogger } from '../../../platform/logger.ts';
import { createIntegration, deleteIntegration, integrationsHealth } from '../../../registry/sensors/integration-store.ts';
import type { IntegrationInput } from '../../../registry/sensors/sensor-shapes.ts';
import { createTestDatabase, randomTenant, randomTopicPrefix, TEST_MQTT_URL, type TestDatabase } from '../../helpers/index.ts';
import { connectPublisher, count, devEui, publish, seedSensors, waitFor, type SeededSensor } from './fixtures.ts';

let db: TestDatabase;
let ingester: Ingester;
let publisher: MqttClient;
let sensorsA: SeededSensor[];
let sensorsB: SeededSensor[];
const tenantA = randomTenant();
const tenantB = randomTenant();
const prefix = randomTopicPrefix();
const key = randomBytes(32);
const actor = { actor: 'test', role: 'admin' };
const ids: Record<string, string> = {};

async function addIntegration(tenantId: string, input: IntegrationInput): Promise<string> {
  return (await withTransaction(db.pool, (c) => createIntegration(c, tenantId, input, key, actor))).id;
}

/** Publish one reading of `sensorId` as `options` encodes it; the reading's tenant is what the network server would put in. */
async function send(sensorId: string, options: EncodeOptions, nsTenant: string, minutesAgo = 5): Promise<string> {
  const time = new Date(Date.now() - minutesAgo * 60_000 - Math.floor(Math.random() * 1000)).toISOString();
  const measurement = options.payload === 'decoded' ? { fillLevel: 0.4 } : { distanceMm: 900 };
  const msg = encodeMessage({ tenantId: nsTenant, sensorId, time, ...measurement, flags: {} }, options);
  await publish(publisher, msg.topic, msg.payload);
  return time;
}

const readingTenant = (pool: pg.Pool, sensorId: string) =>
  pool.query<{ tenant_id: string; container_id: string }>('SELECT tenant_id, container_id FROM readings WHERE sensor_id = $1', [sensorId]).then((r) => r.rows);

beforeAll(async () => {
  db = await createTestDatabase();
  sensorsA = await seedSensors(db.pool, tenantA, 3);
  sensorsB = await seedSensors(db.pool, tenantB, 3);
  ids.a = await addIntegration(tenantA, { kind: 'chirpstack', name: 'ChirpStack A', mqttUrl: TEST_MQTT_URL, applicationId: 'app-a', username: 'a', secret: 'pw-a', topicPrefix: `${prefix}nsa/` });
  ids.b = await addIntegration(tenantB, {
    kind: 'things-stack', name: 'TTN B', mqttUrl: TEST_MQTT_URL, applicationId: 'bins', username: 'bins@ttn', secret: 'NNSXS.SECRET-B', topicPrefix: `${prefix}nsb/`,
  });
  ingester = await startIngester({
    databaseUrl: db.url, mqttUrl: TEST_MQTT_URL, topicPrefix: prefix, clientId: `ingest-${prefix.slice(0, -1)}`, batchWaitMs: 20,
    logger: createLogger('silent'), silentCheckIntervalMs: 0, sessionExpirySeconds: 60, integrationPollMs: 200, secretsKey: key, registryCheckMs: 0,
  });
  publisher = await connectPublisher(TEST_MQTT_URL);
  await waitFor('both integrations connected', () => count(db.pool, `SELECT count(*) AS n FROM network_integration_state WHERE status = 'connected'`), (n) => n === 2);
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingester?.stop();
  await db?.drop();
});

describe('network-server integrations', () => {
  it('stores secrets encrypted, never in plain text', async () => {
    const { rows } = await db.pool.query('SELECT secret_ciphertext FROM network_integrations WHERE id = $1', [ids.b]);
    expect(rows[0].secret_ciphertext).not.toContain('SECRET-B');
    expect(Buffer.from(rows[0].secret_ciphertext, 'base64').length).toBeGreaterThan(28);
  });

  it('delivers each integration into its own tenant, whatever tenant the network server names', async () => {
    const a = sensorsA[0]!;
    const b = sensorsB[0]!;
    await send(a.sensorId, { format: 'chirpstack', prefix: `${prefix}nsa/`, applicationId: 'app-a', payload: 'decoded' }, 'chirpstack');
    await send(b.sensorId, { format: 'ttn', prefix: `${prefix}nsb/`, applicationId: 'bins', payload: 'decoded' }, 'ttn');
    expect(await waitFor('reading of a', () => readingTenant(db.pool, a.sensorId), (r) => r.length === 1)).toEqual([{ tenant_id: tenantA, container_id: a.containerId }]);
    expect(await waitFor('reading of b', () => readingTenant(db.pool, b.sensorId), (r) => r.length === 1)).toEqual([{ tenant_id: tenantB, container_id: b.containerId }]);
    const state = await waitFor('messages counted', () => db.pool.query('SELECT integration_id, status, messages, last_message_at FROM network_integration_state ORDER BY integration_id'),
      (r) => r.rows.every((s) => Number(s.messages) >= 1));
    expect(state.rows.map((s) => s.status)).toEqual(['connected', 'connected']);
    expect(await integrationsHealth(db.pool)).toEqual({ status: 'up', detail: '2 of 2 connected' });
  });

  it("keeps another tenant's device out, and lists a stranger as an unknown device of the integration's tenant", async () => {
    const b = sensorsB[1]!;
    await send(b.sensorId, { format: 'chirpstack', prefix: `${prefix}nsa/`, applicationId: 'app-a', payload: 'decoded' }, tenantB);
    const wrong = await waitFor('wrong-tenant dead letter', () => db.pool.query(`SELECT tenant_id FROM dead_letters WHERE reason = 'wrong_tenant' AND detail LIKE $1`, [`%${b.sensorId}%`]),
      (r) => r.rows.length === 1);
    expect(wrong.rows[0].tenant_id).toBe(tenantA);
    expect(await readingTenant(db.pool, b.sensorId)).toEqual([]);
    const stranger = devEui();
    await send(stranger, { format: 'chirpstack', prefix: `${prefix}nsa/`, applicationId: 'app-a', payload: 'decoded' }, 'chirpstack');
    const unknown = await waitFor('unknown device in A', () => db.pool.query('SELECT tenant_id, format, integration_id, last_fill_level FROM unknown_devices WHERE device_id = $1', [stranger]),
      (r) => r.rows.length === 1);
    expect(unknown.rows[0]).toMatchObject({ tenant_id: tenantA, format: 'chirpstack', integration_id: ids.a });
    expect(unknown.rows[0].last_fill_level).toBeCloseTo(0.4, 5);
    expect(await count(db.pool, `SELECT count(*) AS n FROM dead_letters WHERE tenant_id = $1 AND reason = 'unknown_sensor'`, [tenantA])).toBe(1);
  });

  it('assigns an uplink on the installation broker by its DevEUI, not by the @tenant of its topic', async () => {
    const a = sensorsA[1]!;
    await send(a.sensorId, { format: 'ttn', prefix, applicationId: 'someone', payload: 'milesight-em400-mud' }, 'ttn');
    expect(await waitFor('reading', () => readingTenant(db.pool, a.sensorId), (r) => r.length === 1)).toEqual([{ tenant_id: tenantA, container_id: a.containerId }]);
    const stranger = devEui();
    await send(stranger, { format: 'ttn', prefix, applicationId: 'someone', payload: 'decoded' }, tenantA);
    const letters = await waitFor('dead letter', () => db.pool.query('SELECT tenant_id, detail FROM dead_letters WHERE detail LIKE $1', [`%${stranger}%`]), (r) => r.rows.length === 1);
    expect(letters.rows[0].tenant_id).toBeNull();
    expect((await db.pool.query('SELECT tenant_id FROM unknown_devices WHERE device_id = $1', [stranger])).rows).toEqual([{ tenant_id: '' }]);
  });

  it('picks up an added own-broker claim and a removed integration without a restart', async () => {
    ids.claim = await addIntegration(tenantB, { kind: 'own-broker', name: 'Bridged TTS', applicationId: 'claimed-app' });
    await waitFor('claim seen', () => count(db.pool, 'SELECT count(*) AS n FROM network_integration_state WHERE integration_id = $1', [ids.claim]), (n) => n === 1);
    const b = sensorsB[2]!;
    await send(b.sensorId, { format: 'ttn', prefix, applicationId: 'claimed-app', payload: 'decoded' }, 'ttn');
    expect(await waitFor('claimed reading', () => readingTenant(db.pool, b.sensorId), (r) => r.length === 1)).toEqual([{ tenant_id: tenantB, container_id: b.containerId }]);

    await withTransaction(db.pool, (c) => deleteIntegration(c, tenantB, ids.b!, actor));
    await waitFor('state of b gone', () => count(db.pool, 'SELECT count(*) AS n FROM network_integration_state WHERE integration_id = $1', [ids.b]), (n) => n === 0);
    // give the ingester a few polls to close the connection, then publish: nobody reads it any more
    await new Promise((r) => setTimeout(r, 1000));
    const later = sensorsB[0]!;
    const before = await count(db.pool, 'SELECT count(*) AS n FROM readings WHERE sensor_id = $1', [later.sensorId]);
    await send(later.sensorId, { format: 'ttn', prefix: `${prefix}nsb/`, applicationId: 'bins', payload: 'decoded' }, 'ttn', 1);
    const marker = sensorsA[2]!;
    await send(marker.sensorId, { format: 'chirpstack', prefix: `${prefix}nsa/`, applicationId: 'app-a', payload: 'decoded' }, 'chirpstack');
    await waitFor('a later message through A', () => readingTenant(db.pool, marker.sensorId), (r) => r.length === 1);
    expect(await count(db.pool, 'SELECT count(*) AS n FROM readings WHERE sensor_id = $1', [later.sensorId])).toBe(before);
  });
});
