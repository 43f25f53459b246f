/**
 * Hostile input through a real ingester (issue 13 items 9 and 10): oversized and deeply nested
 * payloads become dead letters holding a bounded excerpt, the SHA-256 and the size of the whole,
 * with no error-level log line (no stack trace per payload); a sensor registered to one tenant
 * publishing on another tenant's topic is refused as `wrong_tenant`, naming both.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { pino } from 'pino';
import { createTestDatabase, randomTenant, randomTopicPrefix, TEST_MQTT_URL, type TestDatabase } from '../../helpers/index.ts';
import { startIngester, type Ingester } from '../../../ingest/index.ts';
import { encodeMessage, nativeReadingTopic } from '../../../ingest/contracts/index.ts';
import { DEAD_LETTER_EXCERPT_BYTES } from '../../../ingest/store/readings-writer.ts';
import { connectPublisher, count, publish, seedSensors, waitFor } from './fixtures.ts';

let db: TestDatabase;
let ingester: Ingester;
let publisher: MqttClient;
const tenantA = randomTenant();
const tenantB = randomTenant();
const prefix = randomTopicPrefix();
const logLines: { level: number; msg: string; err?: { stack?: string } }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line) as (typeof logLines)[number]) });
  ingester = await startIngester({
    databaseUrl: db.url, mqttUrl: TEST_MQTT_URL, topicPrefix: prefix, clientId: `hostile-${prefix.slice(5, -1)}`, batchWaitMs: 20,
    logger, silentCheckIntervalMs: 0, sessionExpirySeconds: 60,
  });
  publisher = await connectPublisher(TEST_MQTT_URL);
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingester?.stop();
  await db?.drop();
});

it('oversized and deeply nested payloads: dead letters with excerpt, hash and size; no error log', async () => {
  const [sensor] = await seedSensors(db.pool, tenantA, 1);
  const topic = nativeReadingTopic(tenantA, sensor!.sensorId, prefix);
  const huge = Buffer.from('['.repeat(512 * 1024) + ']'.repeat(512 * 1024));
  const deep = Buffer.from(`{"time":"2026-12-01T10:00:00Z","fillLevel":0.5,"x":${'['.repeat(500)}${']'.repeat(500)}}`);
  const noOffset = Buffer.from('{"time":"2026-12-01T10:00:00","fillLevel":0.5}');
  for (let i = 0; i < 5; i++) await publish(publisher, topic, huge);
  await publish(publisher, topic, deep);
  await publish(publisher, topic, noOffset);
  await waitFor('seven dead letters', () => count(db.pool, 'SELECT count(*) AS n FROM dead_letters'), (n) => n >= 7);

  const { rows } = await db.pool.query<{ reason: string; detail: string; payload: Buffer; payload_size: number; payload_sha256: Buffer; tenant_id: string }>(
    'SELECT reason, detail, payload, payload_size, payload_sha256, tenant_id FROM dead_letters ORDER BY id');
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  expect(rows.slice(0, 5).every((r) => r.reason === 'payload_too_large' && r.payload_size === huge.length
    && r.payload.length === DEAD_LETTER_EXCERPT_BYTES && r.payload_sha256.toString('hex') === sha(huge) && r.tenant_id === tenantA)).toBe(true);
  expect(rows[0]!.detail).toBe(`payload: ${huge.length} bytes exceed the native limit of 4096 bytes`);
  expect(rows[5]).toMatchObject({ reason: 'payload_too_deep', payload_size: deep.length });
  expect(rows[5]!.payload.equals(deep.subarray(0, DEAD_LETTER_EXCERPT_BYTES))).toBe(true);
  expect(rows[6]).toMatchObject({ reason: 'schema', payload_size: noOffset.length });
  expect(rows[6]!.detail).toMatch(/^time: .*offset/);
  expect(rows[6]!.payload.equals(noOffset)).toBe(true);
  // Logged at warn, once per reason per minute, without a stack.
  expect(logLines.filter((l) => l.level >= 50)).toEqual([]);
  expect(logLines.filter((l) => l.msg === 'dead letter')).toHaveLength(3);
  expect(logLines.some((l) => l.err?.stack)).toBe(false);
});

it('a reading on another tenant\'s topic from a sensor registered elsewhere is refused as wrong_tenant', async () => {
  const [own] = await seedSensors(db.pool, tenantB, 1);
  await db.pool.query('DELETE FROM dead_letters');
  // tenantB's sensor publishes under tenantA (a broker without the tenant-bound ACL would pass it).
  const forged = encodeMessage({ tenantId: tenantA, sensorId: own!.sensorId, time: new Date(Date.now() - 60_000), fillLevel: 0.4 }, { format: 'native', prefix });
  const genuine = encodeMessage({ tenantId: tenantB, sensorId: own!.sensorId, time: new Date(Date.now() - 60_000), fillLevel: 0.4 }, { format: 'native', prefix });
  await publish(publisher, forged.topic, forged.payload);
  await publish(publisher, genuine.topic, genuine.payload);
  await waitFor('the dead letter and the genuine row', async () => [
    await count(db.pool, 'SELECT count(*) AS n FROM dead_letters'),
    await count(db.pool, 'SELECT count(*) AS n FROM readings WHERE tenant_id = $1', [tenantB]),
  ], ([dead, stored]) => dead >= 1 && stored >= 1);
  const { rows } = await db.pool.query<{ reason: string; detail: string; tenant_id: string }>('SELECT reason, detail, tenant_id FROM dead_letters');
  expect(rows).toEqual([{
    reason: 'wrong_tenant', tenant_id: tenantA,
    detail: `sensorId: ${own!.sensorId} belongs to tenant ${tenantB}, not to the topic's tenant ${tenantA}`,
  }]);
  expect(await count(db.pool, 'SELECT count(*) AS n FROM readings WHERE tenant_id = $1', [tenantA])).toBe(0);
});
