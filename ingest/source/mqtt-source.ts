/**
 * MQTT source: MQTT 5, QoS 1, persistent session (clean: false + session expiry), a fixed client
 * id and shared subscriptions, with the PUBACK of each message deferred until the caller says the
 * message is durable.
 *
 * Why the deferral is done this way: MQTT.js sends the PUBACK when `handleMessage`'s callback is
 * called, but it also reads the next packet only after that callback. Holding the callback until
 * the batch commits would therefore allow one message per batch. Instead the callback is called at
 * once with a marker error (MQTT.js then skips its PUBACK and keeps reading, see
 * mqtt/build/lib/handlers/publish.js), and `acknowledge()` later writes the PUBACKs of a whole
 * batch to the connection's stream as one buffer (4 bytes each: MQTT 5 allows leaving out reason
 * code 0), which is also far cheaper than one packet write per message. The broker keeps
 * at most `receiveMaximum` unacknowledged messages in flight to us: that is the back-pressure bound.
 * Mosquitto 2.0.11 was seen to exceed it once PUBACKs flow (5,000 in flight with a window of 100),
 * so the bound is also enforced here: at the limit, the callback is held back, MQTT.js stops
 * reading, and TCP pushes back on the broker until acknowledgements free room.
 * An ack from before a reconnect is dropped: the broker redelivers those messages in the resumed
 * session and the database's (sensor, time) key makes the redelivery harmless.
 *
 * Subscriptions are made again on every connect, whatever the CONNACK's sessionPresent says, with
 * MQTT.js's own resubscribe bookkeeping switched off (see subscriptions.ts for the broker restart
 * that made this necessary). A SUBACK that grants nothing is logged as an error and retried.
 */
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import type { Logger } from '../../platform/logger.ts';
import { SubscriptionBook, subscribeAll, type SubscribeOutcome, type SubscriptionStatus } from './subscriptions.ts';

export interface SourceMessage {
  topic: string;
  payload: Buffer;
  receivedAtMs: number;
  /** QoS 1 packet id; undefined for QoS 0 (nothing to acknowledge). */
  messageId: number | undefined;
  /** The connection it arrived on: a PUBACK is only valid on that one. */
  connection: number;
}

export interface MqttSourceOptions {
  url: string;
  username?: string;
  password?: string;
  clientId: string;
  /** Topic filters (already `$share/...` when shared). */
  subscriptions: string[];
  /** Unacknowledged messages the broker may have in flight to us (MQTT 5 receive maximum). */
  receiveMaximum: number;
  /** How long the broker keeps the session (and queues messages) while we are away. */
  sessionExpirySeconds: number;
  /**
   * 5 (default) or 4 for brokers that speak MQTT 3.1.1 only (the embedded aedes broker of
   * `npm start`): no session expiry or receive maximum there; the in-flight bound is then kept by
   * this client alone, and the PUBACK bytes are the same.
   */
  protocolVersion?: 4 | 5;
  /** How long to wait before subscribing again after a SUBACK that did not grant every filter. */
  resubscribeRetryMs?: number;
  logger: Logger;
  onMessage(message: SourceMessage): void;
  /** After each SUBACK (every connect, every forced resubscribe). */
  onSubscribed?(outcome: SubscribeOutcome): void;
}

export interface MqttSource {
  readonly client: MqttClient;
  /** Resolves after the first CONNACK and SUBACK. */
  ready: Promise<void>;
  publish(topic: string, payload: Buffer): Promise<void>;
  /** Send the PUBACKs of these messages (those from an earlier connection are skipped: redelivered). */
  acknowledge(messages: readonly SourceMessage[]): void;
  /** Per subscription: granted on this connection, when it last delivered (for the watchdog). */
  subscriptions(): SubscriptionStatus[];
  /** SUBSCRIBE every filter now, on the current connection (the watchdog's remedy). */
  resubscribe(): Promise<SubscribeOutcome | undefined>;
  close(): Promise<void>;
}

class DeferredAck extends Error {}
const DEFERRED = new DeferredAck('puback deferred until commit');

const PUBACK = 0x40;

