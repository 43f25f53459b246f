/**
 * One policy over simulated days in closed loop, in one process: the fleet simulator's fill and
 * sensor models produce the readings; each collection day at 06:00 the planning pipeline plans
 * from what the sensors reported; the routes are then executed at their planned arrival times (a
 * container is emptied when its truck arrives) and measured against the simulator's true fill.
 * Before the first day a warm-up gives every container a history (identical for all policies).
 */
import { collectsToday, localInstantMs, runPlanningPipeline, type PlanDay, type PlanningPolicy, type Solver } from '../../planner/index.ts';
import type { RoutingProvider } from '../../optimizer/routing/index.ts';
import { addDays } from '../../registry/collection-calendar.ts';
import type { FaultRates } from '../model/faults.ts';
import { FleetSimulator } from '../sim/fleet-simulator.ts';
import type { Scenario } from '../scenario/types.ts';
import type { FixedSchedule } from './fixed-schedule.ts';
import { policyInput, type PolicyName } from './policies.ts';
import { scenarioContainers, scenarioFacilities, scenarioVehicles } from './scenario-input.ts';
import { SensorView } from './sensor-view.ts';

const HOUR_MS = 3_600_000;
/** Warm-up emptyings: the previous regime empties what is this full, at 11:00 on weekdays. */
const WARMUP_EMPTY_AT = 0.7;

export interface LoopOptions {
  readonly scenario: Scenario;
  readonly policy: PolicyName;
  readonly seed: number;
  readonly days: number;
  /** First evaluated day, YYYY-MM-DD (local). */
  readonly startDate: string;
  readonly warmupDays: number;
  readonly faults: FaultRates;
  readonly routing: RoutingProvider;
  readonly solver?: Solver;
  /** Solver budget per day: iterations (reproducible) and a time cap. */
  readonly maxIterations: number;
  readonly timeLimitMs: number;
  readonly planningPolicy: PlanningPolicy;
  readonly schedule?: FixedSchedule;
  /** Trucks available each day (default: the scenario's fleet). */
  readonly fleetSize?: number;
  readonly forecastMustFill?: number;
  readonly onDay?: (day: DayMetrics) => void;
  /** Each hour a container spends overflowing on an evaluated day (diagnostics: which ones, why). */
  readonly onOverflowHour?: (containerId: string, timeMs: number) => void;
}

export interface DayMetrics {
  readonly date: string;
  readonly km: number;
  readonly truckHours: number;
  readonly collections: number;
  readonly trucks: number;
  readonly overflowContainerHours: number;
  /** True fill found at each emptying. */
  readonly fillsAtEmptying: readonly number[];
  readonly unassignedRequired: number;
}

export async function runClosedLoop(o: LoopOptions): Promise<DayMetrics[]> {
  return (await runClosedLoopWithFleet(o)).days;
}

/** The run and its simulator (ground truth: faults per sensor), for diagnostics. */
export async function runClosedLoopWithFleet(o: LoopOptions): Promise<{ days: DayMetrics[]; sim: FleetSimulator }> {
  const tz = o.scenario.tenant.timeZone;
  const warmStart = localInstantMs(addDays(o.startDate, -o.warmupDays), 0, tz);
  const faultWindowDays = Math.max(1, o.warmupDays + o.days / 2);
  const sim = new FleetSimulator(o.scenario, { seed: o.seed, start: warmStart, faults: o.faults, faultWindowDays });
  const view = new SensorView(o.scenario);
  const ids = o.scenario.containers.map((c) => c.id);
  const add = view.add.bind(view);
  let nextHour = warmStart + HOUR_MS;
  const firstPlanMs = localInstantMs(o.startDate, 6 * 3600, tz);
  let overflowHours = 0;
  /** Advance the world hour by hour up to t, counting hours a container spends overflowing. */
  const accountTo = (t: number) => {
    while (nextHour <= t) {
      sim.advanceTo(nextHour, add);
      for (const id of ids) {
        if (sim.fillOf(id)! <= 1) continue;
        overflowHours++;
        if (nextHour > firstPlanMs) o.onOverflowHour?.(id, nextHour);
      }
      nextHour += HOUR_MS;
    }
    sim.advanceTo(t, add);
  };
  const empty = (id: string, t: number) => {
    sim.recordCollection(id, t);
    view.emptied(id, t);
  };

  for (let d = -o.warmupDays; d < 0; d++) {
    const date = addDays(o.startDate, d);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const t = localInstantMs(date, 11 * 3600, tz);
    accountTo(t);
    for (const id of ids) if (sim.fillOf(id)! >= WARMUP_EMPTY_AT) empty(id, t);
  }

  const vehicles = scenarioVehicles(o.scenario, o.fleetSize);
  const base = scenarioContainers(o.scenario);
  const ctx = { scenario: o.scenario, view, base, basePolicy: o.planningPolicy, schedule: o.schedule, forecastMustFill: o.forecastMustFill };
  const out: DayMetrics[] = [];
  for (let d = 0; d < o.days; d++) {
    const date = addDays(o.startDate, d);
    const planAt = localInstantMs(date, 6 * 3600, tz);
    accountTo(planAt);
    // The day runs from this plan to the next: overflow hours are counted over that span.
    const before = overflowHours;
    const day: PlanDay = { date, timeZone: tz, calendar: { weekdays: {}, exceptions: [] } };
    let metrics = { km: 0, truckHours: 0, collections: 0, trucks: 0, unassignedRequired: 0 };
    const fills: number[] = [];
    if (collectsToday(day, 'residual')) {
      const { containers, policy } = policyInput(o.policy, ctx, date, planAt);
      const { result } = await runPlanningPipeline(
        { containers, vehicles, facilities: scenarioFacilities(o.scenario, date), policy, day },
        { routing: o.routing, solver: o.solver, timeLimitMs: o.timeLimitMs, maxIterations: o.maxIterations, seed: o.seed * 1000 + d },
      );
      const visits = result.routes.flatMap((r) => r.stops.filter((s) => s.kind === 'job').map((s) => ({ id: s.containerId!, t: localInstantMs(date, s.arrivalS, tz) })));
      visits.sort((a, b) => a.t - b.t || a.id.localeCompare(b.id));
      for (const v of visits) {
        accountTo(v.t);
        fills.push(sim.fillOf(v.id)!);
        empty(v.id, v.t);
      }
      const used = result.routes.filter((r) => r.stops.some((s) => s.kind === 'job'));
      metrics = {
        km: used.reduce((a, r) => a + r.distanceM, 0) / 1000,
        truckHours: used.reduce((a, r) => a + r.durationS, 0) / 3600,
        collections: visits.length,
        trucks: used.length,
        unassignedRequired: result.unassigned.filter((u) => u.required).length,
      };
    }
    accountTo(localInstantMs(addDays(date, 1), 6 * 3600, tz));
    const m: DayMetrics = { date, ...metrics, overflowContainerHours: overflowHours - before, fillsAtEmptying: fills };
    out.push(m);
    o.onDay?.(m);
  }
  return { days: out, sim };
}
