/**
 * Where encoded messages go. `MqttSink` publishes with QoS 1 over one or many connections and keeps
 * a bounded window of messages awaiting PUBACK (backpressure instead of an unbounded queue);
 * `NullSink` only counts bytes, so a benchmark can measure the simulator and encoders alone.
 */
import type { MqttClient } from 'mqtt';
import type { EncodedMessage } from '../../ingest/contracts/index.ts';

export interface MessageSink {
  /** Resolves at once unless the in-flight window is full. */
  send(message: EncodedMessage, sensorIndex: number): Promise<void> | void;
  /** Wait for every message sent so far to be acknowledged. */
  flush(): Promise<void>;
  close(): Promise<void>;
  readonly acked: number;
  readonly failed: number;
  readonly bytes: number;
}

export class NullSink implements MessageSink {
  acked = 0;
  failed = 0;
  bytes = 0;
  send(message: EncodedMessage): void {
    this.acked++;
    this.bytes += message.payload.length + message.topic.length;
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

export class MqttSink implements MessageSink {
  acked = 0;
  failed = 0;
  bytes = 0;
  lastError: Error | undefined;
  private inflight = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly clients: MqttClient[], private readonly maxInflight = 2000) {}

  send(message: EncodedMessage, sensorIndex: number): Promise<void> | void {
    const client = this.clients[sensorIndex % this.clients.length];
    this.cork(client);
    this.inflight++;
    this.bytes += message.payload.length + message.topic.length;
    client.publish(message.topic, message.payload, { qos: 1 }, (err) => {
      this.inflight--;
      if (err) {
        this.failed++;
        this.lastError = err;
      } else this.acked++;
      if (this.waiters.length && this.inflight < this.maxInflight) this.waiters.shift()!();
      if (this.inflight === 0) while (this.waiters.length) this.waiters.shift()!();
    });
    if (this.inflight >= this.maxInflight) return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Hold the socket's writes until the current burst of synchronous sends is over, then write them
   * in one go: one syscall for many small PUBLISH packets instead of one each.
   */
  private readonly corked = new Set<MqttClient>();
  private cork(client: MqttClient): void {
    if (this.corked.has(client)) return;
    const stream = client.stream as unknown as { cork?: () => void; uncork?: () => void } | undefined;
    if (!stream?.cork || !stream.uncork) return;
    stream.cork();
    this.corked.add(client);
    setImmediate(() => {
      this.corked.delete(client);
      stream.uncork!();
    });
  }

  async flush(): Promise<void> {
    while (this.inflight > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.endAsync()));
  }
}
