/**
 * A sensor moved to another container keeps its history right in the ingester: each reading gets
 * the container bound at the reading's time (a late reading from before the move goes to the old
 * container), the move counts at once (the registry's change counter, no cache TTL), and a legacy
 * write of sensors.container_id makes bindings too.
 */
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngester, type Ingester } from '../../../ingest/index.ts';
import { encodeMessage } from '../../../ingest/contracts/index.ts';
import { withTransaction } from '../../../platform/db.ts';
import { createLogger } from '../../../platform/logger.ts';
import { bindSensor } from '../../../registry/sensors/sensor-store.ts';
import { createTestDatabase, randomTenant, randomTopicPrefix, TEST_MQTT_URL, type TestDatabase } from '../../helpers/index.ts';
import { connectPublisher, publish, seedSensors, waitFor, type SeededSensor } from './fixtures.ts';

let db: TestDatabase;
let ingester: Ingester;
let publisher: MqttClient;
let sensors: SeededSensor[];
const tenant = randomTenant();
const prefix = randomTopicPrefix();

beforeAll(async () => {
  db = await createTestDatabase();
  sensors = await seedSensors(db.pool, tenant, 3);
  ingester = await startIngester({
    databaseUrl: db.url, mqttUrl: TEST_MQTT_URL, topicPrefix: prefix, clientId: `ingest-${prefix.slice(0, -1)}`, batchWaitMs: 20,
    logger: createLogger('silent'), silentCheckIntervalMs: 0, sessionExpirySeconds: 60, integrationPollMs: 0, registryCheckMs: 0,
  });
  publisher = await connectPublisher(TEST_MQTT_URL);
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingester?.stop();
  await db?.drop();
});

async function send(sensorId: string, time: Date): Promise<void> {
  const msg = encodeMessage({ tenantId: tenant, sensorId, time, fillLevel: 0.3, flags: {} }, { format: 'native', prefix });
  await publish(publisher, msg.topic, msg.payload);
}

const containersOf = (sensorId: string) =>
  db.pool.query<{ container_id: string | null }>('SELECT container_id FROM readings WHERE tenant_id = $1 AND sensor_id = $2 ORDER BY time', [tenant, sensorId])
    .then((r) => r.rows.map((x) => x.container_id));

describe('sensor bindings in the ingester', () => {
  it('gives each reading the container bound at its time, also a late one from before the move', async () => {
    const s = sensors[0]!;
    const now = Date.now();
    await send(s.sensorId, new Date(now - 60 * 60_000));
    await waitFor('first reading', () => containersOf(s.sensorId), (c) => c.length === 1);
    const movedAt = new Date(now - 30 * 60_000);
    await withTransaction(db.pool, (c) => bindSensor(c, tenant, s.sensorId, { containerId: sensors[1]!.containerId, validFrom: movedAt.toISOString() }, { actor: 'test', role: 'dispatcher' }));
    await send(s.sensorId, new Date(now - 10 * 60_000));
    await send(s.sensorId, new Date(now - 45 * 60_000));
    expect(await waitFor('three readings', () => containersOf(s.sensorId), (c) => c.length === 3))
      .toEqual([s.containerId, s.containerId, sensors[1]!.containerId]);
    const state = await db.pool.query('SELECT container_id, sensor_id FROM container_state WHERE tenant_id = $1 AND sensor_id = $2 ORDER BY container_id', [tenant, s.sensorId]);
    expect(state.rows.map((r) => r.container_id)).toEqual([s.containerId, sensors[1]!.containerId].sort());
  });

  it('stores readings of an unbound sensor without a container, and legacy container writes make bindings', async () => {
    const s = sensors[2]!;
    await withTransaction(db.pool, (c) => bindSensor(c, tenant, s.sensorId, { containerId: null, validFrom: new Date(Date.now() - 20 * 60_000).toISOString() }, { actor: 'test', role: 'dispatcher' }));
    await send(s.sensorId, new Date(Date.now() - 5 * 60_000));
    expect(await waitFor('unbound reading', () => containersOf(s.sensorId), (c) => c.length === 1)).toEqual([null]);
    await db.pool.query('UPDATE sensors SET container_id = $3 WHERE tenant_id = $1 AND id = $2', [tenant, s.sensorId, s.containerId]);
    const bindings = await db.pool.query('SELECT container_id, valid_to IS NULL AS open FROM sensor_bindings WHERE tenant_id = $1 AND sensor_id = $2 ORDER BY valid_from', [tenant, s.sensorId]);
    expect(bindings.rows).toEqual([{ container_id: s.containerId, open: false }, { container_id: s.containerId, open: true }]);
    await send(s.sensorId, new Date());
    expect(await waitFor('bound again', () => containersOf(s.sensorId), (c) => c.length === 2)).toEqual([null, s.containerId]);
  });
});
