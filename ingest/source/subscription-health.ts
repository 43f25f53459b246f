/**
 * When is a subscription "delivering nothing while the broker is up"? Pure: the statuses, the
 * clock and the traffic the registered sensors should produce are passed in.
 *
 * - not granted while connected: the broker refused it, or a SUBACK never covered it;
 * - all subscriptions silent for longer than `factor` expected gaps of the whole fleet (the
 *   sensors' reporting intervals say how often messages should arrive), and at least `minSilenceMs`;
 * - one subscription silent for longer than `factor` of its own observed gaps (it used to deliver,
 *   the others still do), and at least `minSilenceMs`.
 * Silence is counted from the later of the last message and the last grant, so a fresh connection
 * starts with a clean slate.
 */
import type { SubscriptionStatus } from './subscriptions.ts';

export type StallReason = 'not_granted' | 'fleet_silent' | 'subscription_silent';

export interface SubscriptionHealth {
  subscription: string;
  /** Seconds since it last delivered (or was granted, whichever is later); undefined before either. */
  idleSeconds: number | undefined;
  stalled: StallReason | undefined;
}

export interface HealthRules {
  /** No alarm for a silence shorter than this, whatever the traffic says. */
  minSilenceMs: number;
  /** How many expected gaps of silence make an alarm. */
  factor: number;
}

export const DEFAULT_HEALTH_RULES: HealthRules = { minSilenceMs: 300_000, factor: 10 };

export function assessSubscriptions(
  statuses: readonly SubscriptionStatus[],
  input: { nowMs: number; connected: boolean; expectedPerSecond: number },
  rules: HealthRules = DEFAULT_HEALTH_RULES,
): SubscriptionHealth[] {
  const since = (s: SubscriptionStatus) => Math.max(s.lastMessageAtMs ?? -Infinity, s.grantedAtMs ?? -Infinity);
  const idle = (s: SubscriptionStatus) => (Number.isFinite(since(s)) ? input.nowMs - since(s) : undefined);
  const fleetIdleMs = Math.min(...statuses.map((s) => idle(s) ?? Infinity));
  const fleetLimitMs = input.expectedPerSecond > 0 ? Math.max(rules.minSilenceMs, (rules.factor * 1000) / input.expectedPerSecond) : Infinity;
  const fleetSilent = input.connected && statuses.every((s) => s.granted) && Number.isFinite(fleetIdleMs) && fleetIdleMs > fleetLimitMs;

  return statuses.map((s) => {
    const idleMs = idle(s);
    const health: SubscriptionHealth = { subscription: s.subscription, idleSeconds: idleMs === undefined ? undefined : idleMs / 1000, stalled: undefined };
    if (!input.connected) return health;
    if (!s.granted) health.stalled = 'not_granted';
    else if (fleetSilent) health.stalled = 'fleet_silent';
    else if (idleMs !== undefined && s.messages >= 2 && s.firstMessageAtMs !== undefined && s.lastMessageAtMs !== undefined) {
      const observedGapMs = (s.lastMessageAtMs - s.firstMessageAtMs) / (s.messages - 1);
      if (idleMs > Math.max(rules.minSilenceMs, rules.factor * observedGapMs)) health.stalled = 'subscription_silent';
    }
    return health;
  });
}
