/**
 * A subscription that delivers nothing while the broker is up is found and answered (issue 13
 * item 1): not granted, the whole fleet silent for many expected gaps, or one subscription silent
 * for many of its own gaps. The watchdog logs once, raises the metric, subscribes again, and clears
 * the alarm only when messages flow again. Clock and source are injected.
 */
import { describe, expect, it } from 'vitest';
import client from 'prom-client';
import { assessSubscriptions, DEFAULT_HEALTH_RULES } from '../../../ingest/source/subscription-health.ts';
import { startSubscriptionWatchdog } from '../../../ingest/source/subscription-watchdog.ts';
import { SubscriptionBook } from '../../../ingest/source/subscriptions.ts';
import { filterOfSubscription, topicMatches } from '../../../ingest/source/topic-filter.ts';
import { ingestMetrics } from '../../../ingest/metrics.ts';
import { createLogger } from '../../../platform/logger.ts';
import type { MqttClient } from 'mqtt';

const SUBS = ['$share/ingest/waste/v1/+/sensors/+/reading', '$share/ingest/v3/+/devices/+/up'];
const T0 = 1_000_000_000_000;
const MIN = 60_000;

function book(grantedAt = T0) {
  const b = new SubscriptionBook(SUBS);
  b.recordSuback({ granted: [...SUBS], refused: [], missing: [], error: undefined }, grantedAt);
  return b;
}

describe('topic filters', () => {
  it('match + and # and strip $share', () => {
    expect(filterOfSubscription(SUBS[0]!)).toBe('waste/v1/+/sensors/+/reading');
    expect(topicMatches('waste/v1/+/sensors/+/reading', 'waste/v1/a/sensors/s/reading')).toBe(true);
    expect(topicMatches('waste/v1/+/sensors/+/reading', 'waste/v1/a/sensors/s/senml')).toBe(false);
    expect(topicMatches('waste/v1/+/sensors/+/reading', 'waste/v1/a/sensors/s/reading/x')).toBe(false);
    expect(topicMatches('src/#', 'src/a/b')).toBe(true);
    expect(topicMatches('#', '$SYS/broker/uptime')).toBe(false);
  });
});

describe('assessSubscriptions', () => {
  const expectedPerSecond = 100 / 600; // 100 sensors every 10 minutes: a gap of 6 s
  it('a fresh grant is healthy; the fleet silent past max(min, 10 gaps) stalls every subscription', () => {
    const b = book();
    expect(assessSubscriptions(b.status(), { nowMs: T0 + 4 * MIN, connected: true, expectedPerSecond }).every((h) => !h.stalled)).toBe(true);
    const late = assessSubscriptions(b.status(), { nowMs: T0 + 6 * MIN, connected: true, expectedPerSecond });
    expect(late.map((h) => h.stalled)).toEqual(['fleet_silent', 'fleet_silent']);
    expect(late[0]!.idleSeconds).toBe(360);
  });

  it('no expected traffic, no fleet alarm; disconnected, no alarm at all', () => {
    const b = book();
    expect(assessSubscriptions(b.status(), { nowMs: T0 + 60 * MIN, connected: true, expectedPerSecond: 0 }).every((h) => !h.stalled)).toBe(true);
    b.disconnected();
    expect(assessSubscriptions(b.status(), { nowMs: T0 + 60 * MIN, connected: false, expectedPerSecond }).every((h) => !h.stalled)).toBe(true);
  });

  it('a subscription the SUBACK left out (granted []) is not granted while connected', () => {
    const b = new SubscriptionBook(SUBS);
    b.recordSuback({ granted: [SUBS[1]!], refused: [], missing: [SUBS[0]!], error: undefined }, T0);
    expect(assessSubscriptions(b.status(), { nowMs: T0, connected: true, expectedPerSecond }).map((h) => h.stalled)).toEqual(['not_granted', undefined]);
  });

  it('one subscription silent for 10 of its own gaps while the other delivers', () => {
    const b = book();
    for (let i = 0; i < 100; i++) b.delivered('v3/app@t/devices/d/up', T0 + i * 1000);
    for (let i = 0; i < 30 * 60; i++) b.delivered('waste/v1/t/sensors/s/reading', T0 + i * 1000);
    const h = assessSubscriptions(b.status(), { nowMs: T0 + 30 * MIN, connected: true, expectedPerSecond });
    expect(h.map((x) => x.stalled)).toEqual([undefined, 'subscription_silent']);
  });
});

describe('subscription watchdog', () => {
  it('logs once, counts, subscribes again, and clears only when messages flow again', async () => {
    const b = book();
    let now = T0;
    let resubscribes = 0;
    const lines: { level: number; msg: string }[] = [];
    const logger = createLogger('info');
    const capture = (level: number) => (obj: unknown, msg?: string) => {
      lines.push({ level, msg: typeof obj === 'string' ? obj : msg ?? '' });
    };
    const log = Object.assign(Object.create(logger) as typeof logger, { error: capture(50), info: capture(30), warn: capture(40) });
    const watchdog = startSubscriptionWatchdog({
      source: { subscriptions: () => b.status(), resubscribe: async () => { resubscribes++; b.recordSuback({ granted: [...SUBS], refused: [], missing: [], error: undefined }, now); return undefined; }, client: { connected: true } as MqttClient },
      expectedPerSecond: async () => 1,
      metrics: ingestMetrics(),
      logger: log,
      now: () => now,
    }, 3_600_000);
    try {
      now = T0 + DEFAULT_HEALTH_RULES.minSilenceMs + 1000;
      await watchdog.check();
      expect(resubscribes).toBe(1);
      expect(lines.filter((l) => l.level === 50)).toHaveLength(2);
      const stalled = await client.register.getSingleMetric('ingest_subscription_stalled')!.get();
      expect(stalled.values.map((v) => v.value)).toEqual([1, 1]);
      // The forced SUBSCRIBE reset the idle time, but nothing arrived yet: still stalled, no new log.
      now += 1000;
      await watchdog.check();
      expect(lines.filter((l) => l.level === 50)).toHaveLength(2);
      expect((await client.register.getSingleMetric('ingest_subscription_stalled')!.get()).values.map((v) => v.value)).toEqual([1, 1]);
      b.delivered('waste/v1/t/sensors/s/reading', now);
      b.delivered('v3/a@t/devices/d/up', now);
      now += 1000;
      await watchdog.check();
      expect((await client.register.getSingleMetric('ingest_subscription_stalled')!.get()).values.map((v) => v.value)).toEqual([0, 0]);
      expect(lines.filter((l) => l.msg === 'mqtt subscription delivers again')).toHaveLength(2);
      const stalls = await client.register.getSingleMetric('ingest_subscription_stalls_total')!.get();
      expect(stalls.values.reduce((s, v) => s + v.value, 0)).toBe(2);
    } finally {
      watchdog.stop();
    }
  });
});
