/**
 * Exactly once across a crash: the standalone ingester (ingest/main.ts) is killed with SIGKILL
 * inside the window that matters — a batch committed to PostgreSQL whose PUBACKs were not yet sent
 * (the `--test-hold-acks-after` hook holds it there and prints its sequence numbers) — and started
 * again with the same client id. The broker (a private Mosquitto with the shipped
 * deploy/mosquitto/ingest-test.conf: no queue count limit) keeps the persistent session and
 * redelivers what was not acknowledged, the held batch included; the (sensor, time) key absorbs
 * the held batch (counted as duplicates by the second ingester). Exactly 20,000 rows must result.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { createTestDatabase, freePort, randomTenant, spawnTs, type Spawned, type TestDatabase } from '../../helpers/index.ts';
import { startLocalMosquitto, type LocalMosquitto } from '../../../ingest/bench/local-mosquitto.ts';
import { encodeMessage } from '../../../ingest/contracts/index.ts';
import { connectPublisher, count, publishAll, seedSensors, waitFor } from './fixtures.ts';

const TOTAL = 20_000;
const SENSORS = 50;
/** The first ingester holds the batch that brings its committed messages to this many. */
const HOLD_AFTER = 2000;

let broker: LocalMosquitto;
let db: TestDatabase;
let publisher: MqttClient;
const running: Spawned[] = [];
const tenant = randomTenant();

async function startIngesterProcess(args: string[]): Promise<Spawned> {
  const child = spawnTs('ingest/main.ts', { DATABASE_URL: db.url, MQTT_URL: broker.url, LOG_LEVEL: 'warn' },
    ['--client-id', `kill-test-${tenant}`, '--batch-size', '500', '--writers', '1', ...args]);
  running.push(child);
  await child.waitFor(/"ingest ready"/);
  return child;
}

/** One counter or gauge of the ingester's Prometheus endpoint (summed over labels). */
async function metric(port: number, name: string): Promise<number> {
  const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return body.split('\n').filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

beforeAll(async () => {
  broker = await startLocalMosquitto();
  db = await createTestDatabase();
  publisher = await connectPublisher(broker.url);
});

afterAll(async () => {
  for (const c of running) await c.stop('SIGKILL');
  await publisher?.endAsync();
  await broker?.stop();
  await db?.drop();
});

it('kill between commit and PUBACK, restart: exactly 20,000 rows, the held batch redelivered and absorbed', async () => {
  const sensors = await seedSensors(db.pool, tenant, SENSORS);
  const start = Date.now() - 2 * 86_400_000;
  const messages = Array.from({ length: TOTAL }, (_, i) => {
    const s = sensors[i % SENSORS]!;
    return encodeMessage({
      tenantId: tenant, sensorId: s.sensorId, time: new Date(start + Math.floor(i / SENSORS) * 60_000), distanceMm: 300 + (i % 1200),
      batteryPct: 80, seq: i, flags: {},
    }, { format: 'native' });
  });

  const first = await startIngesterProcess(['--metrics-port', '0', '--test-hold-acks-after', String(HOLD_AFTER)]);
  await publishAll(publisher, messages.slice(0, TOTAL / 2));
  await first.waitFor(/"ingest test hook: holding acks"/, 40_000);
  const hookLine = first.output().split('\n').find((l) => l.includes('ingest test hook: holding acks'))!;
  const held = (JSON.parse(hookLine) as { seqs: number[] }).seqs;
  // The kill lands while committed-but-unacknowledged work exists: the held batch is in the
  // database, and the broker has had no PUBACK for it.
  expect(held.length).toBeGreaterThan(0);
  const committedOfHeld = await count(db.pool, 'SELECT count(*) AS n FROM readings WHERE seq = ANY($1::int[])', [held]);
  expect(committedOfHeld).toBe(held.length);
  await first.stop('SIGKILL');
  const atKill = await count(db.pool, 'SELECT count(*) AS n FROM readings');
  // The rest arrives while no ingester runs: the broker queues it in the ingester's session.
  await publishAll(publisher, messages.slice(TOTAL / 2));

  const metricsPort = await freePort();
  const second = await startIngesterProcess(['--metrics-port', String(metricsPort)]);
  await waitFor('all rows', () => count(db.pool, 'SELECT count(*) AS n FROM readings'), (n) => n >= TOTAL, 45_000);
  // Nothing more will come once every message the second ingester received is committed.
  await waitFor('the second ingester idle', async () => {
    const [received, stored, duplicates] = await Promise.all(['ingest_messages_received_total', 'ingest_readings_stored_total', 'ingest_readings_duplicate_total']
      .map((name) => metric(metricsPort, name)));
    return { received, done: stored + duplicates, inFlight: await metric(metricsPort, 'ingest_inflight_messages') };
  }, (m) => m.received > 0 && m.received === m.done && m.inFlight === 0, 20_000);
  expect(await count(db.pool, 'SELECT count(*) AS n FROM readings')).toBe(TOTAL);
  expect(await count(db.pool, 'SELECT count(DISTINCT seq) AS n FROM readings')).toBe(TOTAL);
  expect(await count(db.pool, 'SELECT count(*) AS n FROM dead_letters')).toBe(0);
  // The held batch came back from the broker and was recognised as already stored.
  expect(await metric(metricsPort, 'ingest_readings_duplicate_total')).toBeGreaterThanOrEqual(held.length);
  console.log(`killed with ${atKill} of ${TOTAL} rows committed, ${held.length} of them committed and not acknowledged`);
  expect(await second.stop('SIGTERM')).toBe(0);
}, 120_000);
