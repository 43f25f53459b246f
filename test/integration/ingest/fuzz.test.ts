/**
 * Fuzz: 1,000 random and mutated payloads on every reading topic (fast-check, fixed seed). The
 * ingester keeps running, and every message ends either stored or dead-lettered: the counts add up
 * to what was published, and match what the contract's decoder says about each message.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MqttClient } from 'mqtt';
import { createTestDatabase, randomTenant, randomTopicPrefix, TEST_MQTT_URL, type TestDatabase } from '../../helpers/index.ts';
import { startIngester, type Ingester } from '../../../ingest/index.ts';
import { createMessageDecoder, encodeMessage, type EncodeOptions } from '../../../ingest/contracts/index.ts';
import { createLogger } from '../../../platform/logger.ts';
import { connectPublisher, count, devEui, publishAll, seedSensors, waitFor } from './fixtures.ts';

const RUNS = 1_000;
let db: TestDatabase;
let ingester: Ingester;
let publisher: MqttClient;
const tenant = randomTenant();
const prefix = randomTopicPrefix();

beforeAll(async () => {
  db = await createTestDatabase();
  ingester = await startIngester({
    databaseUrl: db.url, mqttUrl: TEST_MQTT_URL, topicPrefix: prefix, clientId: `fuzz-${prefix.slice(5, -1)}`, batchWaitMs: 20,
    logger: createLogger('silent'), silentCheckIntervalMs: 0, sessionExpirySeconds: 60,
  });
  publisher = await connectPublisher(TEST_MQTT_URL);
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingester?.stop();
  await db?.drop();
});

const FORMATS: EncodeOptions[] = [
  { format: 'native' }, { format: 'senml' }, { format: 'ttn', payload: 'decoded' }, { format: 'ttn', payload: 'milesight-em400-mud' },
  { format: 'ttn', payload: 'tekelek-tek766' }, { format: 'chirpstack', payload: 'decoded' }, { format: 'chirpstack', payload: 'tekelek-tek766' },
];

const mutation = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('random-bytes' as const), bytes: fc.uint8Array({ maxLength: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('random-text' as const), text: fc.string({ maxLength: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('flip-byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('json-field' as const), path: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unknown-sensor' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bad-topic' as const }) },
);

const spec = fc.record({
  format: fc.constantFrom(...FORMATS),
  sensor: fc.nat({ max: 9 }),
  fill: fc.double({ min: 0, max: 1.2, noNaN: true }),
  battery: fc.integer({ min: 0, max: 100 }),
  temperature: fc.integer({ min: -20, max: 90 }),
  flags: fc.record({ fire: fc.boolean(), tilt: fc.boolean(), lidOpen: fc.boolean() }),
  futureHours: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 48 }) }),
  mutation,
});

function mutateJson(payload: Buffer, path: number, value: unknown): Buffer {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString());
  } catch {
    return payload;
  }
  // Replace one value somewhere in the document (depth-first order).
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        slots.push({ parent: node as Record<string, unknown>, key: Array.isArray(node) ? Number(k) : k });
        walk(v);
      }
    }
  };
  walk(doc);
  if (slots.length === 0) return Buffer.from(JSON.stringify(value));
  const slot = slots[path % slots.length]!;
  (slot.parent as Record<string | number, unknown>)[slot.key] = value;
  return Buffer.from(JSON.stringify(doc));
}

it('1,000 random and mutated payloads: each stored or dead-lettered, counts add up', async () => {
  const sensors = await seedSensors(db.pool, tenant, 10);
  const specs = fc.sample(spec, { numRuns: RUNS, seed: 20261125 });
  const base = Date.now() - 3 * 86_400_000;
  const messages = specs.map((s, i) => {
    const sensorId = s.mutation.kind === 'unknown-sensor' ? devEui() : sensors[s.sensor]!.sensorId;
    const time = s.futureHours > 0 ? new Date(Date.now() + s.futureHours * 3_600_000) : new Date(base + i * 1000);
    const distanceMm = Math.round(1500 - s.fill * 1200);
    let { topic, payload } = encodeMessage({
      tenantId: tenant, sensorId, time, distanceMm, batteryPct: s.battery, temperatureC: s.temperature, seq: i,
      flags: s.format.payload === 'milesight-em400-mud' ? { fire: s.flags.fire, tilt: s.flags.tilt } : s.flags,
    }, { ...s.format, prefix });
    const m = s.mutation;
    if (m.kind === 'random-bytes') payload = Buffer.from(m.bytes);
    if (m.kind === 'random-text') payload = Buffer.from(m.text);
    if (m.kind === 'truncate') payload = payload.subarray(0, m.at % (payload.length + 1));
    if (m.kind === 'flip-byte' && payload.length > 0) {
      payload = Buffer.from(payload);
      payload[m.at % payload.length] = m.value;
    }
    if (m.kind === 'json-field') payload = mutateJson(payload, m.path, m.value);
    if (m.kind === 'bad-topic') topic = topic.replace(`/${tenant}/`, '/Not_A_Tenant/').replace(`@${tenant}/`, '@Not_A_Tenant/');
    return { topic, payload };
  });

  // The oracle: what the contract says about each message (sensor lookup on top).
  const known = new Set(sensors.map((s) => s.sensorId));
  const keys = new Set<string>();
  let expectedDead = 0;
  // LoRaWAN uplinks on the installation broker get the tenant their DevEUI is registered in
  // (every known one: `tenant`), not the network server's tenant in the topic or event.
  const decode = createMessageDecoder(prefix);
  for (const msg of messages) {
    const res = decode(msg.topic, msg.payload, Date.now(), () => tenant).result;
    if (!res.ok || res.readings.some((r) => r.tenantId !== tenant || !known.has(r.sensorId))) expectedDead++;
    else for (const r of res.readings) keys.add(`${r.sensorId}|${r.time}`);
  }
  expect(expectedDead).toBeGreaterThan(100);
  expect(keys.size).toBeGreaterThan(300);

  await publishAll(publisher, messages);
  await waitFor('every message to be committed', async () => ingester.stats().acknowledged, (n) => n >= RUNS, 40_000);
  const rows = await count(db.pool, 'SELECT count(*) AS n FROM readings');
  const dead = await count(db.pool, 'SELECT count(*) AS n FROM dead_letters');
  const stats = ingester.stats();
  expect(stats.received).toBe(RUNS);
  expect(stats.acknowledged).toBe(RUNS);
  expect(dead).toBe(expectedDead);
  expect(rows).toBe(keys.size);
  // Every message ends in exactly one place: dead-lettered, or stored (a message's readings that
  // collide with an earlier one's (sensor, time) count as duplicates, not as new rows).
  expect(stats.deadLettered).toBe(dead);
  expect(stats.stored).toBe(rows);
  const reasons = await db.pool.query(`SELECT reason, count(*)::int AS n FROM dead_letters GROUP BY reason ORDER BY reason`);
  console.log('dead letters by reason', Object.fromEntries(reasons.rows.map((r) => [r.reason, r.n])));
});
