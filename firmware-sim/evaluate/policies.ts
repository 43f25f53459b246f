/**
 * The four policies of the closed loop, each a way of filling the one planning pipeline's input
 * from what is known that morning (never the true fill):
 * - `fixed`, `fixed-tuned`: the schedule says which containers are due (fixed-schedule.ts); the
 *   expected volume comes from the average rate since the last emptying;
 * - `threshold`: today's reported fill against the thresholds (what the product did before);
 * - `forecast`: the forecast of every container and the calendar (planner/visit-decision.ts).
 */
import { forecastContainer, ratePrior, type ContainerForecast, type ForecastInput } from '../../forecast/index.ts';
import { isoWeekday, type PlanningContainer, type PlanningPolicy } from '../../planner/index.ts';
import { outlookOf } from '../../planner/forecast-outlook.ts';
import type { FixedSchedule } from './fixed-schedule.ts';
import type { SensorView } from './sensor-view.ts';
import type { Scenario } from '../scenario/types.ts';

export const POLICIES = ['fixed', 'fixed-tuned', 'threshold', 'forecast'] as const;
export type PolicyName = (typeof POLICIES)[number];

export interface PolicyContext {
  readonly scenario: Scenario;
  readonly view: SensorView;
  readonly base: readonly PlanningContainer[];
  readonly basePolicy: PlanningPolicy;
  readonly schedule?: FixedSchedule;
  /** The forecast policy's must line (default the tenant's mustFill): the fill it must not pass before a truck comes. */
  readonly forecastMustFill?: number;
}

export function policyInput(name: PolicyName, ctx: PolicyContext, date: string, nowMs: number): { containers: PlanningContainer[]; policy: PlanningPolicy } {
  const rate = new Map(ctx.scenario.containers.map((c) => [c.id, c.dailyFillRate]));
  switch (name) {
    case 'fixed':
    case 'fixed-tuned': {
      const weekday = isoWeekday(date);
      const containers = ctx.base.map((c) => {
        const v = ctx.view.of(c.id);
        const days = v.lastEmptiedMs === null ? 7 : (nowMs - v.lastEmptiedMs) / 86_400_000;
        return { ...c, dueBySchedule: ctx.schedule!.weekdays.get(c.id)!.includes(weekday), fillLevel: Math.min(1.2, rate.get(c.id)! * days) };
      });
      return { containers, policy: { ...ctx.basePolicy, selection: 'schedule' } };
    }
    case 'threshold':
      return { containers: ctx.base.map((c) => ({ ...c, fillLevel: ctx.view.of(c.id).lastFill, alerts: ctx.view.of(c.id).alerts })), policy: { ...ctx.basePolicy, selection: 'threshold' } };
    case 'forecast': {
      const forecasts = forecastsWithPriors(ctx, nowMs);
      const containers = ctx.base.map((c, i) => ({ ...c, fillLevel: ctx.view.of(c.id).lastFill, alerts: ctx.view.of(c.id).alerts, outlook: outlookOf(forecasts[i]!) }));
      return { containers, policy: { ...ctx.basePolicy, mustFill: ctx.forecastMustFill ?? ctx.basePolicy.mustFill, selection: 'forecast' } };
    }
  }
}

/**
 * Every container's forecast, with the typical rate of its kind (same fraction and container type)
 * as prior: a first pass finds the rates of the healthy sensors; a forecast that did not rest on
 * its own sensor is made again with the prior (a healthy one would barely move: saved for speed).
 */
function forecastsWithPriors(ctx: PolicyContext, nowMs: number): ContainerForecast[] {
  const inputs: ForecastInput[] = ctx.base.map((c) => {
    const v = ctx.view.of(c.id);
    return { containerId: c.id, observations: v.observations, emptyings: v.emptyings, nowMs, reportingIntervalS: 3600, timeZone: ctx.scenario.tenant.timeZone };
  });
  const first = inputs.map((input) => forecastContainer(input));
  const kind = (i: number) => `${ctx.base[i]!.fraction}/${ctx.base[i]!.containerType ?? ''}`;
  const groups = new Map<string, ContainerForecast[]>();
  first.forEach((f, i) => groups.set(kind(i), [...(groups.get(kind(i)) ?? []), f]));
  const priors = new Map([...groups].map(([k, list]) => [k, ratePrior(list)]));
  return inputs.map((input, i) => {
    const prior = priors.get(kind(i));
    const f = first[i]!;
    return prior && (f.rateSource !== 'sensor' || !f.health.healthy) ? forecastContainer({ ...input, prior }) : f;
  });
}
