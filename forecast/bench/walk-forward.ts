/**
 * Walk-forward accuracy: every observation from a container's fourth on is predicted from the
 * earlier ones only, by the forecast and by a naive baseline (the previous interval's rate,
 * continued from the previous observation; empty after a collection). Readings at the full mark
 * (100 %) are predicted but not scored: their true fill is unknown. Both predictions are held to
 * the measurable range 0..1, since a reading cannot be outside it. On simulated series the
 * scoring can use the real fill instead (`againstTruth`), where a full or overflowing container
 * (real fill ≥ 1) is not scored either.
 */
import { forecastContainer } from '../forecast-container.ts';
import { predictFill } from '../predict.ts';
import type { EmptyingEvent, FillObservation } from '../types.ts';
import { toObservation, type SeriesRow } from './series-csv.ts';

export interface AccuracyResult {
  observations: number;
  containers: number;
  mae_forecast: number;
  mae_naive: number;
  ratio: number;
}

export interface WalkForwardOptions {
  /** History handed to the forecast (days before the predicted observation), as the API loads it. */
  lookbackDays?: number;
  timeZone?: string;
  /**
   * Score against the real fill instead of the reading (simulated series only): a stuck or tilted
   * sensor's readings are then errors of the sensor, not of the forecast.
   */
  againstTruth?: boolean;
  /** Called after each container (progress bars). */
  onContainer?: (done: number) => void;
}

const FIRST_SCORED = 3;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function walkForward(series: ReadonlyMap<string, readonly SeriesRow[]>, options: WalkForwardOptions = {}): AccuracyResult {
  const lookbackMs = (options.lookbackDays ?? 21) * 86_400_000;
  let n = 0;
  let errForecast = 0;
  let errNaive = 0;
  let containers = 0;
  let done = 0;
  for (const rows of series.values()) {
    const obs: FillObservation[] = rows.map(toObservation);
    let scoredHere = 0;
    let from = 0;
    for (let i = FIRST_SCORED; i < rows.length; i++) {
      const target = rows[i];
      const prev = rows[i - 1];
      const prev2 = rows[i - 2];
      if (target.timeMs <= prev.timeMs) continue;
      while (rows[from].timeMs < target.timeMs - lookbackMs) from++;
      const history = obs.slice(from, i);
      const emptyings: EmptyingEvent[] = [];
      const f = forecastContainer({ containerId: target.containerId, observations: history, emptyings, nowMs: prev.timeMs, timeZone: options.timeZone });
      const forecast = clamp01(predictFill(f, target.timeMs).mean);
      const naive = clamp01(naivePrediction(prev2, prev, target.timeMs));
      const actual = options.againstTruth ? target.trueFill : target.fill;
      if (actual === undefined || actual >= 1) continue;
      errForecast += Math.abs(forecast - actual);
      errNaive += Math.abs(naive - actual);
      n++;
      scoredHere++;
    }
    if (scoredHere > 0) containers++;
    options.onContainer?.(++done);
  }
  const maeForecast = n ? errForecast / n : NaN;
  const maeNaive = n ? errNaive / n : NaN;
  return { observations: n, containers, mae_forecast: round(maeForecast), mae_naive: round(maeNaive), ratio: round(maeForecast / maeNaive) };
}

/** The previous interval's rate, continued: what a fill shows after a collection is empty. */
export function naivePrediction(prev2: SeriesRow, prev: SeriesRow, timeMs: number): number {
  const startFill = prev2.collected ? 0 : prev2.fill;
  const dt = prev.timeMs - prev2.timeMs;
  const rate = dt > 0 ? (prev.fill - startFill) / dt : 0;
  const from = prev.collected ? 0 : prev.fill;
  return from + rate * (timeMs - prev.timeMs);
}

const round = (x: number) => Math.round(x * 1e5) / 1e5;
