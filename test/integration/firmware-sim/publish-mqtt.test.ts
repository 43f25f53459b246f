import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { decodeMessage } from '../../../ingest/contracts/index.ts';
import { createLogger } from '../../../platform/logger.ts';
import { NO_FAULTS } from '../../../firmware-sim/model/faults.ts';
import { startSimulatedFleet } from '../../../firmware-sim/publish/start-fleet.ts';
import { syntheticScenario } from '../../../firmware-sim/scenario/synthetic.ts';
import { randomTenant, randomTopicPrefix, TEST_MQTT_URL } from '../../helpers/index.ts';

const START = Date.UTC(2026, 0, 5);
const config = { mqttUrl: TEST_MQTT_URL, mqttUsername: undefined, mqttPassword: undefined, databaseUrl: 'postgres://unused@127.0.0.1:1/none' };
const logger = createLogger('silent');

describe('publishing the fleet to the real Mosquitto', () => {
  let subscriber: MqttClient;
  const received = new Map<string, { topic: string; payload: Buffer }[]>();

  beforeAll(async () => {
    subscriber = await mqtt.connectAsync(TEST_MQTT_URL);
  });
  afterAll(async () => {
    await subscriber.endAsync();
  });

  async function publishAndCollect(format: 'ttn' | 'native' | 'chirpstack' | 'senml', connections: number) {
    const prefix = randomTopicPrefix();
    const list: { topic: string; payload: Buffer }[] = [];
    received.set(prefix, list);
    subscriber.on('message', (topic, payload) => {
      if (topic.startsWith(prefix)) list.push({ topic, payload });
    });
    await subscriber.subscribeAsync(`${prefix}#`, { qos: 1 });
    const scenario = syntheticScenario({ containers: 40, seed: 3, tenant: { id: randomTenant() } });
    const fleet = await startSimulatedFleet({
      config, logger, scenario, speed: Infinity, startMs: START, days: 0.5, format, prefix, connections, closedLoop: false, faults: NO_FAULTS,
    });
    const stats = await fleet.done;
    // QoS 1 to the broker is acknowledged; give the broker a moment to deliver to the subscriber.
    for (let i = 0; i < 50 && list.length < stats.acked; i++) await new Promise((r) => setTimeout(r, 100));
    return { stats, list, prefix, scenario };
  }

  it('delivers every reading (QoS 1) and each decodes with the ingest contract', async () => {
    const { stats, list, prefix, scenario } = await publishAndCollect('ttn', 1);
    expect(stats.failed).toBe(0);
    expect(stats.acked).toBe(stats.sent);
    expect(stats.sent).toBeGreaterThan(40 * 11);
    expect(list.length).toBe(stats.sent);
    const ids = new Set(scenario.sensors.map((s) => s.id));
    for (const m of list) {
      const r = decodeMessage(m.topic, m.payload, { prefix, nowMs: START + 86_400_000 });
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.readings[0].tenantId).toBe(scenario.tenant.id);
        expect(ids.has(r.readings[0].sensorId)).toBe(true);
      }
    }
  });

  it('can use one connection per device', async () => {
    const { stats, list } = await publishAndCollect('native', 40);
    expect(stats.failed).toBe(0);
    expect(list.length).toBe(stats.sent);
  });
});
