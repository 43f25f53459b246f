/**
 * MQTT publishers for the benchmark: `clients` connections, each publishing its share of the
 * readings at QoS 1 with at most `window` unacknowledged, encoded through the contract.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { encodeMessage, type EncodeOptions, type ReadingInput } from '../contracts/index.ts';

export interface PublishPlan {
  url: string;
  total: number;
  clients: number;
  window: number;
  reading(i: number): ReadingInput;
  format: EncodeOptions;
  onProgress?(published: number): void;
}

async function connect(url: string, id: string): Promise<MqttClient> {
  const client = mqtt.connect(url, { clientId: id, clean: true, protocolVersion: 4, reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

export async function publishReadings(plan: PublishPlan): Promise<{ seconds: number }> {
  const clients = await Promise.all(Array.from({ length: plan.clients }, (_, c) => connect(plan.url, `bench-pub-${process.pid}-${c}`)));
  const started = process.hrtime.bigint();
  let published = 0;
  await Promise.all(clients.map((client, c) => new Promise<void>((resolve, reject) => {
    // Client c publishes readings c, c + clients, c + 2·clients, ...
    let next = c;
    let outstanding = 0;
    const pump = () => {
      // Corked: the messages of one pump leave the socket in few writes.
      client.stream.cork();
      while (outstanding < plan.window && next < plan.total) {
        const i = next;
        next += plan.clients;
        outstanding++;
        const msg = encodeMessage(plan.reading(i), plan.format);
        client.publish(msg.topic, msg.payload, { qos: 1 }, (err) => {
          if (err) return reject(err);
          outstanding--;
          published++;
          if ((published & 0x3fff) === 0) plan.onProgress?.(published);
          if (next >= plan.total && outstanding === 0) resolve();
          else if (outstanding < plan.window / 2) pump();
        });
      }
      client.stream.uncork();
    };
    pump();
  })));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(clients.map((c) => c.endAsync()));
  return { seconds };
}
