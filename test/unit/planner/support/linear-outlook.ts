/**
 * A hand-made outlook for selection tests: fill grows linearly at `ratePerDay` with a normal
 * uncertainty of `sdPerDay` per day ahead, so every probability the selection asks is known exactly.
 */
import type { FillOutlook } from '../../../../planner/index.ts';
import type { RateSource, SensorIssue } from '../../../../forecast/types.ts';
import { normalCdf } from '../../../../forecast/normal.ts';

const DAY = 86_400_000;

export interface LinearOutlookOptions {
  asOfMs: number;
  fillNow: number;
  ratePerDay: number;
  sdPerDay?: number;
  rateSource?: RateSource;
  issues?: SensorIssue[];
  lastReadingMs?: number;
}

export function linearOutlook(o: LinearOutlookOptions): FillOutlook {
  const sdPerDay = o.sdPerDay ?? 0.01;
  const mean = (t: number) => o.fillNow + (o.ratePerDay * (t - o.asOfMs)) / DAY;
  const sd = (t: number) => Math.max(1e-6, (sdPerDay * Math.max(0, t - o.asOfMs)) / DAY);
  return {
    asOfMs: o.asOfMs,
    fillNow: o.fillNow,
    ratePerDay: o.ratePerDay,
    rateSource: o.rateSource ?? 'sensor',
    health: { healthy: (o.issues ?? []).length === 0, issues: o.issues ?? [] },
    ...(o.lastReadingMs === undefined ? {} : { lastReadingMs: o.lastReadingMs }),
    predictFill: mean,
    probabilityAtLeast: (fill, t) => 1 - normalCdf((fill - mean(t)) / sd(t)),
    timeToReach: (fill, probability = 0.5) => {
      if (o.fillNow >= fill) return o.asOfMs;
      if (o.ratePerDay <= 0) return null;
      // Bisection on P(fill(t) ≥ fill) = probability within 60 days.
      let lo = o.asOfMs;
      let hi = o.asOfMs + 60 * DAY;
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (1 - normalCdf((fill - mean(mid)) / sd(mid)) >= probability) hi = mid;
        else lo = mid;
      }
      return Math.round(hi / 60_000) * 60_000;
    },
  };
}
