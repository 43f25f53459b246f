import { describe, expect, it } from 'vitest';
import { forecastContainer, predictFill, probabilityAtLeast, timeToReach } from '../../../forecast/index.ts';
import type { ContainerForecast } from '../../../forecast/types.ts';
import { DAY, HOUR, T0, series } from './synthetic-series.ts';

const base: ContainerForecast = {
  containerId: 'C', asOfMs: T0, fillNow: 0.4, fillNowSd: 0.02, ratePerDay: 0.2, rateSdPerDay: 0.02, rateSource: 'sensor',
  noiseSd: 0.01, processVarPerDay: 0.0004, pattern: null, timeZone: 'UTC', health: { healthy: true, issues: [] }, fallback: null, lastObservationMs: T0, segments: 1,
};

describe('predictions from a forecast', () => {
  it('predicts the fill at a time with an interval that widens with the horizon', () => {
    const p1 = predictFill(base, T0 + DAY);
    const p3 = predictFill(base, T0 + 3 * DAY);
    expect(p1.mean).toBeCloseTo(0.6, 6);
    expect(p3.mean).toBeCloseTo(1.0, 6);
    expect(p1.low).toBeLessThan(p1.mean);
    expect(p1.high).toBeGreaterThan(p1.mean);
    expect(p3.high - p3.low).toBeGreaterThan(p1.high - p1.low);
    // 80 % interval: ±1.2816 sd.
    const sd1 = Math.sqrt(0.02 ** 2 + 0.01 ** 2 + 0.02 ** 2 + 0.0004);
    expect(p1.high - p1.mean).toBeCloseTo(1.2816 * sd1, 3);
    expect(predictFill(base, T0 + DAY, 0.95).high).toBeGreaterThan(p1.high);
  });

  it('gives probabilities consistent with the interval', () => {
    const p = predictFill(base, T0 + DAY);
    expect(probabilityAtLeast(base, p.mean, T0 + DAY)).toBeCloseTo(0.5, 3);
    expect(probabilityAtLeast(base, p.high, T0 + DAY)).toBeCloseTo(0.1, 2);
    expect(probabilityAtLeast(base, p.low, T0 + DAY)).toBeCloseTo(0.9, 2);
    expect(probabilityAtLeast(base, 0.8, T0 + 2 * DAY)).toBeGreaterThan(probabilityAtLeast(base, 0.8, T0 + DAY));
  });

  it('finds when a fill is reached, later for a higher certainty, never without a rate', () => {
    const expected = timeToReach(base, 0.8)!;
    expect(Math.abs(expected - (T0 + 2 * DAY))).toBeLessThanOrEqual(60_000);
    const sure = timeToReach(base, 0.8, 0.9)!;
    expect(sure).toBeGreaterThan(expected);
    expect(probabilityAtLeast(base, 0.8, sure)).toBeGreaterThanOrEqual(0.9);
    expect(timeToReach(base, 0.3)).toBe(T0);
    expect(timeToReach({ ...base, ratePerDay: 0, rateSdPerDay: 0, processVarPerDay: 0, noiseSd: 0 }, 0.8)).toBeNull();
  });

  it('follows the weekly pattern: nothing added in hours without waste', () => {
    const pattern = Array.from({ length: 168 }, (_, h) => (h % 24 >= 8 && h % 24 < 20 ? 2 : 0));
    const f = { ...base, pattern, processVarPerDay: 0 };
    // T0 is Monday 00:00 UTC: no waste until 08:00, then 2 × the mean rate.
    expect(predictFill(f, T0 + 8 * HOUR).mean).toBeCloseTo(0.4, 6);
    expect(predictFill(f, T0 + 20 * HOUR).mean).toBeCloseTo(0.6, 6);
  });

  it('predicted intervals cover most later readings of a noisy series', () => {
    const obs = series({ ratePerDay: 0.12, days: 20, emptyEveryDays: 6, noise: 0.015, seed: 9 });
    let inside = 0;
    let total = 0;
    for (let day = 8; day < 19; day++) {
      const now = T0 + day * DAY;
      const f = forecastContainer({ containerId: 'C', observations: obs.filter((o) => o.timeMs <= now), emptyings: [], nowMs: now, timeZone: 'UTC' });
      for (const o of obs.filter((x) => x.timeMs > now && x.timeMs <= now + 12 * HOUR && Math.floor((x.timeMs - T0) / DAY / 6) === Math.floor(day / 6))) {
        const p = predictFill(f, o.timeMs);
        total++;
        if (o.fill >= p.low && o.fill <= p.high) inside++;
      }
    }
    expect(total).toBeGreaterThan(50);
    expect(inside / total).toBeGreaterThan(0.7);
  });
});
