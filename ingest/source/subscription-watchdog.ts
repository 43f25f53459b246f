/**
 * Watches a source's subscriptions (subscription-health.ts decides): per subscription a gauge of
 * seconds idle, whether it is granted and whether it is stalled; an error log when one stalls (and
 * an info line when it recovers), and a forced SUBSCRIBE as the remedy, because the one case seen
 * in the field (a broker restart that lost the subscription) is cured by subscribing again.
 */
import type { Logger } from '../../platform/logger.ts';
import type { IngestMetrics } from '../metrics.ts';
import type { MqttSource } from './mqtt-source.ts';
import { assessSubscriptions, DEFAULT_HEALTH_RULES, type HealthRules, type StallReason } from './subscription-health.ts';

export interface WatchdogOptions {
  source: Pick<MqttSource, 'subscriptions' | 'resubscribe' | 'client'>;
  /** Messages per second the registered sensors should produce together (0: unknown). */
  expectedPerSecond(): Promise<number>;
  metrics: Pick<IngestMetrics, 'subscriptionIdleSeconds' | 'subscriptionGranted' | 'subscriptionStalled' | 'subscriptionStalls'>;
  logger: Logger;
  rules?: HealthRules;
  now?: () => number;
}

export interface Watchdog {
  /** One assessment (the timer calls it; tests call it directly). */
  check(): Promise<void>;
  stop(): void;
}

export function startSubscriptionWatchdog(options: WatchdogOptions, intervalMs: number): Watchdog {
  const rules = options.rules ?? DEFAULT_HEALTH_RULES;
  const now = options.now ?? Date.now;
  const log = options.logger;
  const stalled = new Map<string, { reason: StallReason; atMs: number }>();
  let expected = 0;

  async function check(): Promise<void> {
    try {
      expected = await options.expectedPerSecond();
    } catch (err) {
      // Keep the last known rate: the database being away is reported by the writer.
      log.warn({ err: (err as Error).message }, 'subscription watchdog: expected traffic unknown');
    }
    const connected = options.source.client.connected;
    const health = assessSubscriptions(options.source.subscriptions(), { nowMs: now(), connected, expectedPerSecond: expected }, rules);
    const statuses = new Map(options.source.subscriptions().map((s) => [s.subscription, s]));
    let remedy = false;
    for (const h of health) {
      const labels = { subscription: h.subscription };
      const status = statuses.get(h.subscription);
      const before = stalled.get(h.subscription);
      // A stall ends when the subscription delivers again (or is granted again, if that was the
      // problem), not merely because the forced SUBSCRIBE reset its idle time.
      const recovered = before !== undefined && connected && !h.stalled &&
        (before.reason === 'not_granted' ? status?.granted === true : (status?.lastMessageAtMs ?? -Infinity) > before.atMs);
      if (h.stalled) {
        remedy = true;
        if (!before) {
          options.metrics.subscriptionStalls.inc({ ...labels, reason: h.stalled });
          log.error({ subscription: h.subscription, reason: h.stalled, idleSeconds: h.idleSeconds, expectedPerSecond: expected },
            'mqtt subscription delivers nothing while the broker is up; subscribing again');
          stalled.set(h.subscription, { reason: h.stalled, atMs: now() });
        }
      } else if (recovered) {
        log.info({ subscription: h.subscription }, 'mqtt subscription delivers again');
        stalled.delete(h.subscription);
      }
      options.metrics.subscriptionIdleSeconds.set(labels, h.idleSeconds ?? -1);
      options.metrics.subscriptionGranted.set(labels, connected && status?.granted ? 1 : 0);
      options.metrics.subscriptionStalled.set(labels, stalled.has(h.subscription) ? 1 : 0);
    }
    if (remedy) await options.source.resubscribe();
  }

  const timer = setInterval(() => {
    check().catch((err: Error) => log.warn({ err: err.message }, 'subscription watchdog check failed'));
  }, intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
