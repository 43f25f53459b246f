import { describe, expect, it } from 'vitest';
import { LocalClock, WeeklyProfile } from '../../../firmware-sim/model/profiles.ts';

describe('weekly fill profile', () => {
  it('has mean 1, so a week adds exactly 7 days of the daily rate', () => {
    const p = new WeeklyProfile();
    expect(p.cumulative[168]).toBeCloseTo(168, 9);
    expect(p.weightedHours(168 * 3 + 5.5) - p.weightedHours(5.5)).toBeCloseTo(168 * 3, 9);
  });

  it('puts more waste in the evening than at night', () => {
    const p = new WeeklyProfile();
    expect(p.weights[19]).toBeGreaterThan(p.weights[3] * 10);
  });

  it('follows the time zone, daylight saving included', () => {
    const clock = new LocalClock('Europe/Amsterdam');
    expect(clock.offsetMs(Date.UTC(2026, 0, 15, 12))).toBe(3_600_000);
    expect(clock.offsetMs(Date.UTC(2026, 6, 15, 12))).toBe(7_200_000);
    // Monday 2026-01-05 00:00 local is hour 0 of a week.
    expect(clock.localHours(Date.UTC(2026, 0, 4, 23)) % 168).toBeCloseTo(0, 9);
  });
});
