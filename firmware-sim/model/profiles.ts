/**
 * When waste arrives: a weekly profile of 168 hourly weights (weekday × hour of day, local time)
 * with mean 1, so that a container's long-run rate equals its configured daily rate. `weeklyHours`
 * integrates the profile, which makes advancing a container's fill O(1) for any time step.
 */

/** ISO weekday order Mon..Sun. More waste after the weekend shopping and on Saturdays. */
export const WEEKDAY_WEIGHTS = [1.05, 0.95, 0.92, 0.95, 1.02, 1.13, 0.98];

/** Hours 0..23 local: quiet at night, peaks when people leave for work and after dinner. */
export const HOUR_WEIGHTS = [
  0.15, 0.08, 0.05, 0.05, 0.08, 0.25, 0.7, 1.4, 1.7, 1.5, 1.3, 1.25,
  1.3, 1.25, 1.2, 1.2, 1.3, 1.55, 1.75, 1.85, 1.65, 1.25, 0.8, 0.4,
];

export class WeeklyProfile {
  /** Weight per hour of the week (0 = Monday 00:00 local), mean 1. */
  readonly weights: Float64Array;
  /** cumulative[h] = sum of weights[0..h-1], in weighted hours. */
  readonly cumulative: Float64Array;

  constructor(weekday: readonly number[] = WEEKDAY_WEIGHTS, hour: readonly number[] = HOUR_WEIGHTS) {
    const w = new Float64Array(168);
    for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) w[d * 24 + h] = weekday[d] * hour[h];
    const mean = w.reduce((a, b) => a + b, 0) / 168;
    for (let i = 0; i < 168; i++) w[i] /= mean;
    this.weights = w;
    this.cumulative = new Float64Array(169);
    for (let i = 0; i < 168; i++) this.cumulative[i + 1] = this.cumulative[i] + w[i];
  }

  /**
   * Weighted hours from a fixed origin (a local Monday 00:00) to `localHours` (hours since that
   * origin, local time). The difference of two calls is the profile integral over an interval.
   */
  weightedHours(localHours: number): number {
    const week = Math.floor(localHours / 168);
    const inWeek = localHours - week * 168;
    const h = Math.floor(inWeek);
    return week * 168 + this.cumulative[h] + (inWeek - h) * this.weights[h];
  }
}

// The time-zone clock lives in platform/ (the forecast's weekly pattern uses it too).
export { LocalClock } from '../../platform/local-clock.ts';
