/**
 * Predictions from a forecast: the fill at a time with a central interval, the probability of
 * being at least some fill, and when a fill is reached with a given probability. The fill grows at
 * the rate in pattern time; its variance adds the uncertainty of the fill now, the sensor's noise
 * (so an interval is where a reading will be), the rate's (growing with the square of the
 * horizon) and the filling's own (growing with the horizon).
 */
import { normalCdf, normalQuantile } from './normal.ts';
import { patternDays } from './pattern.ts';
import type { ContainerForecast, FillPrediction } from './types.ts';

const HOUR_MS = 3_600_000;
/** timeToReach looks this far ahead. */
export const HORIZON_MS = 60 * 86_400_000;
const SEARCH_STEP_MS = 6 * HOUR_MS;

function meanAndSd(f: ContainerForecast, timeMs: number): { mean: number; sd: number } {
  const days = Math.max(0, patternDays(f.pattern, f.timeZone, timeMs) - patternDays(f.pattern, f.timeZone, f.asOfMs));
  const variance = f.fillNowSd ** 2 + f.noiseSd ** 2 + (f.rateSdPerDay * days) ** 2 + f.processVarPerDay * days;
  return { mean: f.fillNow + f.ratePerDay * days, sd: Math.sqrt(variance) };
}

/** Fill at `timeMs` (not before asOfMs) with a central interval (default 80 %); the low end never below empty. */
export function predictFill(f: ContainerForecast, timeMs: number, interval = 0.8): FillPrediction {
  if (!(interval > 0 && interval < 1)) throw new RangeError(`interval ${interval} must be in (0, 1)`);
  const { mean, sd } = meanAndSd(f, timeMs);
  const z = normalQuantile(0.5 + interval / 2);
  return { timeMs, mean, low: Math.max(0, mean - z * sd), high: mean + z * sd };
}

/** P(fill(timeMs) ≥ fill). */
export function probabilityAtLeast(f: ContainerForecast, fill: number, timeMs: number): number {
  const { mean, sd } = meanAndSd(f, timeMs);
  if (!(sd > 0)) return mean >= fill ? 1 : 0;
  return 1 - normalCdf((fill - mean) / sd);
}

/**
 * First time (epoch ms, to the minute) at which the fill is at least `fill` with `probability`
 * (default 0.5: the expected time), asOfMs when already so, null when not within 60 days.
 */
export function timeToReach(f: ContainerForecast, fill: number, probability = 0.5): number | null {
  if (!(probability > 0 && probability < 1)) throw new RangeError(`probability ${probability} must be in (0, 1)`);
  const reached = (t: number) => probabilityAtLeast(f, fill, t) >= probability;
  if (reached(f.asOfMs)) return f.asOfMs;
  let lo = f.asOfMs;
  for (let t = f.asOfMs + SEARCH_STEP_MS; t <= f.asOfMs + HORIZON_MS; t += SEARCH_STEP_MS) {
    if (reached(t)) {
      let hi = t;
      while (hi - lo > 60_000) {
        const mid = (lo + hi) / 2;
        if (reached(mid)) hi = mid;
        else lo = mid;
      }
      return Math.ceil(hi / 60_000) * 60_000;
    }
    lo = t;
  }
  return null;
}
