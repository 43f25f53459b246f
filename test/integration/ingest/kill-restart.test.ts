/**
 * Exactly once across a crash: the standalone ingester (ingest/main.ts) is killed with SIGKILL at
 * about half of 20,000 published readings and started again with the same client id. The broker
 * (a private Mosquitto with the shipped deploy/mosquitto/ingest-test.conf: no queue count limit)
 * keeps the persistent session; unacknowledged messages are redelivered, and the (sensor, time)
 * key absorbs what had been committed but not acknowledged. Exactly 20,000 rows must result.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { startLocalMosquitto, type LocalMosquitto } from '../../../ingest/bench/local-mosquitto.ts';
import { encodeMessage } from '../../../ingest/contracts/index.ts';
import { connectPublisher, count, publishAll, seedSensors, waitFor } from './fixtures.ts';

const TOTAL = 20_000;
const SENSORS = 50;
const ROOT = new URL('../../../', import.meta.url).pathname;

let broker: LocalMosquitto;
let db: TestDatabase;
let publisher: MqttClient;
const running: ChildProcess[] = [];
const tenant = randomTenant();

function startIngesterProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'ingest/main.ts', '--client-id', `kill-test-${tenant}`, '--metrics-port', '0', '--batch-size', '500'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, MQTT_URL: broker.url, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('"ingest ready"')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`ingester exited with ${code} before it was ready: ${out}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  broker = await startLocalMosquitto();
  db = await createTestDatabase();
  publisher = await connectPublisher(broker.url);
});

afterAll(async () => {
  for (const c of running) await kill(c);
  await publisher?.endAsync();
  await broker?.stop();
  await db?.drop();
});

it('kill at half of 20,000 readings and restart: exactly 20,000 rows', async () => {
  const sensors = await seedSensors(db.pool, tenant, SENSORS);
  const start = Date.now() - 2 * 86_400_000;
  const messages = Array.from({ length: TOTAL }, (_, i) => {
    const s = sensors[i % SENSORS]!;
    return encodeMessage({
      tenantId: tenant, sensorId: s.sensorId, time: new Date(start + Math.floor(i / SENSORS) * 60_000), distanceMm: 300 + (i % 1200),
      batteryPct: 80, seq: i, flags: {},
    }, { format: 'native' });
  });

  const first = await startIngesterProcess();
  await publishAll(publisher, messages.slice(0, TOTAL / 2));
  // Kill while it is busy: some rows committed, more received and not yet acknowledged.
  await waitFor('the first commits', () => count(db.pool, 'SELECT count(*) AS n FROM readings'), (n) => n >= 1000, 30_000);
  await kill(first);
  const atKill = await count(db.pool, 'SELECT count(*) AS n FROM readings');
  // The rest arrives while no ingester runs: the broker queues it in the ingester's session.
  await publishAll(publisher, messages.slice(TOTAL / 2));

  const second = await startIngesterProcess();
  await waitFor('all rows', () => count(db.pool, 'SELECT count(*) AS n FROM readings'), (n) => n >= TOTAL, 60_000);
  // Give redeliveries a moment to show any double.
  await new Promise((r) => setTimeout(r, 500));
  expect(await count(db.pool, 'SELECT count(*) AS n FROM readings')).toBe(TOTAL);
  expect(await count(db.pool, 'SELECT count(DISTINCT seq) AS n FROM readings')).toBe(TOTAL);
  expect(await count(db.pool, 'SELECT count(*) AS n FROM dead_letters')).toBe(0);
  expect(atKill).toBeLessThan(TOTAL);
  console.log(`rows committed when killed: ${atKill} of ${TOTAL}`);
  await new Promise<void>((resolve) => {
    second.once('exit', () => resolve());
    second.kill('SIGTERM');
  });
  expect(second.exitCode).toBe(0);
});
