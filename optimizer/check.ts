/**
 * Check mode (as in VROOM): simulate given routes step by step and report every broken rule with
 * the job or vehicle and the constraint named, plus the schedule and the cost. The solver uses the
 * same simulation to produce its output, so the schedule a driver sees is the one checked here.
 * Rules that need the stop order only (fractions, daily limits) are in check-rules.ts.
 */
import type { DisposalFacility, Problem, Vehicle } from './model/problem.ts';
import type { CheckResult, CostBreakdown, PlannedRoute, Route, Step, Violation } from './model/solution.ts';
import { matrixSize } from './model/instance.ts';
import { routeRuleViolations } from './check-rules.ts';

const EPS = 1e-6;

function reader(m: Problem['matrix']['durations'], size: number): (i: number, j: number) => number {
  if (m instanceof Float64Array) return (i, j) => m[i * size + j];
  return (i, j) => m[i][j];
}

interface Ctx {
  readonly problem: Problem;
  readonly dur: (i: number, j: number) => number;
  readonly dist: (i: number, j: number) => number;
  readonly jobIndex: Map<string, number>;
  readonly facilities: Map<string, DisposalFacility>;
  readonly violations: Violation[];
}

function rates(v: Vehicle): { perM: number; perS: number } {
  const none = v.costPerKm === undefined && v.costPerHour === undefined;
  return { perM: none ? 1 / 1000 : (v.costPerKm ?? 0) / 1000, perS: (v.costPerHour ?? 0) / 3600 };
}

interface Walk {
  steps: Step[];
  now: number;
  distance: number;
  /** Largest later departure that shortens the route without making any stop late. */
  slack: number;
}

/** Drives the route from `depart`; records violations only when `record` is set. */
function walk(ctx: Ctx, plan: PlannedRoute, vehicle: Vehicle, depart: number, record: Violation[] | null, served: Set<string> | null): Walk {
  const { problem, dur, dist } = ctx;
  const push = (v: Violation) => record?.push(v);
  // Load on board at the start (re-optimising during the day) fills the first trip.
  const load = vehicle.capacity.map((_, k) => vehicle.initialLoad?.[k] ?? 0);
  const breaks = new Map((vehicle.breaks ?? []).map((b) => [b.id, b]));
  const seenBreaks = new Set<string>();
  const steps: Step[] = [];
  let now = depart;
  let at = vehicle.start;
  let distance = 0;
  let waited = 0;
  let slack = Infinity;
  steps.push({ type: 'start', id: vehicle.id, location: at, arrival: now, serviceStart: now, waitingS: 0, load: [...load], distanceM: 0 });
  /** Drives to `location` and waits for `window` to open; returns the arrival, `now` is the service start. */
  const arrive = (location: number, window: readonly [number, number]): number => {
    now += dur(at, location);
    distance += dist(at, location);
    at = location;
    const arrival = now;
    now = Math.max(arrival, window[0]);
    waited += now - arrival;
    slack = Math.min(slack, window[1] - now + waited);
    return arrival;
  };
  for (const id of plan.jobs) {
    const b = breaks.get(id);
    if (b) {
      if (seenBreaks.has(id)) push({ name: id, constraint: 'break', reason: 'break planned twice' });
      seenBreaks.add(id);
      const start = Math.max(now, b.window[0]);
      if (start > b.window[1] + EPS) push({ name: id, constraint: 'break', reason: `break starts at ${start}, after its window closes at ${b.window[1]}` });
      waited += start - now;
      slack = Math.min(slack, b.window[1] - start + waited);
      steps.push({ type: 'break', id, location: at, arrival: now, serviceStart: start, waitingS: start - now, load: [...load], distanceM: distance });
      now = start + b.durationS;
      continue;
    }
    const fac = ctx.facilities.get(id);
    if (fac && !ctx.jobIndex.has(id)) {
      const open = fac.openWindow ?? [-Infinity, Infinity];
      const arrival = arrive(fac.location, open);
      const start = now;
      if (start > open[1] + EPS) push({ name: id, constraint: 'unload', reason: `unloading starts at ${start}, after facility ${id} closes at ${open[1]}` });
      load.fill(0);
      steps.push({ type: 'unload', id, location: at, arrival, serviceStart: start, waitingS: start - arrival, load: [...load], distanceM: distance });
      now = start + (fac.unloadS ?? 0);
      continue;
    }
    const j = ctx.jobIndex.get(id);
    if (j === undefined) {
      push({ name: id, constraint: 'unknown-job', reason: `not a job or a break of vehicle ${vehicle.id}` });
      continue;
    }
    if (served) {
      if (served.has(id)) push({ name: id, constraint: 'duplicate-job', reason: 'planned more than once' });
      served.add(id);
    }
    const job = problem.jobs[j];
    if (job.allowedVehicles && !job.allowedVehicles.includes(vehicle.id)) {
      push({ name: id, constraint: 'allowed-vehicles', reason: `vehicle ${vehicle.id} is not allowed` });
    }
    const tw = job.timeWindow ?? [-Infinity, Infinity];
    const arrival = arrive(job.location, tw);
    const start = now;
    if (start > tw[1] + EPS) push({ name: id, constraint: 'time-window', reason: `service starts at ${start}, after the window closes at ${tw[1]}` });
    (job.demand ?? []).forEach((d, k) => (load[k] = (load[k] ?? 0) + d));
    for (let k = 0; k < load.length; k++) {
      if (load[k] > (vehicle.capacity[k] ?? 0) + EPS) {
        push({ name: id, constraint: 'capacity', reason: `load ${load[k]} above capacity ${vehicle.capacity[k] ?? 0} in dimension ${k} of vehicle ${vehicle.id}` });
      }
    }
    steps.push({ type: 'job', id, location: at, arrival, serviceStart: start, waitingS: start - arrival, load: [...load], distanceM: distance });
    now = start + (job.serviceS ?? 0);
  }
  const end = vehicle.end ?? vehicle.start;
  now += dur(at, end);
  distance += dist(at, end);
  const shiftEnd = vehicle.shift?.[1] ?? Infinity;
  slack = Math.min(slack, shiftEnd - now + waited, waited);
  steps.push({ type: 'end', id: vehicle.id, location: end, arrival: now, serviceStart: now, waitingS: 0, load: [...load], distanceM: distance });
  if (record && ctx.problem.disposalTrips && ctx.facilities.size > 0 && load.some((l) => l > EPS)) {
    push({ name: vehicle.id, constraint: 'unload', reason: 'returns to the depot loaded: the last trip must end at a facility' });
  }
  if (record) {
    const used = plan.jobs.some((id) => ctx.jobIndex.has(id));
    if (used) {
      for (const b of vehicle.breaks ?? []) {
        if (!seenBreaks.has(b.id)) push({ name: b.id, constraint: 'break', reason: `break of vehicle ${vehicle.id} not planned` });
      }
    }
  }
  return { steps, now, distance, slack };
}

