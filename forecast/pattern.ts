/**
 * The weekday × hour-of-day pattern of when waste arrives, and "pattern time": days weighted by
 * that pattern, in which a container fills at a constant rate. The pattern is separable (a weekday
 * factor times an hour factor, 31 numbers instead of 168) so a few weeks of readings estimate it;
 * while history is short it is shrunk towards the flat pattern (the container's own mean) and
 * towards the pattern of similar containers.
 */
import { LocalClock } from '../platform/local-clock.ts';
import type { WeeklyPattern } from './types.ts';

const HOUR_MS = 3_600_000;
const clocks = new Map<string, LocalClock>();

/** One clock per time zone: its offset cache is what makes many predictions cheap. */
export function clockFor(timeZone: string): LocalClock {
  let c = clocks.get(timeZone);
  if (!c) clocks.set(timeZone, (c = new LocalClock(timeZone)));
  return c;
}

const cumulativeCache = new WeakMap<WeeklyPattern, Float64Array>();

function cumulative(pattern: WeeklyPattern): Float64Array {
  let c = cumulativeCache.get(pattern);
  if (!c) {
    c = new Float64Array(169);
    for (let i = 0; i < 168; i++) c[i + 1] = c[i] + pattern[i];
    cumulativeCache.set(pattern, c);
  }
  return c;
}

/** Pattern-weighted hours from a local Monday origin to `localHours`. */
function weightedHours(pattern: WeeklyPattern, localHours: number): number {
  const c = cumulative(pattern);
  const week = Math.floor(localHours / 168);
  const inWeek = localHours - week * 168;
  const h = Math.floor(inWeek);
  return week * c[168] + c[h] + (inWeek - h) * pattern[h];
}

/** Pattern time of an instant, in days (differences of two calls are what matter). Flat without a pattern. */
export function patternDays(pattern: WeeklyPattern | null, timeZone: string, timeMs: number): number {
  if (!pattern) return timeMs / 86_400_000;
  return weightedHours(pattern, clockFor(timeZone).localHours(timeMs)) / 24;
}

export interface Increment {
  readonly fromMs: number;
  readonly toMs: number;
  readonly delta: number;
}

export interface PatternEstimate {
  readonly pattern: WeeklyPattern;
  /** Days of increments it was estimated from. */
  readonly days: number;
}

/** Increments longer than this are not attributed to hours (the split would be a guess). */
const MAX_INCREMENT_HOURS = 6;

/**
 * Separable pattern from increments between consecutive clean readings: each increment is spread
 * over the local hours it covers, then each weekday and each hour of day gets its share of the
 * waste divided by its share of the time. Null when fewer than `minDays` days are covered.
 */
export function estimatePattern(increments: readonly Increment[], timeZone: string, minDays = 3): PatternEstimate | null {
  const clock = clockFor(timeZone);
  const hour = new Buckets(24);
  const day = new Buckets(7);
  const usable = increments.filter((inc) => inc.toMs > inc.fromMs && inc.toMs - inc.fromMs <= MAX_INCREMENT_HOURS * HOUR_MS);
  const hours = usable.reduce((s, inc) => s + (inc.toMs - inc.fromMs) / HOUR_MS, 0);
  if (hours < minDays * 24) return null;
  const meanRate = usable.reduce((sum, inc) => sum + inc.delta, 0) / hours;
  if (!(meanRate > 0)) return null;
  for (const inc of usable) {
    const perHour = inc.delta / ((inc.toMs - inc.fromMs) / HOUR_MS);
    let t = inc.fromMs;
    while (t < inc.toMs) {
      const local = clock.localHours(t);
      const next = Math.min(inc.toMs, t + (Math.floor(local) + 1 - local) * HOUR_MS);
      const share = (next - t) / HOUR_MS;
      hour.add(((Math.floor(local) % 24) + 24) % 24, perHour, share);
      day.add(((Math.floor(local / 24) % 7) + 7) % 7, perHour, share);
      t = next;
    }
  }
  const hourFactor = hour.factors(meanRate);
  const dayFactor = day.factors(meanRate);
  const w = new Array<number>(168);
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) w[d * 24 + h] = dayFactor[d] * hourFactor[h];
  return { pattern: normalisePattern(w), days: hours / 24 };
}

