/**
 * The rules that decide one container's visit on a plan day (pure):
 * - an open fire alert → emergency dispatch (flagged separately, never a routine stop);
 * - not a collection day of its fraction (calendar, holidays) → skip;
 * - fixed schedule (`selection: 'schedule'`) → must when due, else skip;
 * - an open overflow alert → must;
 * - with a forecast (`outlook`) and the calendar: must when P(fill ≥ mustFill by the end of the next
 *   collection day of its fraction) ≥ mustProbability; optional when that is likely by the
 *   opportunity after the next (collecting today saves that visit: the prize is the part of a
 *   visit it saves, prizePerFill × fill × that probability); else skip;
 * - without one: today's fill against the thresholds (must / optional with prizePerFill × fill / skip).
 * Thresholds per fraction and container type come from the tenant settings (`thresholdsFor`).
 */
import { DEFAULT_TENANT_SETTINGS, thresholdsFor, type FillThresholds } from '../registry/tenant-settings.ts';
import { pct, type ReasonParams, type VisitDecision, type VisitKind } from './decisions.ts';
import { collectsToday, nextOpportunity } from './opportunity.ts';
import type { FillOutlook } from './outlook.ts';
import type { PlanDay, PlanningContainer, PlanningPolicy } from './types.ts';

export const DEFAULT_MUST_PROBABILITY = 0.9;
export const DEFAULT_OPTIONAL_PROBABILITY = 0.5;

export interface DecisionContext {
  readonly policy: PlanningPolicy;
  readonly day?: PlanDay;
  /** When today's trucks are expected at a container (the middle of the shift), epoch ms. */
  readonly collectAtMs?: number;
  /** End of the shift, seconds since local midnight: the latest a truck comes by on a day. */
  readonly shiftEndS: number;
}

export function thresholdsOf(c: PlanningContainer, policy: PlanningPolicy): FillThresholds {
  const settings = { ...DEFAULT_TENANT_SETTINGS, thresholds: { mustFill: policy.mustFill, mayFill: policy.mayFill }, thresholdsByFraction: policy.thresholdsByFraction ?? {} };
  return thresholdsFor(settings, c.fraction, c.containerType);
}

export function measuredFillOf(c: PlanningContainer): number | null {
  const f = c.forecastFill ?? c.fillLevel;
  return f === null || f === undefined || Number.isNaN(f) ? null : f;
}

type Draft = Omit<VisitDecision, 'containerId' | 'fraction'>;

const decision = (kind: VisitKind, code: string, params: ReasonParams, fillNow: number | null, expectedFill: number | null, prize?: number): Draft => ({
  kind, code, params, fillNow, expectedFill, ...(prize === undefined ? {} : { prize }),
});

export function decideVisit(c: PlanningContainer, ctx: DecisionContext): VisitDecision {
  const d = draftDecision(c, ctx);
  return { containerId: c.id, fraction: c.fraction, ...d };
}

function draftDecision(c: PlanningContainer, ctx: DecisionContext): Draft {
  const { policy, day } = ctx;
  // An explicit expected fill (re-optimising a running day) wins; then the forecast's estimate of now.
  const measured = c.forecastFill ?? c.outlook?.fillNow ?? measuredFillOf(c);
  const expected = c.outlook && ctx.collectAtMs !== undefined ? c.outlook.predictFill(ctx.collectAtMs) : measured;
  const base = { fill: pct(measured), fraction: c.fraction };
  if (c.alerts?.includes('fire')) return decision('emergency', 'emergency.fire', base, measured, expected);
  if (policy.fractions && !policy.fractions.includes(c.fraction)) return decision('skip', 'skip.fraction-not-planned', base, measured, expected);
  if (day && !collectsToday(day, c.fraction)) {
    const holiday = day.calendar.exceptions.find((e) => e.date === day.date && !e.collect && (!e.fractions || e.fractions.includes(c.fraction)));
    const next = nextOpportunity(day, c.fraction, ctx.shiftEndS);
    return decision('skip', 'skip.no-collection-day', { ...base, next: next.date, holiday: holiday?.name ?? null }, measured, expected);
  }
  if (policy.selection === 'schedule') {
    return c.dueBySchedule ? decision('must', 'must.schedule', base, measured, expected) : decision('skip', 'skip.schedule', base, measured, expected);
  }
  if (c.alerts?.includes('overflow')) return decision('must', 'must.alert-overflow', base, measured, expected);
  const t = thresholdsOf(c, policy);
  if (c.outlook && day && policy.selection !== 'threshold') return forecastDecision(c.outlook, t, ctx, day, c.fraction, base);
  if (measured === null) return decision('skip', 'skip.no-data', base, null, null);
  const params = { ...base, must: pct(t.mustFill), may: pct(t.mayFill) };
  if (measured >= t.mustFill) return decision('must', 'must.threshold', params, measured, expected);
  if (measured >= t.mayFill) return decision('optional', 'optional.threshold', params, measured, expected, policy.prizePerFill * measured);
  return decision('skip', 'skip.threshold', params, measured, expected);
}

function forecastDecision(o: FillOutlook, t: FillThresholds, ctx: DecisionContext, day: PlanDay, fraction: PlanningContainer['fraction'], base: ReasonParams): Draft {
  const collectAt = ctx.collectAtMs ?? o.asOfMs;
  const expected = o.predictFill(collectAt);
  const next = nextOpportunity(day, fraction, ctx.shiftEndS);
  const pMust = o.probabilityAtLeast(t.mustFill, next.byMs);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const params: ReasonParams = {
    ...base,
    ...sourceParams(o),
    must: pct(t.mustFill),
    next: next.date,
    fillNext: pct(o.predictFill(next.byMs)),
    probability: pct(pMust),
  };
  if (pMust >= (ctx.policy.mustProbability ?? DEFAULT_MUST_PROBABILITY)) {
    const fullAt = o.timeToReach(1);
    // "full Thursday 14:00" when it overflows before the next round, else when it reaches the must
    // line (or that it is above it already).
    const code = fullAt !== null && fullAt <= next.byMs ? 'must.forecast-full' : o.fillNow >= t.mustFill ? 'must.forecast-over' : 'must.forecast';
    return decision('must', code, { ...params, fullAt: iso(fullAt), mustAt: iso(o.timeToReach(t.mustFill)) }, o.fillNow, expected);
  }
  const after = nextOpportunity(day, fraction, ctx.shiftEndS, next.date);
  const pAfter = o.probabilityAtLeast(t.mustFill, after.byMs);
  if (expected >= t.mayFill && pAfter >= (ctx.policy.optionalProbability ?? DEFAULT_OPTIONAL_PROBABILITY)) {
    const prize = ctx.policy.prizePerFill * expected * pAfter;
    return decision('optional', 'optional.forecast', { ...params, after: after.date, probabilityAfter: pct(pAfter), prize: Math.round(prize * 10) / 10 }, o.fillNow, expected, prize);
  }
  return decision('skip', 'skip.forecast', params, o.fillNow, expected);
}

/** Where the rate came from and why: the sensor itself, or a fallback with the sensor's first issue. */
function sourceParams(o: FillOutlook): ReasonParams {
  if (o.rateSource === 'sensor') return { source: 'sensor' };
  const issue = o.health.issues[0];
  const silentDays = o.lastReadingMs === undefined ? null : Math.max(1, Math.round((o.asOfMs - o.lastReadingMs) / 86_400_000));
  return { source: o.rateSource, issue: issue?.kind ?? null, ...(issue?.kind === 'silent' ? { days: silentDays } : {}) };
}
