/**
 * The shipped broker configuration (deploy/mosquitto: mosquitto.conf, acl, demo passwd) on a real
 * Mosquitto of our own (own port, own data directory): a sensor, logged in as
 * `{tenant}/sensors/{sensorId}`, publishes its own readings and nothing else, under its own tenant
 * only, and reads nothing. "Not delivered" is proven by order, not by waiting: the broker handles
 * one client's packets in order, so when a later allowed message has arrived, an earlier one that
 * would have been delivered has arrived too.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { startLocalMosquitto, type LocalMosquitto } from '../../../ingest/bench/local-mosquitto.ts';
import { publish, waitFor } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'acl-test-'));
const passwd = join(dir, 'passwd');
const SENSORS = { a1: 'gemeente-a/sensors/0018b20000000a01', a2: 'gemeente-a/sensors/0018b20000000a02', b1: 'gemeente-b/sensors/0018b20000000a01' };
const topicOf = (user: string, kind = 'reading') => `waste/v1/${user}/${kind}`;
let broker: LocalMosquitto;
const clients: MqttClient[] = [];

function connect(username: string, password: string): Promise<MqttClient> {
  const client = mqtt.connect(broker.url, { protocolVersion: 5, username, password, clientId: `acl-${clients.length}`, reconnectPeriod: 0 });
  clients.push(client);
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

beforeAll(async () => {
  copyFileSync(new URL('../../../deploy/mosquitto/passwd', import.meta.url), passwd);
  for (const user of Object.values(SENSORS)) execFileSync('mosquitto_passwd', ['-b', passwd, user, `pw-${user}`]);
  broker = await startLocalMosquitto({ config: 'deploy', passwordFile: passwd });
});

afterAll(async () => {
  for (const c of clients) await c.endAsync(true).catch(() => {});
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('deploy/mosquitto ACL', () => {
  it('refuses a wrong password and anonymous clients', async () => {
    await expect(connect(SENSORS.a1, 'wrong')).rejects.toThrow(/Not authorized|Bad User Name or Password/i);
    await expect(connect('', '')).rejects.toThrow();
  });

  it('a sensor publishes its own readings only, under its own tenant only', async () => {
    const ingest = await connect('ingest', 'ingest-demo-password');
    const received: string[] = [];
    ingest.on('message', (topic, payload) => received.push(`${topic} ${payload.toString()}`));
    await ingest.subscribeAsync(['waste/v1/+/sensors/+/reading', 'waste/v1/+/sensors/+/senml'], { qos: 1 });
    const a1 = await connect(SENSORS.a1, `pw-${SENSORS.a1}`);

    // Refused: another sensor's topic of the same tenant, and its own sensor id under another tenant.
    for (const topic of [topicOf(SENSORS.a2), topicOf(SENSORS.b1), 'waste/v1/gemeente-a/alerts', 'v3/afval@gemeente-a/devices/x/up']) {
      await expect(publish(a1, topic, "forged")).rejects.toThrow(/Not authorized/);
    }
    await publish(a1, topicOf(SENSORS.a1), 'own reading');
    await publish(a1, topicOf(SENSORS.a1, 'senml'), 'own senml');
    await waitFor('the own readings', async () => received.length, (n) => n >= 2);
    expect(received).toEqual([`${topicOf(SENSORS.a1)} own reading`, `${topicOf(SENSORS.a1, 'senml')} own senml`]);
  });

  it('a sensor reads nothing: not another sensor, not alerts, not #', async () => {
    const ingest = await connect('ingest', 'ingest-demo-password');
    const seenByIngest: string[] = [];
    ingest.on('message', (topic) => seenByIngest.push(topic));
    await ingest.subscribeAsync('waste/v1/+/sensors/+/reading', { qos: 1 });
    const a1 = await connect(SENSORS.a1, `pw-${SENSORS.a1}`);
    const seenByA1: string[] = [];
    a1.on('message', (topic) => seenByA1.push(topic));
    // Mosquitto 2.0 grants these subscriptions and then delivers nothing on them.
    await a1.subscribeAsync([topicOf(SENSORS.a2), topicOf(SENSORS.b1), 'waste/v1/+/alerts', '#'], { qos: 1 });
    const a2 = await connect(SENSORS.a2, `pw-${SENSORS.a2}`);
    const b1 = await connect(SENSORS.b1, `pw-${SENSORS.b1}`);
    await publish(a2, topicOf(SENSORS.a2), 'a2');
    await publish(b1, topicOf(SENSORS.b1), 'b1');
    await publish(ingest, 'waste/v1/gemeente-a/alerts', 'alert');
    await waitFor('the others\' readings at the ingester', async () => seenByIngest.length, (n) => n >= 2);
    // A round trip of a1's own after those: anything the broker had queued to a1 came before it.
    await publish(a1, topicOf(SENSORS.a1), 'marker');
    await waitFor('the marker at the ingester', async () => seenByIngest.length, (n) => n >= 3);
    expect(seenByIngest).toEqual([topicOf(SENSORS.a2), topicOf(SENSORS.b1), topicOf(SENSORS.a1)]);
    expect(seenByA1).toEqual([]);
  });
});
