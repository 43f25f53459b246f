/**
 * The source's own record of its subscriptions: what the broker granted on the current connection
 * and when each one last delivered. Kept here, not in MQTT.js, because MQTT.js's `resubscribe`
 * bookkeeping believes a subscription still exists after a broker restart that lost it (Mosquitto
 * 2.0.11 restores a persisted session without its `$share/` subscriptions, and MQTT.js then sends
 * nothing for a repeated subscribe: `granted []`). The source switches that bookkeeping off and
 * subscribes every filter on every connect; this record is what the watchdog reads.
 */
import type { MqttClient } from 'mqtt';
import { filterOfSubscription, topicMatches } from './topic-filter.ts';

export interface SubscriptionStatus {
  /** As subscribed (`$share/{group}/…` included). */
  subscription: string;
  /** The broker granted it on the current connection (a SUBACK reason code below 0x80). */
  granted: boolean;
  /** When the last SUBACK granting it arrived; undefined before the first. */
  grantedAtMs: number | undefined;
  /** When it last delivered a message; undefined when it never did in this process. */
  lastMessageAtMs: number | undefined;
  firstMessageAtMs: number | undefined;
  /** Messages delivered since the process started. */
  messages: number;
}

export interface SubscribeOutcome {
  granted: string[];
  refused: string[];
  /** Neither granted nor refused: the SUBACK did not mention them (or no SUBACK came). */
  missing: string[];
  error: string | undefined;
}

const MAX_CACHED_TOPICS = 200_000;

export class SubscriptionBook {
  private readonly entries: SubscriptionStatus[];
  private readonly filters: string[];
  /** Topic → index of the subscription it matched (a sensor keeps its topic for life). */
  private readonly topicIndex = new Map<string, number>();

  constructor(subscriptions: readonly string[]) {
    this.entries = subscriptions.map((subscription) => ({
      subscription, granted: false, grantedAtMs: undefined, lastMessageAtMs: undefined, firstMessageAtMs: undefined, messages: 0,
    }));
    this.filters = subscriptions.map(filterOfSubscription);
  }

  get subscriptions(): string[] {
    return this.entries.map((e) => e.subscription);
  }

  /** Count a delivered message against the first subscription whose filter matches its topic. */
  delivered(topic: string, atMs: number): void {
    let i = this.topicIndex.get(topic);
    if (i === undefined) {
      i = this.filters.findIndex((f) => topicMatches(f, topic));
      if (this.topicIndex.size >= MAX_CACHED_TOPICS) this.topicIndex.clear();
      this.topicIndex.set(topic, i);
    }
    const e = this.entries[i];
    if (!e) return;
    e.messages++;
    e.lastMessageAtMs = atMs;
    e.firstMessageAtMs ??= atMs;
  }

  /** The connection closed: nothing is granted until the next SUBACK. */
  disconnected(): void {
    for (const e of this.entries) e.granted = false;
  }

  recordSuback(outcome: SubscribeOutcome, atMs: number): void {
    const granted = new Set(outcome.granted);
    for (const e of this.entries) {
      e.granted = granted.has(e.subscription);
      if (e.granted) e.grantedAtMs = atMs;
    }
  }

  status(): SubscriptionStatus[] {
    return this.entries.map((e) => ({ ...e }));
  }
}

/**
 * SUBSCRIBE every filter, whatever MQTT.js or the broker believe (the client is created with
 * `resubscribe: false`, so MQTT.js keeps no list that could turn this into a no-op), and sort the
 * SUBACK's reason codes into granted, refused and missing.
 */
export function subscribeAll(client: MqttClient, subscriptions: readonly string[]): Promise<SubscribeOutcome> {
  return new Promise((resolve) => {
    client.subscribe([...subscriptions], { qos: 1 }, (err, _subs, packet) => {
      // MQTT.js types SUBACK codes as numbers or objects; Mosquitto's come as numbers.
      const codes = (packet?.granted ?? []).map((g) => (typeof g === 'number' ? g : (g as { qos?: number }).qos));
      const outcome: SubscribeOutcome = { granted: [], refused: [], missing: [], error: err?.message };
      subscriptions.forEach((s, i) => {
        const code = codes[i];
        if (code === undefined) outcome.missing.push(s);
        else if (code < 0x80) outcome.granted.push(s);
        else outcome.refused.push(s);
      });
      resolve(outcome);
    });
  });
}
