/**
 * A library forecast as the API shows it: ISO times, the fallback rendered in the tenant's
 * language, the summary for container lists and the hourly points of the detail.
 */
import { explainFallback, predictFill, timeToReach, type ContainerForecast } from '../forecast/index.ts';
import type { Language } from '../platform/i18n.ts';
import type { ForecastSummary } from './schemas/forecast.ts';

const HOUR_MS = 3_600_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function health(f: ContainerForecast) {
  return { healthy: f.health.healthy, issues: f.health.issues.map((i) => ({ kind: i.kind, since: iso(i.sinceMs ?? null) })) };
}

export function forecastSummary(f: ContainerForecast): ForecastSummary {
  return {
    fillNow: f.fillNow,
    fillNextDay: predictFill(f, f.asOfMs + 24 * HOUR_MS).mean,
    timeToFull: iso(timeToReach(f, 1)),
    rateSource: f.rateSource,
    health: health(f),
  };
}

export function forecastDetail(f: ContainerForecast, o: { language: Language; mustFill: number; hours: number; interval: number }) {
  const points = [];
  for (let h = 0; h <= o.hours; h++) {
    const p = predictFill(f, f.asOfMs + h * HOUR_MS, o.interval);
    points.push({ time: new Date(p.timeMs).toISOString(), mean: p.mean, low: p.low, high: p.high });
  }
  return {
    containerId: f.containerId,
    asOf: new Date(f.asOfMs).toISOString(),
    fillNow: f.fillNow,
    fillNowSd: f.fillNowSd,
    ratePerDay: f.ratePerDay,
    rateSdPerDay: f.rateSdPerDay,
    rateSource: f.rateSource,
    health: health(f),
    fallback: f.fallback ? { code: f.fallback.code, params: { ...f.fallback.params }, message: explainFallback(f.fallback, o.language) } : null,
    lastObservation: iso(f.lastObservationMs),
    mustFill: o.mustFill,
    timeToMust: iso(timeToReach(f, o.mustFill)),
    timeToFull: iso(timeToReach(f, 1)),
    interval: o.interval,
    points,
  };
}
