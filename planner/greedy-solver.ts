/**
 * GREEDY FALLBACK, used only while optimizer/index.ts does not export `solve` and `check`:
 * nearest feasible required container first, then optional ones whose prize pays for the detour,
 * one vehicle after another. It gives a valid plan for the API and its tests; it is not the
 * optimizer and makes no claim about quality.
 */
import type { Job, Problem, Vehicle } from '../optimizer/model/problem.ts';
import type { CheckResult, CostBreakdown, PlannedRoute, Route, Solution, Unassigned, Violation } from '../optimizer/model/solution.ts';
import { evaluateRoute, matrixSize, type EvaluatedRoute } from './route-evaluation.ts';

function totals(evaluated: readonly EvaluatedRoute[]): CostBreakdown {
  const sum = (f: (e: EvaluatedRoute) => number) => evaluated.reduce((s, e) => s + f(e), 0);
  const fixed = sum((e) => e.route.cost.fixed);
  const distance = sum((e) => e.route.cost.distance);
  const time = sum((e) => e.route.cost.time);
  const prizes = sum((e) => e.prizes);
  return { fixed, distance, time, prizes, total: fixed + distance + time - prizes };
}

function reader(problem: Problem) {
  const size = matrixSize(problem);
  const get = (m: Problem['matrix']['durations'], i: number, j: number) =>
    m instanceof Float64Array ? (m[i * size + j] ?? Infinity) : (m[i]?.[j] ?? Infinity);
  return { D: (i: number, j: number) => get(problem.matrix.durations, i, j), M: (i: number, j: number) => get(problem.matrix.distances, i, j) };
}

function greedyRoute(problem: Problem, vehicle: Vehicle, open: Set<Job>): Job[] {
  const { D, M } = reader(problem);
  const end = vehicle.end ?? vehicle.start;
  const [shiftStart, shiftEnd] = vehicle.shift ?? [0, Infinity];
  const breakS = vehicle.breaks?.[0]?.durationS ?? 0;
  const load = vehicle.capacity.map(() => 0);
  const perKm = vehicle.costPerKm ?? (vehicle.costPerHour === undefined ? 1 : 0);
  const perS = (vehicle.costPerHour ?? 0) / 3600;
  const chosen: Job[] = [];
  let time = shiftStart;
  let at = vehicle.start;
  for (;;) {
    let best: { job: Job; score: number } | undefined;
    for (const job of open) {
      if (job.allowedVehicles && !job.allowedVehicles.includes(vehicle.id)) continue;
      const demand = job.demand ?? [];
      if (demand.some((d, k) => (load[k] ?? 0) + d > (vehicle.capacity[k] ?? 0))) continue;
      const arrival = time + D(at, job.location);
      const start = Math.max(arrival, job.timeWindow?.[0] ?? -Infinity);
      if (start > (job.timeWindow?.[1] ?? Infinity)) continue;
      if (start + (job.serviceS ?? 0) + D(job.location, end) + breakS > shiftEnd) continue;
      const detour = (M(at, job.location) + M(job.location, end) - M(at, end)) / 1000 * perKm +
        (D(at, job.location) + (job.serviceS ?? 0) + D(job.location, end) - D(at, end)) * perS;
      // Required jobs always come before optional ones; among equals the nearest wins.
      const score = job.prize === undefined ? D(at, job.location) : job.prize > detour ? 1e12 + D(at, job.location) : Infinity;
      if (score < (best?.score ?? Infinity)) best = { job, score };
    }
    if (!best) break;
    const { job } = best;
    open.delete(job);
    chosen.push(job);
    (job.demand ?? []).forEach((d, k) => (load[k] = (load[k] ?? 0) + d));
    time = Math.max(time + D(at, job.location), job.timeWindow?.[0] ?? -Infinity) + (job.serviceS ?? 0);
    at = job.location;
  }
  // The break was counted as a reserve; drop jobs from the end should the exact evaluation disagree.
  while (chosen.length > 0 && evaluateRoute(problem, vehicle, chosen).violations.length > 0) open.add(chosen.pop()!);
  return chosen;
}

export function greedySolve(problem: Problem): Solution {
  const started = performance.now();
  const open = new Set(problem.jobs);
  const evaluated = problem.vehicles.map((v) => evaluateRoute(problem, v, greedyRoute(problem, v, open)));
  const used = evaluated.filter((e) => e.route.steps.some((s) => s.type === 'job'));
  const unassigned: Unassigned[] = [...open].map((job) => ({
    job: job.id,
    reason: job.prize === undefined ? 'no vehicle has capacity or shift time left' : 'optional: not worth the detour',
  }));
  const cost = totals(used);
  return {
    routes: used.map((e) => e.route),
    unassigned,
    cost,
    distanceM: used.reduce((s, e) => s + e.route.distanceM, 0),
    vehiclesUsed: used.length,
    feasible: unassigned.every((u) => problem.jobs.find((j) => j.id === u.job)?.prize !== undefined),
    stats: { iterations: 1, elapsedMs: performance.now() - started },
  };
}

export function greedyCheck(problem: Problem, planned: readonly PlannedRoute[]): CheckResult {
  const jobsById = new Map(problem.jobs.map((j) => [j.id, j]));
  const vehiclesById = new Map(problem.vehicles.map((v) => [v.id, v]));
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const evaluated: EvaluatedRoute[] = [];
  for (const p of planned) {
    const vehicle = vehiclesById.get(p.vehicle);
    if (!vehicle) {
      violations.push({ name: p.vehicle, constraint: 'unknown-job', reason: 'no such vehicle in this plan' });
      continue;
    }
    const jobs: Job[] = [];
    for (const id of p.jobs) {
      const job = jobsById.get(id);
      if (!job) violations.push({ name: id, constraint: 'unknown-job', reason: 'not a job of this plan' });
      else if (seen.has(id)) violations.push({ name: id, constraint: 'duplicate-job', reason: 'planned more than once' });
      else jobs.push(job);
      seen.add(id);
    }
    const e = evaluateRoute(problem, vehicle, jobs);
    evaluated.push(e);
    violations.push(...e.violations);
  }
  for (const job of problem.jobs) {
    if (job.prize === undefined && !seen.has(job.id)) violations.push({ name: job.id, constraint: 'missing-job', reason: 'required job is on no route' });
  }
  const routes: Route[] = evaluated.map((e) => e.route);
  return { feasible: violations.length === 0, violations, routes, cost: totals(evaluated) };
}
