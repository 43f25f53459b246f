/**
 * The forecast boundary (ARCHITECTURE.md): a pure library like the optimizer. Input: one
 * container's readings and emptying events (regular, sparse or collection-only) and what is known
 * of its kind; output: predicted fill over time with an interval, the time to reach a threshold,
 * and the sensor's health. Times are epoch milliseconds (UTC), fill is 0..1 (above 1 overflowing),
 * rates are fill per day.
 */

export interface FillObservation {
  readonly timeMs: number;
  readonly fill: number;
  /** The reading is at the sensor's "full" mark, so the true fill is at least this. */
  readonly capped?: boolean;
  /** Reading flags (ingest bitmask: 1 fire, 2 tilt, 4 lid open, 8 false echo suspected). */
  readonly flags?: number;
  readonly batteryPct?: number | null;
  /** The fill found at an emptying (collection-only exports): the container is empty afterwards. */
  readonly collected?: boolean;
}

export interface EmptyingEvent {
  readonly timeMs: number;
  readonly source: 'sensor' | 'driver' | 'manual';
  readonly fillBefore?: number | null;
}

/** Typical fill rate of similar containers (same fraction and type nearby), used while history is short. */
export interface RatePrior {
  readonly ratePerDay: number;
  /** Spread of the rate between containers, fill per day. */
  readonly sdPerDay: number;
  /** How many containers the prior was estimated from. */
  readonly containers: number;
  /** Their mean weekday × hour pattern, when they have one (a short history is shrunk towards it). */
  readonly pattern?: WeeklyPattern | null;
}

export interface ForecastInput {
  readonly containerId: string;
  /** Time-ordered. */
  readonly observations: readonly FillObservation[];
  readonly emptyings: readonly EmptyingEvent[];
  readonly nowMs: number;
  readonly prior?: RatePrior;
  /** Expected reporting interval of the sensor (for "silent"), seconds. */
  readonly reportingIntervalS?: number;
  /** Time zone of the weekday × hour pattern (the tenant's). */
  readonly timeZone?: string;
}

export type SensorIssueKind = 'stuck' | 'silent' | 'noisy' | 'jump' | 'tilted' | 'low-battery';

export interface SensorIssue {
  readonly kind: SensorIssueKind;
  /** When the issue started (epoch ms), when known. */
  readonly sinceMs?: number;
}

export interface SensorHealth {
  readonly healthy: boolean;
  readonly issues: readonly SensorIssue[];
}

/** Where the rate of a forecast comes from: the sensor's own recent readings, the container's history, or its kind. */
export type RateSource = 'sensor' | 'history' | 'prior';

export interface FillPrediction {
  readonly timeMs: number;
  readonly mean: number;
  /** Central interval (default 80 %). */
  readonly low: number;
  readonly high: number;
}

/**
 * When waste arrives: 168 weights, one per local hour of the week (0 = Monday 00:00 in the tenant's
 * time zone), mean 1. A flat pattern (all 1) means "at the container's mean rate all the time".
 */
export type WeeklyPattern = readonly number[];

/** Why a forecast does not rest on the sensor's own recent readings (a code + params for i18n). */
export interface ForecastFallback {
  readonly code: ForecastFallbackCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export type ForecastFallbackCode =
  | 'sensor-stuck'
  | 'sensor-silent'
  | 'sensor-noisy'
  | 'sensor-jumps'
  | 'sensor-tilted'
  | 'short-history'
  | 'no-data';

export interface ContainerForecast {
  readonly containerId: string;
  /** The moment the forecast describes (ForecastInput.nowMs). */
  readonly asOfMs: number;
  /** Estimated fill at asOfMs (not the raw last reading: cleaned, and extrapolated when the sensor is silent or stuck). */
  readonly fillNow: number;
  /** Standard deviation of fillNow. */
  readonly fillNowSd: number;
  /** Mean fill rate, fill per day (averaged over the week: the pattern distributes it). */
  readonly ratePerDay: number;
  readonly rateSdPerDay: number;
  readonly rateSource: RateSource;
  /** Measurement noise of one reading (sd of fill): predictions are of the fill as a sensor would measure it. */
  readonly noiseSd: number;
  /** Variance the fill process itself adds per (pattern-weighted) day: the waste does not arrive on a line. */
  readonly processVarPerDay: number;
  /** Weekday × hour pattern, null while history is too short (then the rate is spread evenly). */
  readonly pattern: WeeklyPattern | null;
  readonly timeZone: string;
  readonly health: SensorHealth;
  /** Set when the rate or level does not come from the sensor's recent readings. */
  readonly fallback: ForecastFallback | null;
  /** Last observation used (epoch ms), null without any. */
  readonly lastObservationMs: number | null;
  /** Emptyings seen (events and drops found in the readings), for diagnostics. */
  readonly segments: number;
}

export interface ForecastOptions {
  /** Outlier threshold on the robust residual scale (default 4). */
  readonly outlierZ?: number;
  /** Days of pattern-weighted history after which the container's own pattern is fully trusted (default 28). */
  readonly patternFullDays?: number;
}
