/**
 * What the selection needs to know of a container's future fill: the forecast library's
 * `ContainerForecast` seen through the few questions the planner asks (`forecast-outlook.ts`
 * makes one from a forecast). Kept as an interface so the selection rules are tested on hand-made
 * outlooks with exactly known probabilities. Times are epoch ms, fill 0..1 (above 1 overflowing).
 */
import type { RateSource, SensorHealth } from '../forecast/types.ts';

export interface FillOutlook {
  /** When the estimate was made (the plan's "now"). */
  readonly asOfMs: number;
  /** Estimated fill at asOfMs. */
  readonly fillNow: number;
  readonly ratePerDay: number;
  /** Where the rate comes from: the sensor's own readings, the container's history, or its kind. */
  readonly rateSource: RateSource;
  readonly health: SensorHealth;
  /** The last reading the estimate rests on, when any (for "sensor silent for 3 days"). */
  readonly lastReadingMs?: number;
  /** Expected (mean) fill at a time. */
  predictFill(timeMs: number): number;
  /** P(fill at timeMs ≥ fill). */
  probabilityAtLeast(fill: number, timeMs: number): number;
  /** When the fill reaches `fill` with this probability (default 0.5), null when not within the forecast's horizon. */
  timeToReach(fill: number, probability?: number): number | null;
}