export function startMqttSource(options: MqttSourceOptions): MqttSource {
  const log = options.logger;
  let generation = 0;
  const v5 = (options.protocolVersion ?? 5) === 5;
  const client = mqtt.connect(options.url, {
    protocolVersion: v5 ? 5 : 4,
    clientId: options.clientId,
    clean: false,
    username: options.username,
    password: options.password,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    keepalive: 30,
    // Our own subscribe on every connect replaces MQTT.js's: its record of "already subscribed"
    // survives a broker restart that lost the subscription and makes a repeat subscribe a no-op.
    resubscribe: false,
    // MQTT.js logs every packet through `debug`; even switched off that costs per message.
    log: () => {},
    ...(v5 ? { properties: { sessionExpiryInterval: options.sessionExpirySeconds, receiveMaximum: options.receiveMaximum } } : {}),
  });
  const book = new SubscriptionBook(options.subscriptions);
  let unacknowledged = 0;
  let heldCallback: (() => void) | undefined;
  const resumeBelow = Math.max(1, Math.floor(options.receiveMaximum * 0.9));
  const release = () => {
    const held = heldCallback;
    heldCallback = undefined;
    held?.();
  };

  client.handleMessage = (packet: IPublishPacket, callback: (err?: Error) => void) => {
    const receivedAtMs = Date.now();
    book.delivered(packet.topic, receivedAtMs);
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    if (packet.qos === 0 || packet.messageId === undefined) {
      options.onMessage({ topic: packet.topic, payload, receivedAtMs, messageId: undefined, connection: generation });
      callback();
      return;
    }
    unacknowledged++;
    options.onMessage({ topic: packet.topic, payload, receivedAtMs, messageId: packet.messageId, connection: generation });
    if (unacknowledged < options.receiveMaximum) callback(DEFERRED);
    else heldCallback = () => callback(DEFERRED);
  };

  client.on('close', () => {
    generation++;
    // The broker redelivers what was unacknowledged on the next connection.
    unacknowledged = 0;
    book.disconnected();
    release();
  });
  client.on('error', (err) => log.warn({ err: err.message }, 'mqtt error'));
  client.on('offline', () => log.warn('mqtt offline, reconnecting'));

  let closing = false;
  let retryTimer: NodeJS.Timeout | undefined;
  const retryMs = options.resubscribeRetryMs ?? 5000;

  /** SUBSCRIBE all filters on the current connection; logs what the broker did not grant. */
  async function subscribe(): Promise<SubscribeOutcome> {
    const outcome = await subscribeAll(client, book.subscriptions);
    book.recordSuback(outcome, Date.now());
    const notGranted = [...outcome.refused, ...outcome.missing];
    if (notGranted.length > 0 && !closing && client.connected) {
      // A refused filter (ACL, no shared subscriptions) comes back as a code >= 0x80; a filter the
      // SUBACK leaves out was not subscribed at all. Either way those readings would not arrive.
      log.error({ refused: outcome.refused, missing: outcome.missing, err: outcome.error, retryInMs: retryMs },
        'mqtt subscriptions not granted; those formats are not ingested until a subscribe succeeds (check the broker ACL)');
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (client.connected && !closing) void subscribe();
      }, retryMs);
      retryTimer.unref();
    }
    options.onSubscribed?.(outcome);
    return outcome;
  }

  const ready = new Promise<void>((resolve, reject) => {
    let first = true;
    client.on('connect', (connack) => {
      log.info({ sessionPresent: connack.sessionPresent, clientId: options.clientId }, 'mqtt connected');
      void subscribe().then((outcome) => {
        if (!first) return;
        if (outcome.granted.length === 0) {
          const reason = outcome.error ?? `broker granted none of ${book.subscriptions.join(', ')}`;
          reject(new Error(`MQTT subscribe failed: ${reason}`));
          return;
        }
        first = false;
        resolve();
      });
    });
  });

  return {
    client,
    ready,
    publish(topic, payload) {
      return new Promise((resolve, reject) => {
        client.publish(topic, payload, { qos: 1 }, (err) => (err ? reject(err) : resolve()));
      });
    },
    acknowledge(messages) {
      if (!client.connected) return;
      let n = 0;
      for (const m of messages) if (m.messageId !== undefined && m.connection === generation) n++;
      if (n === 0) return;
      const acks = Buffer.allocUnsafe(4 * n);
      let at = 0;
      for (const m of messages) {
        if (m.messageId === undefined || m.connection !== generation) continue;
        acks[at] = PUBACK;
        acks[at + 1] = 2;
        acks.writeUInt16BE(m.messageId, at + 2);
        at += 4;
      }
      client.stream.write(acks);
      unacknowledged -= n;
      if (heldCallback && unacknowledged < resumeBelow) release();
    },
    subscriptions: () => book.status(),
    resubscribe: () => (client.connected ? subscribe() : Promise.resolve(undefined)),
    close() {
      closing = true;
      clearTimeout(retryTimer);
      return new Promise((resolve) => client.end(false, {}, () => resolve()));
    },
  };
}
