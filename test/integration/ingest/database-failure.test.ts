/**
 * The database connection dies mid-batch (pg_terminate_backend, repeatedly): nothing lost, nothing
 * doubled. Then the same readings are published again: no new rows. Two partitioned writers.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import pg from 'pg';
import { createTestDatabase, randomTenant, randomTopicPrefix, TEST_MQTT_URL, type TestDatabase } from '../../helpers/index.ts';
import { startIngester, type Ingester } from '../../../ingest/index.ts';
import { encodeMessage } from '../../../ingest/contracts/index.ts';
import { createLogger } from '../../../platform/logger.ts';
import { connectPublisher, count, publishAll, seedSensors, waitFor } from './fixtures.ts';

const TOTAL = 5_000;
let db: TestDatabase;
let pool: pg.Pool;
let ingester: Ingester;
let publisher: MqttClient;
const tenant = randomTenant();
const prefix = randomTopicPrefix();
const appName = `ingest-term-${prefix.slice(5, -1)}`;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 3, application_name: appName });
  pool.on('error', () => {});
  ingester = await startIngester({
    pool, mqttUrl: TEST_MQTT_URL, topicPrefix: prefix, clientId: appName, batchSize: 250, batchWaitMs: 20, writers: 2,
    logger: createLogger('silent'), silentCheckIntervalMs: 0, sessionExpirySeconds: 60,
  });
  publisher = await connectPublisher(TEST_MQTT_URL);
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingester?.stop();
  await pool?.end();
  await db?.drop();
});

it('pg_terminate_backend mid-batch loses nothing and doubles nothing; a replay adds no rows', async () => {
  const sensors = await seedSensors(db.pool, tenant, 20);
  const start = Date.now() - 86_400_000;
  const messages = Array.from({ length: TOTAL }, (_, i) => encodeMessage({
    tenantId: tenant, sensorId: sensors[i % 20]!.sensorId, time: new Date(start + Math.floor(i / 20) * 60_000),
    fillLevel: (i % 100) / 100, seq: i, flags: {},
  }, { format: 'native', prefix }));

  let terminations = 0;
  let stopKilling = false;
  const killer = (async () => {
    // Eight terminations, each while a batch transaction is open.
    while (!stopKilling && terminations < 8) {
      const { rowCount } = await db.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND state <> 'idle'`, [appName]);
      terminations += rowCount ?? 0;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await publishAll(publisher, messages);
  await waitFor('all rows', () => count(db.pool, 'SELECT count(*) AS n FROM readings'), (n) => n >= TOTAL, 50_000);
  stopKilling = true;
  await killer;
  expect(terminations).toBeGreaterThan(0);
  expect(await count(db.pool, 'SELECT count(*) AS n FROM readings')).toBe(TOTAL);
  expect(await count(db.pool, 'SELECT count(DISTINCT seq) AS n FROM readings')).toBe(TOTAL);

  // Replay: every message arrives again and is committed as a duplicate.
  const before = ingester.stats();
  await publishAll(publisher, messages);
  await waitFor('the replay to be processed', async () => ingester.stats(), (s) => s.duplicates + s.stored - before.duplicates - before.stored >= TOTAL, 50_000);
  expect(await count(db.pool, 'SELECT count(*) AS n FROM readings')).toBe(TOTAL);
  expect(ingester.stats().stored).toBe(TOTAL);
  expect(await count(db.pool, 'SELECT count(*) AS n FROM dead_letters')).toBe(0);
}, 120_000); // the test's own timeout covers both of its 50 s waits
