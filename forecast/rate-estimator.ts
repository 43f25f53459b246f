/**
 * Fill rate per segment and over the history. Inside a segment the rate is the Theil–Sen slope of
 * fill against pattern time on up to 24 knots (medians of runs of readings), after readings that
 * stray from their running median are set aside as spikes: false echoes, a bag on the inlet and
 * compaction drops barely move it. Capped readings ("full") only bound the fill from below and are
 * not fitted. A collection-only segment has two points: empty after the last emptying and the fill
 * found at this one. Over the history, segment rates are combined by a recency-weighted robust
 * mean; their spread is how much the next segment's rate may differ.
 */
import { knots, median, robustScale, theilSenSlope, weightedMedian, type Point } from './robust.ts';
import { patternDays } from './pattern.ts';
import type { Segment } from './segments.ts';
import type { FillObservation, WeeklyPattern } from './types.ts';

const KNOTS = 24;
/** A segment shorter than this (pattern days) has no rate of its own. */
const MIN_SPAN_DAYS = 0.25;
/** Older segments weigh less: half the weight every three weeks. */
const HALF_LIFE_DAYS = 21;
/** Smallest deviation from the running median called a spike, whatever the noise. */
const MIN_SPIKE = 0.06;

export interface SegmentFit {
  readonly startMs: number;
  readonly endMs: number;
  /** Fill per pattern day. */
  readonly slope: number;
  /** Standard error of the slope. */
  readonly slopeSe: number;
  readonly spanDays: number;
  /** Only a lower bound (a collection that found the container at its full mark). */
  readonly lowerBound: boolean;
  /** Readings that were fitted (no spikes, no capped readings). */
  readonly clean: readonly FillObservation[];
  readonly spikes: readonly FillObservation[];
}

export interface PatternTime {
  readonly pattern: WeeklyPattern | null;
  readonly timeZone: string;
}

export function tau(pt: PatternTime, timeMs: number): number {
  return patternDays(pt.pattern, pt.timeZone, timeMs);
}

/** Measurement noise: robust scale of first differences inside segments, over √2. */
export function measurementNoise(segments: readonly Segment[]): number {
  const diffs: number[] = [];
  for (const s of segments) {
    const p = s.points.filter((o) => !o.capped);
    for (let i = 1; i < p.length; i++) diffs.push(p[i].fill - p[i - 1].fill);
  }
  return diffs.length >= 4 ? robustScale(diffs) / Math.SQRT2 : 0.02;
}

/** Readings that stray from the running median of five (by index) by more than z noise scales. */
export function splitSpikes(points: readonly FillObservation[], sigma: number, z: number): { clean: FillObservation[]; spikes: FillObservation[] } {
  const limit = Math.max(MIN_SPIKE, z * sigma);
  const clean: FillObservation[] = [];
  const spikes: FillObservation[] = [];
  const window: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const from = Math.max(0, Math.min(i - 2, points.length - 5));
    window.length = 0;
    for (let j = from; j < Math.min(points.length, from + 5); j++) window.push(points[j].fill);
    if (Math.abs(points[i].fill - median(window)) > limit) spikes.push(points[i]);
    else clean.push(points[i]);
  }
  return { clean, spikes };
}

/** A segment's uncapped readings split into clean ones and spikes (done once per segment). */
export interface SplitSegment {
  readonly segment: Segment;
  readonly clean: readonly FillObservation[];
  readonly spikes: readonly FillObservation[];
}

export function splitSegment(segment: Segment, sigma: number, z: number): SplitSegment {
  return { segment, ...splitSpikes(segment.points.filter((p) => !p.capped), sigma, z) };
}

