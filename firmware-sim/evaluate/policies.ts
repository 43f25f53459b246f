/**
 * The four policies of the closed loop, each a way of filling the one planning pipeline's input
 * from what is known that morning (never the true fill):
 * - `fixed`, `fixed-tuned`: the schedule says which containers are due (fixed-schedule.ts); the
 *   expected volume comes from the average rate since the last emptying;
 * - `threshold`: today's reported fill against the thresholds (what the product did before);
 * - `forecast`: the forecast of every container and the calendar (planner/visit-decision.ts).
 */
import { isoWeekday, type FillOutlook, type PlanningContainer, type PlanningPolicy } from '../../planner/index.ts';
import type { ForecastInput } from '../../forecast/types.ts';
import type { FixedSchedule } from './fixed-schedule.ts';
import type { SensorView } from './sensor-view.ts';
import type { Scenario } from '../scenario/types.ts';

export const POLICIES = ['fixed', 'fixed-tuned', 'threshold', 'forecast'] as const;
export type PolicyName = (typeof POLICIES)[number];

/** Turns one container's readings and emptyings into an outlook (the forecast library, via planner's adapter). */
export type ForecastFn = (input: ForecastInput) => FillOutlook;

export interface PolicyContext {
  readonly scenario: Scenario;
  readonly view: SensorView;
  readonly base: readonly PlanningContainer[];
  readonly basePolicy: PlanningPolicy;
  readonly schedule?: FixedSchedule;
  readonly forecast?: ForecastFn;
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
      const forecast = ctx.forecast!;
      const tz = ctx.scenario.tenant.timeZone;
      const containers = ctx.base.map((c) => {
        const v = ctx.view.of(c.id);
        const outlook = forecast({ containerId: c.id, observations: v.observations, emptyings: v.emptyings, nowMs, reportingIntervalS: 3600, timeZone: tz });
        return { ...c, fillLevel: v.lastFill, alerts: v.alerts, outlook };
      });
      return { containers, policy: { ...ctx.basePolicy, selection: 'forecast' } };
    }
  }
}
