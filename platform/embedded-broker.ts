/**
 * An in-process MQTT broker (aedes) for a laptop or demo without Mosquitto. aedes speaks MQTT 3.1.1
 * only and has no shared subscriptions, so clients connecting to it must not ask for MQTT 5.
 */
import net from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBroker {
  readonly url: string;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(mqttUrl: string): Promise<EmbeddedBroker> {
  const u = new URL(mqttUrl);
  const port = Number(u.port || 1883);
  const host = u.hostname === 'localhost' ? '127.0.0.1' : u.hostname;
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `mqtt://${host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