/** Waste and time per bucket (an hour of the day or a weekday), with what it takes for the bucket's noise. */
class Buckets {
  private readonly waste: Float64Array;
  private readonly time: Float64Array;
  /** Σ share², Σ share²·rate, Σ share²·rate²: the variance of the bucket's mean rate. */
  private readonly s2: Float64Array;
  private readonly s2r: Float64Array;
  private readonly s2r2: Float64Array;

  constructor(n: number) {
    this.waste = new Float64Array(n);
    this.time = new Float64Array(n);
    this.s2 = new Float64Array(n);
    this.s2r = new Float64Array(n);
    this.s2r2 = new Float64Array(n);
  }

  add(bucket: number, perHour: number, share: number): void {
    this.waste[bucket] += perHour * share;
    this.time[bucket] += share;
    this.s2[bucket] += share * share;
    this.s2r[bucket] += share * share * perHour;
    this.s2r2[bucket] += share * share * perHour * perHour;
  }

  /**
   * Each bucket's rate relative to the mean, shrunk towards 1 by how much of the factors' spread
   * the noise explains (empirical Bayes): noisy or short series give a flatter pattern. The noise
   * is each bucket's own scatter of increments, not a robust one: a compaction step or a spike
   * that stayed in moves a bucket's sum as much as it looks.
   */
  factors(meanRate: number): number[] {
    const n = this.waste.length;
    const raw: number[] = [];
    const noiseVar: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = this.time[i];
      if (t <= 0) continue;
      const rate = this.waste[i] / t;
      const scatter = Math.max(0, this.s2r2[i] - 2 * rate * this.s2r[i] + rate * rate * this.s2[i]);
      raw.push(rate / meanRate);
      noiseVar.push(scatter / (t * t) / (meanRate * meanRate));
    }
    if (raw.length < 2) return new Array<number>(n).fill(1);
    const spread = raw.reduce((s, v) => s + (v - 1) ** 2, 0) / raw.length;
    const noise = noiseVar.reduce((s, v) => s + v, 0) / noiseVar.length;
    const signal = Math.max(0, spread - noise);
    const keep = signal + noise > 0 ? signal / (signal + noise) : 0;
    const out: number[] = [];
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (this.time[i] <= 0) {
        out.push(1);
        continue;
      }
      // Compaction and noise can make a quiet bucket negative: a small floor keeps pattern time increasing.
      out.push(Math.max(0.02, 1 + keep * (raw[k] - 1)));
      k++;
    }
    return out;
  }
}

function normalisePattern(w: readonly number[]): number[] {
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  return w.map((v) => v / mean);
}

/**
 * Shrink the container's own pattern (already shrunk towards flat by its noise) towards the prior
 * pattern of similar containers: weight days / (days + fullDays / 4), so four weeks of history give
 * the own pattern ~80 %.
 */
export function shrinkPattern(own: PatternEstimate | null, prior: WeeklyPattern | null | undefined, fullDays: number): WeeklyPattern | null {
  if (!own) return prior ? [...prior] : null;
  if (!prior) return own.pattern;
  const w = own.days / (own.days + fullDays / 4);
  return normalisePattern(own.pattern.map((v, i) => w * v + (1 - w) * prior[i]));
}

/** Mean of patterns (the prior of similar containers). */
export function meanPattern(patterns: readonly WeeklyPattern[]): WeeklyPattern | null {
  if (patterns.length === 0) return null;
  const out = new Array<number>(168).fill(0);
  for (const p of patterns) for (let i = 0; i < 168; i++) out[i] += p[i] / patterns.length;
  return normalisePattern(out);
}
