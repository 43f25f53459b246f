/**
 * Latest state per container, emptying → collection event, alerts into the table and on
 * `waste/v1/{tenant}/alerts` (once while open), and the silent-sensor check.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { createTestDatabase, randomTenant, randomTopicPrefix, TEST_MQTT_URL, type TestDatabase } from '../../helpers/index.ts';
import { startIngester, type Ingester } from '../../../ingest/index.ts';
import { alertsTopic, decodeAlert, encodeMessage, type AlertMessage, type ReadingInput } from '../../../ingest/contracts/index.ts';
import { createLogger } from '../../../platform/logger.ts';
import { connectPublisher, publish, seedSensors, waitFor, type SeededSensor } from './fixtures.ts';

let db: TestDatabase;
let ingester: Ingester;
let publisher: MqttClient;
let sensors: SeededSensor[];
const tenant = randomTenant();
const prefix = randomTopicPrefix();
const alerts: AlertMessage[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  sensors = await seedSensors(db.pool, tenant, 3, { mustFill: 0.75, reportingIntervalS: 1 });
  publisher = await connectPublisher(TEST_MQTT_URL);
  await publisher.subscribeAsync(alertsTopic(tenant, prefix), { qos: 1 });
  publisher.on('message', (_topic, payload) => {
    const a = decodeAlert(payload);
    if (a) alerts.push(a);
  });
  ingester = await startIngester({
    databaseUrl: db.url, mqttUrl: TEST_MQTT_URL, topicPrefix: prefix, clientId: `state-${prefix.slice(5, -1)}`, batchWaitMs: 20,
    logger: createLogger('silent'), silentCheckIntervalMs: 300, sessionExpirySeconds: 60,
  });
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingester?.stop();
  await db?.drop();
});

async function send(sensor: SeededSensor, minutesAgo: number, r: Partial<ReadingInput>): Promise<void> {
  const msg = encodeMessage({ tenantId: tenant, sensorId: sensor.sensorId, time: new Date(Date.now() - minutesAgo * 60_000), ...r }, { format: 'native', prefix });
  await publish(publisher, msg.topic, msg.payload);
}

it('keeps the latest state, detects emptying, raises and publishes alerts once', async () => {
  const [a] = sensors;
  await send(a!, 30, { fillLevel: 0.5, batteryPct: 80 });
  await send(a!, 20, { fillLevel: 0.9, batteryPct: 80 });
  await send(a!, 19, { fillLevel: 0.92, batteryPct: 80 });
  await waitFor('full alert', () => db.pool.query(`SELECT * FROM alerts WHERE tenant_id = $1 AND kind = 'full'`, [tenant]), (r) => r.rows.length > 0);
  await send(a!, 10, { fillLevel: 0.05, batteryPct: 12, flags: { fire: true }, temperatureC: 80 });
  // An older reading arriving late does not overwrite the state.
  await send(a!, 25, { fillLevel: 0.6, batteryPct: 80 });

  const state = await waitFor('state after emptying', () => db.pool.query(`SELECT * FROM container_state WHERE tenant_id = $1 AND container_id = $2`, [tenant, a!.containerId]),
    (r) => r.rows[0]?.fill_level !== undefined && r.rows[0].fill_level < 0.1);
  expect(state.rows[0]).toMatchObject({ sensor_id: a!.sensorId, battery_pct: 12, status: 'fire', flags: 1 });
  expect(state.rows[0].last_emptied_at).not.toBeNull();

  const events = await db.pool.query(`SELECT * FROM collection_events WHERE tenant_id = $1`, [tenant]);
  expect(events.rows).toHaveLength(1);
  expect(events.rows[0]).toMatchObject({ container_id: a!.containerId, source: 'sensor' });
  expect(events.rows[0].fill_before).toBeCloseTo(0.92, 2);

  const rows = await waitFor('alerts', () => db.pool.query(`SELECT kind, resolved_at FROM alerts WHERE tenant_id = $1 AND sensor_id = $2 ORDER BY raised_at`, [tenant, a!.sensorId]),
    (r) => r.rows.some((x) => x.kind === 'fire'));
  // (silent may be open too: reporting interval 1 s and readings from minutes ago)
  const open = rows.rows.filter((x) => x.resolved_at === null && x.kind !== 'silent').map((x) => x.kind).sort();
  expect(open).toEqual(['battery_low', 'fire']);
  expect(rows.rows.find((x) => x.kind === 'full')?.resolved_at).not.toBeNull();

  // The fire persists: still one open fire alert, published once.
  const readingsOf = async (sensorId: string) => Number((await db.pool.query('SELECT count(*) FROM readings WHERE sensor_id = $1', [sensorId])).rows[0].count);
  // the five readings above (the late one included) are stored, then the sixth
  await waitFor('the five readings stored', () => readingsOf(a!.sensorId), (n) => n === 5);
  await send(a!, 5, { fillLevel: 0.06, batteryPct: 12, flags: { fire: true }, temperatureC: 85 });
  await waitFor('the second fire reading stored', () => readingsOf(a!.sensorId), (n) => n === 6);
  // A later reading that raises an alert of its own is the barrier: alerts come in publish order,
  // so once its alert is here, a second fire alert would be here too.
  const barrier = sensors[2]!;
  await send(barrier, 0, { fillLevel: 0.1, batteryPct: 4 });
  await waitFor('the barrier alert', async () => alerts.some((x) => x.kind === 'battery_low' && x.sensorId === barrier.sensorId), (seen) => seen);
  expect(alerts.filter((x) => x.kind === 'fire' && x.sensorId === a!.sensorId)).toHaveLength(1);
  expect(alerts.find((x) => x.kind === 'fire')).toMatchObject({ tenantId: tenant, containerId: a!.containerId, severity: 'critical' });
});

it('raises a silent alert for a sensor quiet for more than 3 intervals, resolved by its next reading', async () => {
  const quiet = sensors[1]!;
  // Reporting interval 1 s: a reading from 10 s ago makes the sensor silent.
  await send(quiet, 10 / 60, { fillLevel: 0.2 });
  await waitFor('silent alert', async () => alerts.filter((x) => x.kind === 'silent' && x.sensorId === quiet.sensorId).length, (n) => n >= 1, 10_000);
  await send(quiet, 0, { fillLevel: 0.21 });
  await waitFor('silent resolved', () => db.pool.query(`SELECT resolved_at FROM alerts WHERE sensor_id = $1 AND kind = 'silent' ORDER BY raised_at LIMIT 1`, [quiet.sensorId]),
    (r) => r.rows[0]?.resolved_at != null, 10_000);
});
