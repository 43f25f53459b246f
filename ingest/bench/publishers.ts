/**
 * MQTT publishers for the benchmark: `clients` connections, each publishing its share of the
 * readings at QoS 1 with at most `window` unacknowledged, encoded through the contract. Messages
 * are encoded before the clock starts: encoding is the sensors' work, done on their own hardware
 * in reality, and on this 2-core machine it would otherwise be charged to the pipeline.
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
  const client = mqtt.connect(url, { clientId: id, clean: true, protocolVersion: 4, reconnectPeriod: 0, log: () => {} });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

export type EncodedBatch = { topic: string; payload: Buffer }[];

/** Encode every reading up front (see above). */
export function encodeAll(plan: Pick<PublishPlan, 'total' | 'reading' | 'format'>): EncodedBatch {
  return Array.from({ length: plan.total }, (_, i) => encodeMessage(plan.reading(i), plan.format));
}

export async function publishReadings(plan: PublishPlan, encoded: EncodedBatch = encodeAll(plan), onStart?: () => void): Promise<{ seconds: number }> {
  const clients = await Promise.all(Array.from({ length: plan.clients }, (_, c) => connect(plan.url, `bench-pub-${process.pid}-${c}`)));
  onStart?.();
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
        const msg = encoded[i]!;
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
