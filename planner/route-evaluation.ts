/**
 * Times, loads, cost and broken rules of one vehicle's route through given jobs in a given order.
 * Serves the greedy fallback solver and the fallback check mode; the real optimizer has its own
 * incremental evaluation and replaces both when it is present.
 */
import type { Job, Problem, Vehicle } from '../optimizer/model/problem.ts';
import type { Route, Step, Violation } from '../optimizer/model/solution.ts';

export interface EvaluatedRoute {
  readonly route: Route;
  readonly violations: Violation[];
  readonly prizes: number;
}

function cell(m: Problem['matrix']['durations'], size: number, i: number, j: number): number {
  if (m instanceof Float64Array) return m[i * size + j] ?? Infinity;
  return m[i]?.[j] ?? Infinity;
}

export function matrixSize(problem: Problem): number {
  const d = problem.matrix.durations;
  return d instanceof Float64Array ? (problem.matrix.size ?? Math.sqrt(d.length)) : d.length;
}

export function evaluateRoute(problem: Problem, vehicle: Vehicle, jobs: readonly Job[]): EvaluatedRoute {
  const size = matrixSize(problem);
  const D = (i: number, j: number) => cell(problem.matrix.durations, size, i, j);
  const M = (i: number, j: number) => cell(problem.matrix.distances, size, i, j);
  const violations: Violation[] = [];
  const dims = vehicle.capacity.length;
  const load = new Array<number>(dims).fill(0);
  const [shiftStart, shiftEnd] = vehicle.shift ?? [0, Infinity];
  const brk = vehicle.breaks?.[0];
  let breakTaken = !brk;
  const steps: Step[] = [];
  let time = shiftStart;
  let at = vehicle.start;
  let distance = 0;
  let prizes = 0;
  const push = (type: Step['type'], id: string, location: number, arrival: number, serviceStart: number) =>
    steps.push({ type, id, location, arrival, serviceStart, waitingS: serviceStart - arrival, load: [...load], distanceM: distance });

  const takeBreakIfDue = (nextArrival: number) => {
    if (breakTaken || !brk) return;
    // Take the break here when the window opens before we would reach the next place.
    if (nextArrival < brk.window[0]) return;
    const start = Math.max(time, brk.window[0]);
    if (start > brk.window[1]) violations.push({ name: brk.id, constraint: 'break', reason: `break starts at ${Math.round(start)} s, after its window closes` });
    push('break', brk.id, at, time, start);
    time = start + brk.durationS;
    breakTaken = true;
  };

  push('start', vehicle.id, vehicle.start, time, time);
  for (const job of jobs) {
    takeBreakIfDue(time + D(at, job.location));
    time += D(at, job.location);
    distance += M(at, job.location);
    at = job.location;
    const arrival = time;
    const [twStart, twEnd] = job.timeWindow ?? [-Infinity, Infinity];
    const start = Math.max(arrival, twStart);
    if (start > twEnd) violations.push({ name: job.id, constraint: 'time-window', reason: `service would start ${Math.round(start - twEnd)} s late` });
    (job.demand ?? []).forEach((d, k) => (load[k] = (load[k] ?? 0) + d));
    if (load.some((l, k) => l > (vehicle.capacity[k] ?? 0) + 1e-9)) {
      violations.push({ name: job.id, constraint: 'capacity', reason: `load exceeds the capacity of ${vehicle.id}` });
    }
    if (job.allowedVehicles && !job.allowedVehicles.includes(vehicle.id)) {
      violations.push({ name: job.id, constraint: 'allowed-vehicles', reason: `${vehicle.id} may not serve this job` });
    }
    prizes += job.prize ?? 0;
    push('job', job.id, at, arrival, start);
    time = start + (job.serviceS ?? 0);
  }
  const end = vehicle.end ?? vehicle.start;
  if (jobs.length > 0) takeBreakIfDue(time + D(at, end));
  time += D(at, end);
  distance += M(at, end);
  push('end', vehicle.id, end, time, time);
  if (time > shiftEnd) violations.push({ name: vehicle.id, constraint: 'shift', reason: `returns ${Math.round(time - shiftEnd)} s after the shift ends` });
  const durationS = time - shiftStart;
  if (vehicle.maxDurationS !== undefined && durationS > vehicle.maxDurationS) {
    violations.push({ name: vehicle.id, constraint: 'max-duration', reason: `route takes ${Math.round(durationS)} s` });
  }
  if (vehicle.maxDistanceM !== undefined && distance > vehicle.maxDistanceM) {
    violations.push({ name: vehicle.id, constraint: 'max-distance', reason: `route drives ${Math.round(distance)} m` });
  }
  const used = jobs.length > 0;
  const costPerKm = vehicle.costPerKm ?? (vehicle.costPerHour === undefined ? 1 : 0);
  const cost = {
    fixed: used ? (vehicle.fixedCost ?? 0) : 0,
    distance: used ? (distance / 1000) * costPerKm : 0,
    time: used ? (durationS / 3600) * (vehicle.costPerHour ?? 0) : 0,
    total: 0,
  };
  cost.total = cost.fixed + cost.distance + cost.time;
  return {
    route: { vehicle: vehicle.id, steps, distanceM: used ? distance : 0, durationS: used ? durationS : 0, cost },
    violations,
    prizes,
  };
}
