/**
 * Each payload format from publish to row, through the machine's Mosquitto with a random topic
 * prefix: native, SenML, The Things Stack (decoded and both device byte layouts), ChirpStack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { createTestDatabase, randomTenant, randomTopicPrefix, TEST_MQTT_URL, type TestDatabase } from '../../helpers/index.ts';
import { startIngester, type Ingester } from '../../../ingest/index.ts';
import { distanceFromFill, encodeMessage, type EncodeOptions } from '../../../ingest/contracts/index.ts';
import { createLogger } from '../../../platform/logger.ts';
import { connectPublisher, count, GEOMETRY, publish, seedSensors, waitFor, type SeededSensor } from './fixtures.ts';

let db: TestDatabase;
let ingester: Ingester;
let publisher: MqttClient;
let sensors: SeededSensor[];
const tenant = randomTenant();
const prefix = randomTopicPrefix();

beforeAll(async () => {
  db = await createTestDatabase();
  sensors = await seedSensors(db.pool, tenant, 8);
  ingester = await startIngester({
    databaseUrl: db.url, mqttUrl: TEST_MQTT_URL, topicPrefix: prefix, clientId: `ingest-${prefix.slice(0, -1)}`,
    batchWaitMs: 20, logger: createLogger('silent'), silentCheckIntervalMs: 0, sessionExpirySeconds: 60,
  });
  publisher = await connectPublisher(TEST_MQTT_URL);
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingester?.stop();
  await db?.drop();
});

const cases: { name: string; options: EncodeOptions; exact: boolean }[] = [
  { name: 'native', options: { format: 'native' }, exact: true },
  { name: 'senml', options: { format: 'senml' }, exact: true },
  { name: 'ttn decoded_payload', options: { format: 'ttn', payload: 'decoded' }, exact: true },
  { name: 'ttn milesight-em400-mud bytes', options: { format: 'ttn', payload: 'milesight-em400-mud' }, exact: true },
  { name: 'ttn tekelek-tek766 bytes', options: { format: 'ttn', payload: 'tekelek-tek766' }, exact: false },
  { name: 'chirpstack object', options: { format: 'chirpstack', payload: 'decoded' }, exact: true },
  { name: 'chirpstack milesight bytes', options: { format: 'chirpstack', payload: 'milesight-em400-mud', tenantTag: true }, exact: true },
  { name: 'chirpstack tekelek bytes', options: { format: 'chirpstack', payload: 'tekelek-tek766' }, exact: false },
];

describe('every format from publish to row', () => {
  cases.forEach((c, i) => {
    it(c.name, async () => {
      const sensor = sensors[i]!;
      const time = new Date(Date.now() - 60_000 - i * 1000).toISOString();
      const fill = 0.5;
      const distanceMm = distanceFromFill(fill, GEOMETRY);
      const msg = encodeMessage({
        tenantId: tenant, sensorId: sensor.sensorId, time, distanceMm, batteryPct: 77, temperatureC: 12, seq: 40 + i,
        flags: { fire: false, tilt: false, lidOpen: false },
      }, { ...c.options, prefix });
      await publish(publisher, msg.topic, msg.payload);
      const { rows } = await waitFor('the row', () => db.pool.query(
        `SELECT time, container_id, fill_level, distance_mm, battery_pct, temperature_c, flags, seq FROM readings WHERE tenant_id = $1 AND sensor_id = $2`,
        [tenant, sensor.sensorId]), (r) => r.rows.length > 0);
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(row.time.toISOString()).toBe(time);
      expect(row.container_id).toBe(sensor.containerId);
      expect(row.distance_mm).toBe(c.exact ? distanceMm : Math.round(distanceMm / 10) * 10);
      expect(row.fill_level).toBeCloseTo(fill, 1);
      expect(row.battery_pct).toBe(77);
      expect(row.temperature_c).toBe(12);
      expect(row.flags).toBe(0);
      expect(row.seq).toBe(40 + i);
      const state = await db.pool.query(`SELECT fill_level, sensor_id, status FROM container_state WHERE tenant_id = $1 AND container_id = $2`, [tenant, sensor.containerId]);
      expect(state.rows[0]).toMatchObject({ sensor_id: sensor.sensorId, status: 'ok' });
    });
  });

  it('a bad message becomes a dead letter with topic, payload and reason', async () => {
    const topic = `${prefix}waste/v1/${tenant}/sensors/${sensors[0]!.sensorId}/reading`;
    await publish(publisher, topic, '{"time": "2026-01-01T00:00:00Z", "fillLevel": 7}');
    const { rows } = await waitFor('the dead letter', () => db.pool.query(`SELECT * FROM dead_letters WHERE topic = $1`, [topic]), (r) => r.rows.length > 0);
    expect(rows[0]).toMatchObject({ tenant_id: tenant, reason: 'out_of_range' });
    expect(rows[0].detail).toContain('fillLevel');
    expect(rows[0].payload.toString()).toContain('"fillLevel": 7');
    expect(await count(db.pool, 'SELECT count(*) AS n FROM readings WHERE tenant_id = $1', [tenant])).toBe(cases.length);
  });
});
