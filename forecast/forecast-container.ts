/**
 * One container's forecast from its readings and emptyings: segments → spikes set aside → weekday ×
 * hour pattern → segment rates → sensor health → rate (sensor, history or prior, and why) → the
 * fill now. Pure: the same input gives the same forecast.
 */
import { expectedSegmentRate, updateWithCurrent, type RateBelief } from './combine-rate.ts';
import { estimatePattern, shrinkPattern, type Increment } from './pattern.ts';
import { fitSegment, historyRate, measurementNoise, processVariance, splitSegment, tau, type PatternTime, type SegmentFit, type SplitSegment } from './rate-estimator.ts';
import { median } from './robust.ts';
import { prepareSeries } from './segments.ts';
import { assessHealth, type HealthResult } from './sensor-health.ts';
import type { ContainerForecast, FillObservation, ForecastFallback, ForecastInput, ForecastOptions, RateSource } from './types.ts';

const DAY_MS = 86_400_000;
const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';
/** Readings whose extrapolated values are pooled into the fill now. */
const LEVEL_READINGS = 6;
/** Without any rate information: an uninformed belief rather than a confident zero. */
const UNKNOWN_RATE: RateBelief = { mean: 0.1, sd: 0.1 };

export function forecastContainer(input: ForecastInput, options: ForecastOptions = {}): ContainerForecast {
  const z = options.outlierZ ?? 4;
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const now = input.nowMs;
  const series = prepareSeries(input.observations, input.emptyings, now);
  const segments = series.segments;
  const sigma = measurementNoise(segments);

  const splits = segments.map((s) => splitSegment(s, sigma, z));
  const pattern = shrinkPattern(estimatePattern(increments(splits), timeZone), input.prior?.pattern, options.patternFullDays ?? 28);
  const pt: PatternTime = { pattern, timeZone };

  const current = splits[splits.length - 1];
  const pastFits = splits.slice(0, -1).map((s) => fitSegment(s, pt, sigma)).filter((f): f is SegmentFit => f !== null);
  let currentFit = fitSegment(current, pt, sigma);
  const history = historyRate(pastFits, now);
  const spikes = [...pastFits, ...(currentFit ? [currentFit] : [])].flatMap((f) => f.spikes);
  const health = assessHealth({
    all: series.all,
    spikes,
    nowMs: now,
    reportingIntervalS: input.reportingIntervalS,
    sigma,
    expectedRatePerDay: history?.mean ?? input.prior?.ratePerDay ?? null,
    collectionOnly: series.collectionOnly,
  });
  if (health.distrustFromMs !== null) currentFit = fitSegment(current, pt, sigma, health.distrustFromMs - 1);

  let belief: RateBelief | null;
  let rateSource: RateSource;
  let fallback: ForecastFallback | null = null;
  if (!health.healthy) {
    // The recent readings are not trusted: what the sensor said before the fault is history.
    const trusted = currentFit && !health.issues.some((i) => i.kind === 'noisy' || i.kind === 'jump') ? [...pastFits, currentFit] : pastFits;
    belief = expectedSegmentRate(historyRate(trusted, now), input.prior);
    rateSource = trusted.length > 0 ? 'history' : 'prior';
    fallback = faultFallback(health, now, rateSource);
  } else {
    belief = updateWithCurrent(expectedSegmentRate(history, input.prior), currentFit);
    rateSource = series.collectionOnly ? 'history' : pastFits.length > 0 || currentFit ? 'sensor' : 'prior';
    if (rateSource === 'prior') fallback = { code: belief ? 'short-history' : 'no-data', params: { containers: input.prior?.containers ?? 0 } };
  }
  const rate = belief ?? UNKNOWN_RATE;
  const ratePerDay = Math.max(0, rate.mean);
  const level = levelNow(current, currentFit, health, pt, now, ratePerDay, rate.sd, sigma);
  const processVarPerDay = processVariance([...pastFits, ...(currentFit ? [currentFit] : [])], pt, sigma);
  const sinceLast = Math.max(0, tau(pt, now) - tau(pt, level.lastMs ?? now));
  const lastObs = series.all[series.all.length - 1];
  return {
    containerId: input.containerId,
    asOfMs: now,
    fillNow: Math.max(0, level.fill),
    fillNowSd: Math.sqrt(level.sd ** 2 + processVarPerDay * sinceLast),
    ratePerDay,
    rateSdPerDay: rate.sd,
    rateSource,
    noiseSd: sigma,
    processVarPerDay,
    pattern,
    timeZone,
    health: { healthy: health.healthy, issues: health.issues },
    fallback,
    lastObservationMs: lastObs?.timeMs ?? null,
    segments: segments.length,
  };
}

