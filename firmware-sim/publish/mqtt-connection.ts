/**
 * MQTT connections for the publisher: connect with a timeout and turn "no broker there" into an
 * InputError (CLI exit code 2) naming the URL; once connected, mqtt.js reconnects by itself.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { InputError } from '../../platform/errors.ts';

export interface ConnectOptions {
  url: string;
  username?: string;
  password?: string;
  clientId?: string;
  connectTimeoutMs?: number;
}

export async function connectMqtt(o: ConnectOptions): Promise<MqttClient> {
  const client = mqtt.connect(o.url, {
    clientId: o.clientId,
    username: o.username,
    password: o.password,
    connectTimeout: o.connectTimeoutMs ?? 5000,
    reconnectPeriod: 0,
    clean: true,
    // QoS 1 messages awaiting PUBACK are held by the publisher's in-flight window, not queued here.
    queueQoSZero: false,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no CONNACK within ${o.connectTimeoutMs ?? 5000} ms`)), (o.connectTimeoutMs ?? 5000) + 500);
      client.once('connect', () => { clearTimeout(timer); resolve(); });
      client.once('error', (err) => { clearTimeout(timer); reject(err); });
      client.once('close', () => { clearTimeout(timer); reject(new Error('connection closed')); });
    });
  } catch (err) {
    client.end(true);
    throw new InputError(`Cannot reach the MQTT broker at ${o.url}: ${(err as Error).message}`, [
      { name: 'MQTT_URL', reason: 'no broker answered; start Mosquitto or set MQTT_URL' },
    ], { cause: err });
  }
  client.options.reconnectPeriod = 1000;
  client.on('error', () => {}); // reconnects are logged by the publisher's stats, not thrown
  return client;
}

/** Open `count` connections a few at a time (a broker dislikes a thousand CONNECTs at once). */
export async function connectMany(o: ConnectOptions, clientIds: string[], parallel = 50): Promise<MqttClient[]> {
  const clients: MqttClient[] = [];
  try {
    for (let i = 0; i < clientIds.length; i += parallel) {
      const batch = clientIds.slice(i, i + parallel);
      clients.push(...(await Promise.all(batch.map((clientId) => connectMqtt({ ...o, clientId })))));
    }
  } catch (err) {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    throw err;
  }
  return clients;
}
