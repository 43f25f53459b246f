/**
 * A slow database: the readings table is locked by another session while 3,000 readings arrive.
 * The ingester holds at most `maxInFlight` messages (the rest wait in the broker), and stores
 * everything once the lock is gone. A private Mosquitto (deploy/mosquitto/ingest-test.conf): the
 * machine's broker would drop what exceeds its default queue of 1000 messages per client.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { createTestDatabase, randomTenant, randomTopicPrefix, type TestDatabase } from '../../helpers/index.ts';
import { startLocalMosquitto, type LocalMosquitto } from '../../../ingest/bench/local-mosquitto.ts';
import { startIngester, type Ingester } from '../../../ingest/index.ts';
import { encodeMessage } from '../../../ingest/contracts/index.ts';
import { createLogger } from '../../../platform/logger.ts';
import { connectPublisher, count, publishAll, seedSensors, waitFor } from './fixtures.ts';

const TOTAL = 3_000;
const MAX_IN_FLIGHT = 300;
let db: TestDatabase;
let broker: LocalMosquitto;
let ingester: Ingester;
let publisher: MqttClient;
const tenant = randomTenant();
const prefix = randomTopicPrefix();

beforeAll(async () => {
  db = await createTestDatabase();
  broker = await startLocalMosquitto();
  ingester = await startIngester({
    databaseUrl: db.url, mqttUrl: broker.url, topicPrefix: prefix, clientId: `slow-${prefix.slice(5, -1)}`, batchSize: 100, batchWaitMs: 20,
    maxInFlight: MAX_IN_FLIGHT, logger: createLogger('silent'), silentCheckIntervalMs: 0, sessionExpirySeconds: 60,
  });
  publisher = await connectPublisher(broker.url);
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingester?.stop();
  await broker?.stop();
  await db?.drop();
});

it('holds at most maxInFlight messages while the database stalls, then stores all', async () => {
  const sensors = await seedSensors(db.pool, tenant, 10);
  const start = Date.now() - 86_400_000;
  const messages = Array.from({ length: TOTAL }, (_, i) => encodeMessage({
    tenantId: tenant, sensorId: sensors[i % 10]!.sensorId, time: new Date(start + i * 1000), fillLevel: 0.4, flags: {},
  }, { format: 'native', prefix }));

  const locker = await db.pool.connect();
  await locker.query('BEGIN; LOCK TABLE readings IN ACCESS EXCLUSIVE MODE');
  await publishAll(publisher, messages.slice(0, 1000));
  await waitFor('the window to fill', async () => ingester.stats().received, (n) => n >= MAX_IN_FLIGHT, 10_000);
  // Not one more than the window while nothing is acknowledged; that no more arrive later, while
  // the database stalls or after, is the maxUnacknowledged bound checked at the end of the run.
  expect(ingester.stats().received).toBe(MAX_IN_FLIGHT);
  expect(ingester.stats().acknowledged).toBe(0);
  await locker.query('COMMIT');
  locker.release();

  await publishAll(publisher, messages.slice(1000));
  await waitFor('all rows', () => count(db.pool, 'SELECT count(*) AS n FROM readings'), (n) => n >= TOTAL, 30_000);
  expect(await count(db.pool, 'SELECT count(*) AS n FROM readings')).toBe(TOTAL);
  expect(ingester.stats().maxUnacknowledged).toBeLessThanOrEqual(MAX_IN_FLIGHT);
});
