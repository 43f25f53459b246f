/**
 * The subscription watchdog on a real broker (issue 13 item 1): the broker stops delivering on a
 * subscription the source still believes in (here the test unsubscribes behind the source's back,
 * as the broker restart did when it lost the `$share/` subscriptions), traffic is expected, and
 * the watchdog raises the alarm, subscribes again, and clears the alarm once messages flow.
 * Checks are called directly (no timers); the silence threshold is 1 s.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { pino } from 'pino';
import client from 'prom-client';
import { randomTopicPrefix, TEST_MQTT_URL } from '../../helpers/index.ts';
import { ingestMetrics } from '../../../ingest/metrics.ts';
import { startMqttSource, type MqttSource, type SourceMessage } from '../../../ingest/source/mqtt-source.ts';
import { startSubscriptionWatchdog, type Watchdog } from '../../../ingest/source/subscription-watchdog.ts';
import { connectPublisher, publish, waitFor } from './fixtures.ts';

const prefix = randomTopicPrefix();
const subscription = `$share/watch/${prefix}w/#`;
let source: MqttSource;
let publisher: MqttClient;
let watchdog: Watchdog;
const received: SourceMessage[] = [];
const logLines: { level: number; msg: string; reason?: string }[] = [];
const SILENCE_MS = 1000;

beforeAll(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as (typeof logLines)[number]) });
  source = startMqttSource({
    url: TEST_MQTT_URL, clientId: `watch-${prefix.slice(5, -1)}`, subscriptions: [subscription], receiveMaximum: 100, sessionExpirySeconds: 30,
    logger, onMessage: (m) => received.push(m),
  });
  await source.ready;
  publisher = await connectPublisher(TEST_MQTT_URL);
  watchdog = startSubscriptionWatchdog({
    source, expectedPerSecond: async () => 100, metrics: ingestMetrics(), logger, rules: { minSilenceMs: SILENCE_MS, factor: 10 },
  }, 3_600_000);
});

afterAll(async () => {
  watchdog?.stop();
  await publisher?.endAsync();
  await source?.client.endAsync(true);
});

const stalled = async () => (await client.register.getSingleMetric('ingest_subscription_stalled')!.get()).values
  .find((v) => v.labels.subscription === subscription)?.value;

it('a subscription the broker no longer delivers on: alarm, forced SUBSCRIBE, delivers again', async () => {
  await publish(publisher, `${prefix}w/1`, 'a');
  await waitFor('the first message', async () => received.length, (n) => n >= 1);
  source.acknowledge(received);
  await watchdog.check();
  expect(await stalled()).toBe(0);

  // The broker forgets the subscription; MQTT.js and the source's book do not know.
  await source.client.unsubscribeAsync(subscription);
  await publish(publisher, `${prefix}w/2`, 'lost');
  const lastMessageAt = Math.max(...source.subscriptions().map((s) => s.lastMessageAtMs ?? 0));
  await waitFor('the silence threshold', async () => Date.now(), (t) => t > lastMessageAt + SILENCE_MS + 50, 5000);
  await watchdog.check();
  expect(await stalled()).toBe(1);
  expect(logLines.filter((l) => l.level === 50 && l.reason === 'fleet_silent')).toHaveLength(1);

  // The watchdog's SUBSCRIBE went to the broker: messages arrive again and the alarm clears.
  await publish(publisher, `${prefix}w/3`, 'again');
  await waitFor('a message after the forced SUBSCRIBE', async () => received.map((m) => m.payload.toString()), (p) => p.includes('again'));
  source.acknowledge(received);
  expect(received.map((m) => m.payload.toString())).not.toContain('lost');
  await watchdog.check();
  expect(await stalled()).toBe(0);
  expect(logLines.some((l) => l.msg === 'mqtt subscription delivers again')).toBe(true);
});
