/**
 * Shared set-up of the ingest integration tests: a tenant with containers and sensors in a fresh
 * database, an MQTT publisher, and polling helpers.
 */
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type pg from 'pg';

export interface SeededSensor {
  sensorId: string;
  containerId: string;
}

export const GEOMETRY = { emptyDistanceMm: 1500, fullDistanceMm: 300 };

export function devEui(): string {
  return randomBytes(8).toString('hex');
}

/** A tenant with `count` containers, each with one sensor (DevEUI ids). */
export async function seedSensors(pool: pg.Pool, tenantId: string, count: number, options: { mustFill?: number; reportingIntervalS?: number } = {}): Promise<SeededSensor[]> {
  await pool.query(`INSERT INTO tenants (id, name, settings) VALUES ($1, $1, $2) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings`,
    [tenantId, JSON.stringify(options.mustFill === undefined ? {} : { mustFill: options.mustFill })]);
  const sensors = Array.from({ length: count }, (_, i) => ({ sensorId: devEui(), containerId: `c-${i}` }));
  await pool.query(
    `INSERT INTO containers (tenant_id, id, lon, lat, fraction, volume_m3, type)
     SELECT $1, id, 7.42, 43.73, 'residual', 5, 'underground' FROM unnest($2::text[]) AS id`,
    [tenantId, sensors.map((s) => s.containerId)],
  );
  await pool.query(
    `INSERT INTO sensors (tenant_id, id, container_id, model, empty_distance_mm, full_distance_mm, reporting_interval_s)
     SELECT $1, s, c, 'milesight-em400-mud', $4, $5, $6 FROM unnest($2::text[], $3::text[]) AS x(s, c)`,
    [tenantId, sensors.map((s) => s.sensorId), sensors.map((s) => s.containerId), GEOMETRY.emptyDistanceMm, GEOMETRY.fullDistanceMm,
      options.reportingIntervalS ?? 3600],
  );
  return sensors;
}

export async function connectPublisher(url: string): Promise<MqttClient> {
  const client = mqtt.connect(url, { protocolVersion: 5, clientId: `pub-${devEui()}`, clean: true });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

export function publish(client: MqttClient, topic: string, payload: Buffer | string, qos: 0 | 1 = 1): Promise<void> {
  return new Promise((resolve, reject) => client.publish(topic, payload, { qos }, (err) => (err ? reject(err) : resolve())));
}

/** Publish many messages with a bounded number outstanding. */
export async function publishAll(client: MqttClient, messages: { topic: string; payload: Buffer | string }[], window = 500): Promise<void> {
  let next = 0;
  async function lane() {
    while (next < messages.length) {
      const m = messages[next++]!;
      await publish(client, m.topic, m.payload);
    }
  }
  await Promise.all(Array.from({ length: Math.min(window, messages.length) }, lane));
}

export async function waitFor<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

export async function count(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, params);
  return Number(rows[0]!.n);
}