/** Consecutive clean readings inside segments: the raw material of the pattern. */
function increments(splits: readonly SplitSegment[]): Increment[] {
  const out: Increment[] = [];
  for (const { clean } of splits) {
    for (let i = 1; i < clean.length; i++) out.push({ fromMs: clean[i - 1].timeMs, toMs: clean[i].timeMs, delta: clean[i].fill - clean[i - 1].fill });
  }
  return out;
}

interface Level {
  fill: number;
  sd: number;
  /** Time of the newest information the level rests on. */
  lastMs: number | null;
}

/** Fill now: the last clean readings carried forward at the rate (median), or the empty start of the segment. */
function levelNow(split: SplitSegment, fit: SegmentFit | null, health: HealthResult, pt: PatternTime, now: number, rate: number, rateSd: number, sigma: number): Level {
  const segment = split.segment;
  const tNow = tau(pt, now);
  const trustedUntil = health.distrustFromMs ?? Infinity;
  const clean: readonly FillObservation[] = fit ? fit.clean : split.clean.filter((p) => p.timeMs < trustedUntil);
  const noisy = health.issues.some((i) => i.kind === 'noisy' || i.kind === 'jump');
  const recent = clean.slice(-(noisy ? 2 * LEVEL_READINGS : LEVEL_READINGS));
  let level: Level;
  if (recent.length > 0) {
    const carried = recent.map((p) => p.fill + rate * (tNow - tau(pt, p.timeMs)));
    const last = recent[recent.length - 1].timeMs;
    const meanAge = recent.reduce((s, p) => s + (tNow - tau(pt, p.timeMs)), 0) / recent.length;
    level = { fill: median(carried), sd: Math.sqrt((1.2533 * sigma) ** 2 / recent.length + (rateSd * meanAge) ** 2), lastMs: last };
  } else if (segment.startFill !== null) {
    const age = tNow - tau(pt, segment.startMs);
    level = { fill: segment.startFill + rate * age, sd: Math.sqrt(0.02 ** 2 + (rateSd * age) ** 2), lastMs: segment.startMs };
  } else {
    return { fill: 0, sd: 0.3, lastMs: null };
  }
  // A reading at the full mark after the last clean one: the fill is at least that.
  const capped = segment.points.filter((p) => p.capped && p.timeMs < trustedUntil && p.timeMs > (level.lastMs ?? -Infinity));
  if (capped.length > 0) level.fill = Math.max(level.fill, capped[capped.length - 1].fill);
  return level;
}

function faultFallback(health: HealthResult, now: number, source: RateSource): ForecastFallback {
  const order = ['silent', 'stuck', 'tilted', 'jump', 'noisy'] as const;
  const issue = order.map((k) => health.issues.find((i) => i.kind === k)).find((i) => i !== undefined)!;
  const code = ({ silent: 'sensor-silent', stuck: 'sensor-stuck', tilted: 'sensor-tilted', jump: 'sensor-jumps', noisy: 'sensor-noisy' } as const)[issue.kind as (typeof order)[number]];
  const days = issue.sinceMs !== undefined ? Math.round(((now - issue.sinceMs) / DAY_MS) * 10) / 10 : 0;
  return { code, params: { days, source } };
}
