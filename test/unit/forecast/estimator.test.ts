import { describe, expect, it } from 'vitest';
import { forecastContainer, predictFill, ratePrior } from '../../../forecast/index.ts';
import type { FillObservation } from '../../../forecast/types.ts';
import { DAY, HOUR, T0, series, trueFill, type SeriesSpec } from './synthetic-series.ts';

const UTC = 'UTC';

function run(obs: FillObservation[], nowMs: number, extra: Partial<Parameters<typeof forecastContainer>[0]> = {}) {
  return forecastContainer({ containerId: 'C1', observations: obs, emptyings: [], nowMs, timeZone: UTC, ...extra });
}

describe('fill-rate estimator on series with a known rate', () => {
  it('finds the rate and the fill of a clean series emptied every four days', () => {
    const spec: SeriesSpec = { ratePerDay: 0.2, days: 14, emptyEveryDays: 4 };
    const now = T0 + 14 * DAY;
    const f = run(series(spec), now);
    expect(f.ratePerDay).toBeGreaterThan(0.19);
    expect(f.ratePerDay).toBeLessThan(0.21);
    expect(Math.abs(f.fillNow - trueFill(spec, now))).toBeLessThan(0.02);
    expect(f.segments).toBe(4);
    expect(f.rateSource).toBe('sensor');
    expect(f.health).toEqual({ healthy: true, issues: [] });
    expect(f.fallback).toBeNull();
  });

  it('is not moved by false echoes and spikes', () => {
    const spec: SeriesSpec = { ratePerDay: 0.15, days: 12, emptyEveryDays: 5, spikeShare: 0.1, seed: 3 };
    const now = T0 + 12 * DAY;
    const f = run(series(spec), now);
    // A least-squares line through the spikes is ~10 % too slow here.
    expect(Math.abs(f.ratePerDay - 0.15)).toBeLessThan(0.005);
    expect(Math.abs(f.fillNow - trueFill(spec, now))).toBeLessThan(0.03);
    // A spike is not an emptying: one low reading does not open a segment.
    expect(f.segments).toBe(3);
  });

  it('carries a stuck sensor forward at the historic rate and says so', () => {
    const spec: SeriesSpec = { ratePerDay: 0.2, days: 10, emptyEveryDays: 4 };
    const obs = series(spec);
    const stuckFrom = T0 + 9 * DAY;
    const frozen = obs.find((o) => o.timeMs === stuckFrom)!.fill;
    const withFault = obs.map((o) => (o.timeMs >= stuckFrom ? { ...o, fill: frozen } : o));
    const now = T0 + 10 * DAY;
    const f = run(withFault, now);
    expect(f.health.healthy).toBe(false);
    expect(f.health.issues.map((i) => i.kind)).toContain('stuck');
    expect(f.health.issues.find((i) => i.kind === 'stuck')!.sinceMs).toBe(stuckFrom);
    expect(f.rateSource).toBe('history');
    expect(f.fallback?.code).toBe('sensor-stuck');
    expect(Math.abs(f.fillNow - trueFill(spec, now))).toBeLessThan(0.04);
  });

  it('follows the level after compaction drops without calling them emptyings', () => {
    const rate = 0.2;
    const obs: FillObservation[] = [];
    for (let t = T0; t < T0 + 4 * DAY; t += HOUR) {
      const days = (t - T0) / DAY;
      // The packer settles the waste twice: the level drops by 0.08 and keeps rising at the same rate.
      const drop = (days >= 1.5 ? 0.08 : 0) + (days >= 3 ? 0.08 : 0);
      obs.push({ timeMs: t, fill: 0.05 + rate * days - drop });
    }
    const now = T0 + 4 * DAY;
    const f = run(obs, now);
    expect(f.segments).toBe(1);
    expect(Math.abs(f.fillNow - (0.05 + rate * 4 - 0.16))).toBeLessThan(0.02);
    expect(f.ratePerDay).toBeGreaterThan(0.14);
    expect(f.ratePerDay).toBeLessThan(0.21);
  });

  it('estimates from sparse collection-only rows (the fill found at each emptying)', () => {
    const rows: FillObservation[] = [];
    const gaps = [3, 4, 3, 4, 3, 4, 3];
    let t = T0;
    for (const g of gaps) {
      t += g * DAY;
      rows.push({ timeMs: t, fill: 0.02 + 0.18 * g, collected: true });
    }
    const now = t + 2 * DAY;
    const f = run(rows, now);
    expect(f.rateSource).toBe('history');
    expect(f.health.healthy).toBe(true);
    expect(Math.abs(f.ratePerDay - 0.18)).toBeLessThan(0.01);
    expect(Math.abs(f.fillNow - (0.02 + 0.36))).toBeLessThan(0.03);
    expect(predictFill(f, now + DAY).mean).toBeCloseTo(0.02 + 0.54, 1);
  });

  it('does not read readings capped at the full mark as a slower rate', () => {
    // 0.3 a day, emptied every 5 days: full after ~3.3 days, then capped at 1 until the emptying.
    const spec: SeriesSpec = { ratePerDay: 0.3, days: 15, emptyEveryDays: 5, cap: true };
    const obs = series(spec);
    expect(obs.some((o) => o.capped)).toBe(true);
    const atCap = T0 + 14.5 * DAY;
    const f = run(obs.filter((o) => o.timeMs <= atCap), atCap);
    expect(f.ratePerDay).toBeGreaterThan(0.28);
    expect(f.ratePerDay).toBeLessThan(0.32);
    expect(f.fillNow).toBeGreaterThanOrEqual(1);
  });

  it('uses emptying events (driver, sensor) as segment boundaries', () => {
    const obs: FillObservation[] = [];
    for (let t = T0; t < T0 + 6 * DAY; t += HOUR) {
      const since = ((t - T0) / DAY) % 3;
      // A half-full container emptied: the drop alone is too small to be detected.
      obs.push({ timeMs: t, fill: 0.25 + 0.1 * since });
    }
    const f = run(obs, T0 + 6 * DAY, { emptyings: [{ timeMs: T0 + 3 * DAY, source: 'driver' }] });
    expect(f.segments).toBe(2);
    // The same collection reported by the driver and detected by ingest is one emptying.
    const twice = run(obs, T0 + 6 * DAY, { emptyings: [{ timeMs: T0 + 3 * DAY + HOUR / 2, source: 'sensor' }, { timeMs: T0 + 3 * DAY, source: 'driver' }] });
    expect(twice.segments).toBe(2);
    expect(Math.abs(f.ratePerDay - 0.1)).toBeLessThan(0.01);
  });

  it('uses the rate of similar containers while there is no history, and says so', () => {
    const prior = ratePrior([0.1, 0.12, 0.11, 0.13]);
    expect(prior?.containers).toBe(4);
    const now = T0 + DAY;
    const f = run([], now, { prior, emptyings: [{ timeMs: T0, source: 'driver' }] });
    expect(f.rateSource).toBe('prior');
    expect(f.fallback).toEqual({ code: 'short-history', params: { containers: 4 } });
    expect(f.ratePerDay).toBeCloseTo(0.115, 3);
    expect(f.fillNow).toBeCloseTo(0.02 + 0.115, 2);
  });

  it('shrinks a short history towards the prior and a long one hardly', () => {
    const prior = { ratePerDay: 0.3, sdPerDay: 0.03, containers: 10 };
    const short = series({ ratePerDay: 0.1, days: 0.5, noise: 0.01 });
    const long = series({ ratePerDay: 0.1, days: 16, emptyEveryDays: 4, noise: 0.01 });
    const fShort = run(short, T0 + 0.5 * DAY, { prior });
    const fLong = run(long, T0 + 16 * DAY, { prior });
    expect(fShort.ratePerDay).toBeGreaterThan(0.15);
    expect(Math.abs(fLong.ratePerDay - 0.1)).toBeLessThan(0.01);
  });

  it('learns a day-and-night pattern and predicts the next hours better than a flat rate', () => {
    // Waste arrives only between 07:00 and 21:00 UTC, 0.3 a day; emptied Monday and Thursday at 06:00.
    const obs: FillObservation[] = [];
    let fill = 0.02;
    for (let t = T0; t < T0 + 28 * DAY; t += HOUR) {
      const d = new Date(t);
      if ((d.getUTCDay() === 1 || d.getUTCDay() === 4) && d.getUTCHours() === 6) fill = 0.02;
      if (d.getUTCHours() >= 7 && d.getUTCHours() < 21) fill += 0.3 / 14;
      obs.push({ timeMs: t, fill });
    }
    const now = T0 + 28 * DAY;
    const f = run(obs, now);
    expect(f.pattern).not.toBeNull();
    const night = f.pattern![3];
    const day = f.pattern![12];
    expect(night).toBeLessThan(0.3);
    expect(day).toBeGreaterThan(1.3);
    // From midnight, by 07:00 nothing has arrived.
    const at7 = predictFill(f, now + 7 * HOUR).mean;
    expect(Math.abs(at7 - f.fillNow)).toBeLessThan(0.03);
  });
});
