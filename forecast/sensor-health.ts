/**
 * Is the sensor telling the truth? Each check looks at the tail of the series, where a fault
 * matters for the forecast:
 * - stuck: the same value again and again while the rate says the fill should have moved;
 * - silent: no report for much longer than the sensor's interval;
 * - noisy: readings scatter far more than an ultrasonic sensor does;
 * - jump: many implausible jumps (spikes) lately;
 * - tilted: the sensor flags tilt (its echo then comes from the wall);
 * - low-battery: a warning only, the readings are still good until it dies.
 * A collection-only series has no sensor, so it has no sensor issues.
 */
import type { FillObservation, SensorHealth, SensorIssue, SensorIssueKind } from './types.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const TILT_FLAG = 2;
/** Readings in a row with one value, and the time they span, before "stuck" is considered. */
const STUCK_MIN_READINGS = 6;
const STUCK_MIN_MS = 12 * HOUR_MS;
/** Movement the rate predicts over the stuck run that makes it implausible. */
const STUCK_MIN_MOVE = 0.05;
const SILENT_INTERVALS = 6;
const SILENT_MIN_MS = 6 * HOUR_MS;
/** Noise (sd of fill) above which a sensor is noisy: ultrasonic sensors do about 0.01. */
const NOISY_SIGMA = 0.06;
const JUMP_SIZE = 0.3;
const JUMP_WINDOW_MS = 2 * DAY_MS;
const JUMP_COUNT = 4;
const JUMP_SHARE = 0.1;
const LOW_BATTERY_PCT = 10;

/** Issues that make the sensor's recent readings unfit for the rate and level. */
export const DISQUALIFYING: readonly SensorIssueKind[] = ['stuck', 'silent', 'tilted', 'noisy', 'jump'];

export interface HealthInput {
  readonly all: readonly FillObservation[];
  readonly spikes: readonly FillObservation[];
  readonly nowMs: number;
  readonly reportingIntervalS?: number;
  readonly sigma: number;
  /** Expected fill per real day (history or prior), to tell stuck from quiet; null when unknown. */
  readonly expectedRatePerDay: number | null;
  readonly collectionOnly: boolean;
}

export interface HealthResult extends SensorHealth {
  /** Readings from this time on are not trusted (stuck or tilted since then). */
  readonly distrustFromMs: number | null;
}

export function assessHealth(h: HealthInput): HealthResult {
  if (h.collectionOnly) return { healthy: true, issues: [], distrustFromMs: null };
  const issues: SensorIssue[] = [];
  let distrust: number | null = null;
  const readings = h.all.filter((o) => !o.collected);
  const last = readings[readings.length - 1];

  const stuckSince = stuckRunStart(readings, h.expectedRatePerDay);
  if (stuckSince !== null) {
    issues.push({ kind: 'stuck', sinceMs: stuckSince });
    distrust = stuckSince;
  }

  if (last) {
    const intervalMs = h.reportingIntervalS ? h.reportingIntervalS * 1000 : medianGapMs(readings);
    if (h.nowMs - last.timeMs > Math.max(SILENT_INTERVALS * intervalMs, SILENT_MIN_MS)) issues.push({ kind: 'silent', sinceMs: last.timeMs });
  }

  const tail = readings.slice(-3);
  if (tail.length > 0 && tail.filter((o) => (o.flags ?? 0) & TILT_FLAG).length >= Math.min(2, tail.length)) {
    let i = readings.length - 1;
    while (i > 0 && (readings[i - 1].flags ?? 0) & TILT_FLAG) i--;
    issues.push({ kind: 'tilted', sinceMs: readings[i].timeMs });
    distrust = distrust === null ? readings[i].timeMs : Math.min(distrust, readings[i].timeMs);
  }

  if (h.sigma > NOISY_SIGMA) issues.push({ kind: 'noisy' });

  if (last) {
    const from = last.timeMs - JUMP_WINDOW_MS;
    const recent = readings.filter((o) => o.timeMs > from).length;
    const jumps = jumpCount(readings.filter((o) => o.timeMs > from), h.spikes);
    if (jumps >= JUMP_COUNT && jumps >= JUMP_SHARE * recent) issues.push({ kind: 'jump' });
  }

  if (last && last.batteryPct !== null && last.batteryPct !== undefined && last.batteryPct <= LOW_BATTERY_PCT) issues.push({ kind: 'low-battery', sinceMs: last.timeMs });

  return { healthy: !issues.some((i) => DISQUALIFYING.includes(i.kind)), issues, distrustFromMs: distrust };
}

/** Start of a trailing run of identical values that the rate says cannot be real, else null. */
function stuckRunStart(readings: readonly FillObservation[], ratePerDay: number | null): number | null {
  if (readings.length < STUCK_MIN_READINGS) return null;
  const value = readings[readings.length - 1].fill;
  let i = readings.length - 1;
  while (i > 0 && Math.abs(readings[i - 1].fill - value) < 1e-6) i--;
  const run = readings.length - i;
  const spanMs = readings[readings.length - 1].timeMs - readings[i].timeMs;
  if (run < STUCK_MIN_READINGS || spanMs < STUCK_MIN_MS) return null;
  // Without a rate to compare with, only a value frozen for two days is suspicious.
  if (ratePerDay === null) return spanMs >= 2 * DAY_MS ? readings[i].timeMs : null;
  return ratePerDay * (spanMs / DAY_MS) >= STUCK_MIN_MOVE ? readings[i].timeMs : null;
}

function jumpCount(recent: readonly FillObservation[], spikes: readonly FillObservation[]): number {
  const spikeTimes = new Set(spikes.map((s) => s.timeMs));
  let n = 0;
  for (let i = 1; i < recent.length; i++) {
    if (spikeTimes.has(recent[i].timeMs) && Math.abs(recent[i].fill - recent[i - 1].fill) >= JUMP_SIZE) n++;
  }
  return n;
}

function medianGapMs(readings: readonly FillObservation[]): number {
  const gaps: number[] = [];
  for (let i = Math.max(1, readings.length - 50); i < readings.length; i++) gaps.push(readings[i].timeMs - readings[i - 1].timeMs);
  if (gaps.length === 0) return HOUR_MS;
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1];
}
