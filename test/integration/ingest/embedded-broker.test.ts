/**
 * `npm start` without Mosquitto: the ingester on the embedded aedes broker (MQTT 3.1.1, no shared
 * subscriptions) stores readings the same way.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../platform/embedded-broker.ts';
import { freePort } from '../../../ingest/bench/local-mosquitto.ts';
import { startIngester, type Ingester } from '../../../ingest/index.ts';
import { encodeMessage } from '../../../ingest/contracts/index.ts';
import { createLogger } from '../../../platform/logger.ts';
import { count, publishAll, seedSensors, waitFor } from './fixtures.ts';

let db: TestDatabase;
let broker: EmbeddedBroker;
let ingester: Ingester;
let publisher: MqttClient;
const tenant = randomTenant();

beforeAll(async () => {
  db = await createTestDatabase();
  broker = await startEmbeddedBroker(`mqtt://127.0.0.1:${await freePort()}`);
  ingester = await startIngester({
    databaseUrl: db.url, mqttUrl: broker.url, shareGroup: null, protocolVersion: 4, maxInFlight: 50, batchWaitMs: 20,
    logger: createLogger('silent'), silentCheckIntervalMs: 0,
  });
  publisher = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingester?.stop();
  await broker?.close();
  await db?.drop();
});

it('stores every reading published through aedes, with a small in-flight window', async () => {
  const sensors = await seedSensors(db.pool, tenant, 5);
  const start = Date.now() - 86_400_000;
  const messages = Array.from({ length: 500 }, (_, i) => encodeMessage({
    tenantId: tenant, sensorId: sensors[i % 5]!.sensorId, time: new Date(start + i * 60_000), fillLevel: 0.3, flags: {},
  }, { format: i % 2 ? 'native' : 'ttn', payload: 'decoded' }));
  await publishAll(publisher, messages, 100);
  await waitFor('all rows', () => count(db.pool, 'SELECT count(*) AS n FROM readings'), (n) => n >= 500);
  expect(await count(db.pool, 'SELECT count(*) AS n FROM readings')).toBe(500);
  expect(ingester.stats().maxUnacknowledged).toBeLessThanOrEqual(50);
});

it('gives up with an error naming MQTT_URL when no broker answers', async () => {
  const port = await freePort();
  await expect(startIngester({
    databaseUrl: db.url, mqttUrl: `mqtt://127.0.0.1:${port}`, connectTimeoutMs: 500, logger: createLogger('silent'), silentCheckIntervalMs: 0,
  })).rejects.toMatchObject({ kind: 'input', details: [{ name: 'MQTT_URL' }] });
});