/** The segment's rate from its clean readings up to `untilMs` (a fault's start) and its anchors. */
export function fitSegment(split: SplitSegment, pt: PatternTime, sigma: number, untilMs = Infinity): SegmentFit | null {
  const segment = split.segment;
  const usable = untilMs === Infinity ? segment.points : segment.points.filter((p) => p.timeMs <= untilMs);
  const clean = untilMs === Infinity ? split.clean : split.clean.filter((p) => p.timeMs <= untilMs);
  const spikes = untilMs === Infinity ? split.spikes : split.spikes.filter((p) => p.timeMs <= untilMs);
  const xy: Point[] = clean.map((p) => ({ x: tau(pt, p.timeMs), y: p.fill }));
  const end = segment.end && segment.end.timeMs <= untilMs ? segment.end : null;
  // Anchors matter only when readings are few: the empty start and the fill found at the end.
  if (xy.length < 3 && segment.startFill !== null) xy.unshift({ x: tau(pt, segment.startMs), y: segment.startFill });
  let lowerBound = false;
  if (end && (xy.length < 3 || !end.capped)) {
    xy.push({ x: tau(pt, end.timeMs), y: end.fill });
    lowerBound = end.capped && clean.length < 2;
  }
  if (xy.length < 2) return null;
  const span = xy[xy.length - 1].x - xy[0].x;
  if (!(span >= MIN_SPAN_DAYS)) return null;
  const k = knots(xy, KNOTS);
  const slope = xy.length === 2 ? (xy[1].y - xy[0].y) / span : theilSenSlope(k, 1 / 96);
  if (!Number.isFinite(slope)) return null;
  const intercept = median(xy.map((p) => p.y - slope * p.x));
  const resid = robustScale(xy.map((p) => p.y - intercept - slope * p.x));
  // Least-squares standard error with a robust residual scale: σ / (sd of x · √n).
  const se = xy.length > 2 ? Math.max(resid, sigma) / ((span / Math.sqrt(12)) * Math.sqrt(xy.length)) : Math.max(sigma, 0.05) / span;
  return { startMs: segment.startMs, endMs: end?.timeMs ?? usable[usable.length - 1]?.timeMs ?? segment.startMs, slope, slopeSe: se, spanDays: span, lowerBound, clean, spikes };
}

export interface HistoryRate {
  /** Recency-weighted robust mean of the segment rates. */
  readonly mean: number;
  /** How much one segment's rate varies around it. */
  readonly between: number;
  readonly segments: number;
}

export function historyRate(fits: readonly SegmentFit[], nowMs: number): HistoryRate | null {
  const exact = fits.filter((f) => !f.lowerBound);
  if (exact.length === 0) {
    if (fits.length === 0) return null;
    // Only lower bounds: the container filled at least this fast.
    const m = Math.max(...fits.map((f) => f.slope));
    return { mean: m, between: m * 0.5, segments: fits.length };
  }
  const weight = (f: SegmentFit) => Math.min(f.spanDays, 14) * 0.5 ** ((nowMs - f.endMs) / 86_400_000 / HALF_LIFE_DAYS);
  const slopes = exact.map((f) => f.slope);
  const w = exact.map(weight);
  const wm = weightedMedian(slopes, w);
  const scale = exact.length >= 3 ? robustScale(slopes) : Infinity;
  const keep = exact.filter((f) => Math.abs(f.slope - wm) <= 3 * scale || scale === 0);
  // A lower bound above the estimate says the estimate is too low.
  const bounds = fits.filter((f) => f.lowerBound && f.slope > wm);
  const used = [...keep, ...bounds];
  const totalW = used.reduce((s, f) => s + weight(f), 0);
  const mean = used.reduce((s, f) => s + weight(f) * f.slope, 0) / totalW;
  const variance = used.reduce((s, f) => s + weight(f) * (f.slope - mean) ** 2, 0) / totalW;
  const meanSe = used.reduce((s, f) => s + weight(f) * f.slopeSe, 0) / totalW;
  // One segment says nothing about the spread: assume 30 % until more are seen.
  const between = used.length >= 2 ? Math.sqrt(variance + meanSe * meanSe) : Math.max(0.3 * Math.abs(mean), meanSe);
  return { mean, between: Math.max(between, 0.05 * Math.abs(mean), 0.002), segments: used.length };
}

/**
 * Variance the filling adds per pattern day beyond the fitted rate: the scatter of increments about
 * one day apart around slope × time, less what measurement noise explains. It holds what waste
 * arriving in bags and the part of the weekly pattern not learnt yet add to a day-ahead forecast.
 * A mean, not a median: the rare big day is exactly what an interval has to cover.
 */
export function processVariance(fits: readonly SegmentFit[], pt: PatternTime, sigma: number): number {
  let sum = 0;
  let n = 0;
  for (const f of fits) {
    const x = f.clean.map((p) => tau(pt, p.timeMs));
    let j = 0;
    for (let i = 0; i < x.length; i++) {
      while (j < x.length && x[j] - x[i] < DAY_LAG) j++;
      if (j >= x.length) break;
      const dx = x[j] - x[i];
      if (dx > 2 * DAY_LAG) continue;
      const r = f.clean[j].fill - f.clean[i].fill - f.slope * dx;
      sum += Math.max(0, r * r - 2 * sigma * sigma) / dx;
      n++;
    }
  }
  return n >= 3 ? sum / n : 0;
}

/** Pairs of readings at least this many pattern days apart measure the day-ahead scatter. */
const DAY_LAG = 1;
