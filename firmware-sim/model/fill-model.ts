/**
 * The true fill of every container, advanced lazily: between two moments it grows by
 * dailyRate × (profile integral in days) × multiplicative noise; above 1 it keeps growing (bags
 * beside a full container) up to a cap; a collection empties it to a small residue.
 * State lives in typed arrays so 100,000 containers cost a few MB.
 */
import type { StreamBank } from '../random/prng.ts';
import type { LocalClock, WeeklyProfile } from './profiles.ts';

export interface FillModelOptions {
  /** Relative standard deviation of the noise on one hour's increment. */
  hourlyNoise?: number;
  /** Fill never exceeds this (overflow has a physical limit). */
  maxFill?: number;
  /** Fill left after emptying: uniform in [0, residue]. */
  emptyResidue?: number;
}

export class FillModel {
  readonly fill: Float64Array;
  readonly lastMs: Float64Array;
  readonly dailyRate: Float64Array;
  private readonly hourlyNoise: number;
  private readonly maxFill: number;
  private readonly emptyResidue: number;

  constructor(
    dailyRates: ArrayLike<number>,
    initialFill: ArrayLike<number>,
    startMs: number,
    private readonly profile: WeeklyProfile,
    private readonly clock: LocalClock,
    private readonly random: StreamBank,
    options: FillModelOptions = {},
  ) {
    const n = dailyRates.length;
    this.fill = Float64Array.from(initialFill);
    this.dailyRate = Float64Array.from(dailyRates);
    this.lastMs = new Float64Array(n).fill(startMs);
    this.hourlyNoise = options.hourlyNoise ?? 0.3;
    this.maxFill = options.maxFill ?? 1.4;
    this.emptyResidue = options.emptyResidue ?? 0.03;
  }

  /** Advance container i to time t (no-op when t is not later) and return its fill. */
  advance(i: number, t: number): number {
    const from = this.lastMs[i];
    if (t <= from) return this.fill[i];
    const weightedDays = (this.profile.weightedHours(this.clock.localHours(t)) - this.profile.weightedHours(this.clock.localHours(from))) / 24;
    const hours = (t - from) / 3_600_000;
    // Noise of independent hourly increments: the relative sd of the sum shrinks with √hours.
    const sd = this.hourlyNoise / Math.sqrt(Math.max(hours, 1));
    const factor = Math.max(0, 1 + sd * this.random.normal(i));
    const next = this.fill[i] + this.dailyRate[i] * weightedDays * factor;
    this.fill[i] = Math.min(next, this.maxFill);
    this.lastMs[i] = t;
    return this.fill[i];
  }

  /** A collection at time t: the container is emptied (applied at t, or now if t already passed). */
  empty(i: number, t: number, fillAfter?: number): void {
    this.advance(i, t);
    this.fill[i] = fillAfter ?? this.random.next(i) * this.emptyResidue;
  }
}
