/**
 * The rate a forecast uses, as a normal belief: the container's history (and the prior of similar
 * containers while the history is short) says what to expect of a segment; the current segment's
 * own readings update that. Precision-weighted, so a long history outweighs a weak prior and a
 * long current segment outweighs an old history.
 */
import type { HistoryRate, SegmentFit } from './rate-estimator.ts';
import type { RatePrior } from './types.ts';

export interface RateBelief {
  readonly mean: number;
  readonly sd: number;
}

/** What to expect of the next segment before seeing it, or null with neither history nor prior. */
export function expectedSegmentRate(history: HistoryRate | null, prior: RatePrior | undefined): RateBelief | null {
  const usablePrior = prior && prior.containers > 0 && Number.isFinite(prior.ratePerDay) ? prior : undefined;
  if (!history) return usablePrior ? { mean: usablePrior.ratePerDay, sd: Math.max(usablePrior.sdPerDay, 1e-4) } : null;
  const meanVar = history.between ** 2 / history.segments;
  if (!usablePrior) return { mean: history.mean, sd: Math.sqrt(history.between ** 2 + meanVar) };
  const priorVar = Math.max(usablePrior.sdPerDay, 1e-4) ** 2;
  const precision = 1 / meanVar + 1 / priorVar;
  const mean = (history.mean / meanVar + usablePrior.ratePerDay / priorVar) / precision;
  // With one segment its spread is a guess: the spread between similar containers bounds it.
  const between = history.segments >= 2 ? history.between : Math.min(history.between, Math.sqrt(priorVar));
  return { mean, sd: Math.sqrt(between ** 2 + 1 / precision) };
}

/** Update the expectation with the current segment's own slope. */
export function updateWithCurrent(expected: RateBelief | null, current: SegmentFit | null): RateBelief | null {
  if (!current) return expected;
  const se = Math.max(current.slopeSe, 1e-4);
  if (!expected) return { mean: current.slope, sd: se };
  const precision = 1 / expected.sd ** 2 + 1 / se ** 2;
  return { mean: (expected.mean / expected.sd ** 2 + current.slope / se ** 2) / precision, sd: 1 / Math.sqrt(precision) };
}
