/**
 * The MQTT source acknowledges nothing by itself: messages not passed to `acknowledge()` come back
 * after a reconnect of the persistent session, acknowledged ones do not. Guards the reliance on
 * MQTT.js's handleMessage behaviour (see ingest/source/mqtt-source.ts) across upgrades.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { startLocalMosquitto, type LocalMosquitto } from '../../../ingest/bench/local-mosquitto.ts';
import { startMqttSource, type SourceMessage } from '../../../ingest/source/mqtt-source.ts';
import { createLogger } from '../../../platform/logger.ts';
import { connectPublisher, publishAll, waitFor } from './fixtures.ts';

let broker: LocalMosquitto;
let publisher: MqttClient;

beforeAll(async () => {
  broker = await startLocalMosquitto();
  publisher = await connectPublisher(broker.url);
});

afterAll(async () => {
  await publisher?.endAsync();
  await broker?.stop();
});

function source(received: SourceMessage[]) {
  return startMqttSource({
    url: broker.url, clientId: 'source-test', subscriptions: ['$share/ingest/src/#'], receiveMaximum: 1000, sessionExpirySeconds: 60,
    logger: createLogger('silent'), onMessage: (m) => received.push(m),
  });
}

it('redelivers what was not acknowledged, and only that', async () => {
  const first: SourceMessage[] = [];
  const a = source(first);
  await a.ready;
  await publishAll(publisher, Array.from({ length: 100 }, (_, i) => ({ topic: `src/${i}`, payload: String(i) })));
  await waitFor('100 messages', async () => first.length, (n) => n >= 100);
  a.acknowledge(first.filter((m) => Number(m.payload.toString()) % 2 === 0));
  // A graceful end writes the PUBACKs before DISCONNECT on the same connection: the broker has
  // them all when the session ends (a forced end could drop them on the floor).
  await a.client.endAsync(false);

  const second: SourceMessage[] = [];
  const b = source(second);
  await b.ready;
  await waitFor('redelivery', async () => second.length, (n) => n >= 50);
  // A message published now is delivered after everything the session held: once it is here,
  // no further redelivery is on its way.
  await publishAll(publisher, [{ topic: 'src/marker', payload: 'marker' }]);
  await waitFor('the marker', async () => second.some((m) => m.payload.toString() === 'marker'), (seen) => seen);
  const redelivered = second.filter((m) => m.payload.toString() !== 'marker');
  expect(redelivered.map((m) => Number(m.payload.toString())).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => 2 * i + 1));
  b.acknowledge(second);
  await b.close();
});
