/**
 * The typical rate of similar containers (same fraction and type nearby): median and robust spread
 * of their rates, and their mean weekly pattern. Only forecasts resting on their own sensor or
 * history count, so one prior never feeds on another.
 */
import { meanPattern } from './pattern.ts';
import { median, robustScale } from './robust.ts';
import type { ContainerForecast, RatePrior, WeeklyPattern } from './types.ts';

/** Floor of the spread: even identical neighbours do not make a container's rate certain. */
const MIN_RELATIVE_SD = 0.15;

export function ratePrior(similar: readonly ContainerForecast[] | readonly number[]): RatePrior | undefined {
  const rates: number[] = [];
  const patterns: WeeklyPattern[] = [];
  for (const s of similar as readonly (ContainerForecast | number)[]) {
    if (typeof s === 'number') {
      if (Number.isFinite(s) && s >= 0) rates.push(s);
    } else if (s.rateSource !== 'prior' && s.health.healthy) {
      rates.push(s.ratePerDay);
      if (s.pattern) patterns.push(s.pattern);
    }
  }
  if (rates.length === 0) return undefined;
  const m = median(rates);
  const spread = rates.length >= 3 ? robustScale(rates) : 0.5 * m;
  return { ratePerDay: m, sdPerDay: Math.max(spread, MIN_RELATIVE_SD * m, 0.005), containers: rates.length, pattern: meanPattern(patterns) };
}