function simulate(ctx: Ctx, plan: PlannedRoute, vehicle: Vehicle, served: Set<string>): Route {
  const { problem, dur, violations } = ctx;
  // First leave at the start of the shift (or to reach the first stop as it opens), then leave
  // later by the slack that removes waiting without making anything late.
  let depart = vehicle.shift?.[0] ?? 0;
  if (vehicle.shift === undefined) {
    const first = plan.jobs.map((id) => ctx.jobIndex.get(id)).find((i) => i !== undefined);
    const open = first === undefined ? -Infinity : (problem.jobs[first].timeWindow?.[0] ?? -Infinity);
    if (first !== undefined && Number.isFinite(open)) depart = open - dur(vehicle.start, problem.jobs[first].location);
  }
  const probe = walk(ctx, plan, vehicle, depart, null, null);
  if (probe.slack > 0 && Number.isFinite(probe.slack)) depart += probe.slack;
  const { steps, now, distance } = walk(ctx, plan, vehicle, depart, violations, served);

  const shift = vehicle.shift ?? [-Infinity, Infinity];
  if (depart < shift[0] - EPS) violations.push({ name: vehicle.id, constraint: 'shift', reason: `leaves at ${depart}, before the shift starts at ${shift[0]}` });
  if (now > shift[1] + EPS) violations.push({ name: vehicle.id, constraint: 'shift', reason: `returns at ${now}, after the shift ends at ${shift[1]}` });
  const durationS = now - depart;
  if (durationS > (vehicle.maxDurationS ?? Infinity) + EPS) violations.push({ name: vehicle.id, constraint: 'max-duration', reason: `route takes ${durationS} s, above ${vehicle.maxDurationS}` });
  if (distance > (vehicle.maxDistanceM ?? Infinity) + EPS) violations.push({ name: vehicle.id, constraint: 'max-distance', reason: `route drives ${distance} m, above ${vehicle.maxDistanceM}` });

  const used = plan.jobs.some((id) => ctx.jobIndex.has(id));
  const { perM, perS } = rates(vehicle);
  const fixed = used ? (vehicle.fixedCost ?? 0) : 0;
  const distanceCost = used ? perM * distance : 0;
  const timeCost = used ? perS * durationS : 0;
  return {
    vehicle: vehicle.id,
    steps,
    distanceM: used ? distance : 0,
    durationS: used ? durationS : 0,
    cost: { fixed, distance: distanceCost, time: timeCost, total: fixed + distanceCost + timeCost },
  };
}

/** Validates a plan against the problem: violations (job/vehicle and constraint), schedule, cost. */
export function check(problem: Problem, routes: readonly PlannedRoute[]): CheckResult {
  const size = matrixSize(problem);
  const ctx: Ctx = {
    problem,
    dur: reader(problem.matrix.durations, size),
    dist: reader(problem.matrix.distances, size),
    jobIndex: new Map(problem.jobs.map((j, i) => [j.id, i])),
    facilities: new Map((problem.facilities ?? []).map((f) => [f.id, f])),
    violations: [],
  };
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const served = new Set<string>();
  const out: Route[] = [];
  for (const plan of routes) {
    const v = vehicles.get(plan.vehicle);
    if (!v) {
      ctx.violations.push({ name: plan.vehicle, constraint: 'unknown-job', reason: 'unknown vehicle' });
      continue;
    }
    out.push(simulate(ctx, plan, v, served));
    ctx.violations.push(...routeRuleViolations(problem, v, plan.jobs, ctx.jobIndex, ctx.facilities));
  }
  let prizes = 0;
  for (const job of problem.jobs) {
    if (served.has(job.id)) prizes += job.prize ?? 0;
    else if (job.prize === undefined) ctx.violations.push({ name: job.id, constraint: 'missing-job', reason: 'required job not planned' });
  }
  const sum = (f: (r: Route) => number) => out.reduce((s, r) => s + f(r), 0);
  const cost: CostBreakdown = {
    fixed: sum((r) => r.cost.fixed),
    distance: sum((r) => r.cost.distance),
    time: sum((r) => r.cost.time),
    prizes,
    total: sum((r) => r.cost.total) - prizes,
  };
  return { feasible: ctx.violations.length === 0, violations: ctx.violations, routes: out, cost };
}
