/**
 * Every policy of one closed-loop evaluation, one after the other, each from the same seed (the
 * same city, rates, sensor faults and warm-up), and their summaries side by side.
 */
import { DEFAULT_POLICY, type PlanningPolicy, type Solver } from '../../planner/index.ts';
import type { RoutingProvider } from '../../optimizer/routing/index.ts';
import { addDays } from '../../registry/collection-calendar.ts';
import { localInstantMs } from '../../planner/index.ts';
import { NO_FAULTS, type FaultRates } from '../model/faults.ts';
import type { Scenario } from '../scenario/types.ts';
import { runClosedLoop, type DayMetrics } from './closed-loop.ts';
import { overflowShares, sizeFixedSchedule, type FixedSchedule } from './fixed-schedule.ts';
import type { PolicyName } from './policies.ts';
import { summarize, type PolicySummary } from './summary.ts';

export interface EvaluateOptions {
  readonly scenario: Scenario;
  readonly policies: readonly PolicyName[];
  readonly days: number;
  readonly seed: number;
  /** A Monday, YYYY-MM-DD. */
  readonly startDate: string;
  readonly warmupDays: number;
  /** Share of sensors broken (dead, stuck, tilted, weak battery in equal parts). */
  readonly faultyShare: number;
  readonly maxIterations: number;
  readonly timeLimitMs: number;
  readonly routing: RoutingProvider;
  readonly solver?: Solver;
  /** Trucks available each day (default: the scenario's fleet). */
  readonly fleetSize?: number;
  /** The forecast policy's must line (default the planning policy's mustFill). */
  readonly forecastMustFill?: number;
  readonly planningPolicy?: PlanningPolicy;
  readonly onDay?: (policy: PolicyName, day: DayMetrics) => void;
}

export interface EvaluationResult {
  readonly seed: number;
  readonly settings: Record<string, unknown>;
  readonly policies: Partial<Record<PolicyName, PolicySummary>>;
  readonly days: Map<PolicyName, DayMetrics[]>;
}

export function faultRatesFor(share: number): FaultRates {
  const part = share / 4;
  return { ...NO_FAULTS, dead: part, stuck: part, tilt: part, lowBattery: part };
}

export async function evaluatePolicies(o: EvaluateOptions): Promise<EvaluationResult> {
  const planningPolicy = o.planningPolicy ?? DEFAULT_POLICY;
  // Schedules are sized on a separate run of the fill model starting on a local Monday.
  const sizingStart = localInstantMs(addDays(o.startDate, -7 * 52), 0, o.scenario.tenant.timeZone);
  const needsSchedule = o.policies.some((p) => p === 'fixed' || p === 'fixed-tuned');
  const shares = needsSchedule ? overflowShares(o.scenario, o.seed, sizingStart) : new Map<number, Float64Array>();
  const schedules: Partial<Record<PolicyName, FixedSchedule>> = {};
  if (o.policies.includes('fixed')) schedules.fixed = sizeFixedSchedule(o.scenario, shares, false);
  if (o.policies.includes('fixed-tuned')) schedules['fixed-tuned'] = sizeFixedSchedule(o.scenario, shares, true);
  const faults = faultRatesFor(o.faultyShare);
  const days = new Map<PolicyName, DayMetrics[]>();
  const policies: Partial<Record<PolicyName, PolicySummary>> = {};
  for (const policy of o.policies) {
    const run = await runClosedLoop({
      scenario: o.scenario, policy, seed: o.seed, days: o.days, startDate: o.startDate, warmupDays: o.warmupDays, faults,
      routing: o.routing, solver: o.solver, maxIterations: o.maxIterations, timeLimitMs: o.timeLimitMs, planningPolicy,
      schedule: schedules[policy], fleetSize: o.fleetSize, forecastMustFill: o.forecastMustFill, onDay: (d) => o.onDay?.(policy, d),
    });
    days.set(policy, run);
    policies[policy] = summarize(run);
  }
  const tuned = schedules['fixed-tuned'];
  return {
    seed: o.seed,
    settings: {
      scenario: o.scenario.name, containers: o.scenario.containers.length, vehicles: o.fleetSize ?? o.scenario.vehicles.length, days: o.days, startDate: o.startDate,
      warmupDays: o.warmupDays, faultyShare: o.faultyShare, faults, maxIterationsPerDay: o.maxIterations, timeLimitMsPerDay: o.timeLimitMs,
      mustFill: planningPolicy.mustFill, mayFill: planningPolicy.mayFill, prizePerFill: planningPolicy.prizePerFill,
      forecastMustFill: o.forecastMustFill ?? planningPolicy.mustFill, mustProbability: planningPolicy.mustProbability ?? 0.9, calendar: 'Monday–Friday',
      ...(schedules.fixed ? { fixedFrequencyPerFraction: schedules.fixed.frequency } : {}),
      ...(tuned ? { fixedTunedFrequencies: countBy(Object.values(tuned.frequency)) } : {}),
    },
    policies,
    days,
  };
}

/** How many containers got each weekly frequency ("2": 150 …). */
function countBy(values: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
