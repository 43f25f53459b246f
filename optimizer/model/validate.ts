/**
 * Input validation before any search: every problem the caller can fix is reported as an
 * InputError naming the field or job, never as a hang or a silently dropped job.
 */
import { InputError, type ErrorDetail } from '../../platform/errors.ts';
import type { Problem, TimeWindow } from './problem.ts';
import { matrixSize } from './instance.ts';
import {
  checkDisposalFields, checkFacilityWasteFields, checkJobWasteFields, checkVehicleWasteFields, dailyLoadStage, fractionStages, type Stage,
} from './validate-waste.ts';

function cell(m: Problem['matrix']['durations'], size: number, i: number, j: number): number {
  if (m instanceof Float64Array) return m[i * size + j];
  const v = m[i]?.[j];
  return typeof v === 'number' ? v : NaN;
}

function validWindow(w: TimeWindow | undefined): boolean {
  return w === undefined || (Array.isArray(w) && w.length === 2 && !Number.isNaN(w[0]) && !Number.isNaN(w[1]) && w[0] <= w[1]);
}

function checkMatrix(problem: Problem, size: number, out: ErrorDetail[]): void {
  const { durations, distances } = problem.matrix;
  for (const [name, m] of [['matrix.durations', durations], ['matrix.distances', distances]] as const) {
    if (m instanceof Float64Array) {
      if (m.length !== size * size) out.push({ name, reason: `flat matrix must hold ${size}×${size} values` });
    } else if (!Array.isArray(m) || m.length !== size || m.some((row) => !Array.isArray(row) || row.length !== size)) {
      out.push({ name, reason: `must be a square ${size}×${size} matrix` });
    }
  }
}

/** Why job `j` cannot be served by any allowed vehicle, or null when some vehicle can. */
function whyUnservable(problem: Problem, size: number, j: number): string | null {
  const job = problem.jobs[j];
  const { durations: D, distances: M } = problem.matrix;
  const demand = job.demand ?? [];
  const allowed = job.allowedVehicles ? new Set(job.allowedVehicles) : null;
  const candidates = problem.vehicles.filter((v) => allowed === null || allowed.has(v.id));
  if (candidates.length === 0) return 'no allowed vehicle';
  const stages: Stage[] = [
    ...fractionStages(problem, job),
    ['demand exceeds the capacity of every allowed vehicle', (v) => demand.every((d, k) => d <= (v.capacity[k] ?? 0))],
    dailyLoadStage(job),
    ['location unreachable from or to the depot of every allowed vehicle', (v) => {
      const e = v.end ?? v.start;
      return [cell(D, size, v.start, job.location), cell(D, size, job.location, e), cell(M, size, v.start, job.location), cell(M, size, job.location, e)]
        .every((x) => Number.isFinite(x) && x >= 0);
    }],
    ['time window cannot be met within the shift of any allowed vehicle', (v) => {
      const e = v.end ?? v.start;
      const shift = v.shift ?? [-Infinity, Infinity];
      const tw = job.timeWindow ?? [-Infinity, Infinity];
      const begin = Math.max(shift[0] + cell(D, size, v.start, job.location), tw[0]);
      return begin <= tw[1] && begin + (job.serviceS ?? 0) + cell(D, size, job.location, e) <= shift[1];
    }],
    ['round trip exceeds the maximum duration of every allowed vehicle', (v) => {
      const e = v.end ?? v.start;
      return cell(D, size, v.start, job.location) + (job.serviceS ?? 0) + cell(D, size, job.location, e) <= (v.maxDurationS ?? Infinity);
    }],
    ['round trip exceeds the maximum distance of every allowed vehicle', (v) => {
      const e = v.end ?? v.start;
      return cell(M, size, v.start, job.location) + cell(M, size, job.location, e) <= (v.maxDistanceM ?? Infinity);
    }],
  ];
  let remaining = candidates;
  for (const [reason, ok] of stages) {
    remaining = remaining.filter(ok);
    if (remaining.length === 0) return reason;
  }
  return null;
}

export interface ValidationResult {
  /** Optional jobs no vehicle can serve: reported unassigned, not an error. */
  readonly unservableOptional: readonly { job: string; reason: string }[];
}

/** Throws InputError listing every problem found; returns optional jobs that cannot be served. */
export function validateProblem(problem: Problem): ValidationResult {
  const out: ErrorDetail[] = [];
  if (!problem || typeof problem !== 'object') throw new InputError('problem must be an object', [{ name: 'problem', reason: 'missing' }]);
  const size = matrixSize(problem);
  checkMatrix(problem, size, out);
  if (out.length) throw new InputError('invalid matrix', out);
  const inRange = (x: unknown) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < size;

  if (!Array.isArray(problem.vehicles) || problem.vehicles.length === 0) out.push({ name: 'vehicles', reason: 'at least one vehicle is required' });
  const vehicleIds = new Set<string>();
  (problem.vehicles ?? []).forEach((v, i) => {
    const name = `vehicles[${i}]${v?.id ? ` (${v.id})` : ''}`;
    if (typeof v?.id !== 'string' || v.id === '') out.push({ name, reason: 'id must be a non-empty string' });
    else if (vehicleIds.has(v.id)) out.push({ name, reason: 'duplicate vehicle id' });
    else vehicleIds.add(v.id);
    if (!inRange(v.start)) out.push({ name: `${name}.start`, reason: `must be a matrix index 0..${size - 1}` });
    if (v.end !== undefined && !inRange(v.end)) out.push({ name: `${name}.end`, reason: `must be a matrix index 0..${size - 1}` });
    if (!Array.isArray(v.capacity) || v.capacity.some((c) => !(c >= 0))) out.push({ name: `${name}.capacity`, reason: 'must be non-negative numbers' });
    if (!validWindow(v.shift)) out.push({ name: `${name}.shift`, reason: 'must be [start, end] with start ≤ end' });
    for (const [k, b] of (v.breaks ?? []).entries()) {
      if (!validWindow(b.window) || !(b.durationS >= 0)) out.push({ name: `${name}.breaks[${k}]`, reason: 'needs a valid window and a non-negative duration' });
    }
    for (const f of ['maxDurationS', 'maxDistanceM', 'fixedCost', 'costPerKm', 'costPerHour'] as const) {
      const x = v[f];
      if (x !== undefined && !(x >= 0)) out.push({ name: `${name}.${f}`, reason: 'must be a non-negative number' });
    }
    checkVehicleWasteFields(v, name, out);
  });

  const jobIds = new Set<string>();
  (problem.jobs ?? []).forEach((j, i) => {
    const name = `jobs[${i}]${j?.id ? ` (${j.id})` : ''}`;
    if (typeof j?.id !== 'string' || j.id === '') out.push({ name, reason: 'id must be a non-empty string' });
    else if (jobIds.has(j.id)) out.push({ name, reason: 'duplicate job id' });
    else jobIds.add(j.id);
    if (!inRange(j.location)) out.push({ name: `${name}.location`, reason: `must be a matrix index 0..${size - 1}` });
    if (j.demand !== undefined && (!Array.isArray(j.demand) || j.demand.some((d) => !(d >= 0 && d < Infinity)))) out.push({ name: `${name}.demand`, reason: 'must be finite non-negative numbers' });
    if (!validWindow(j.timeWindow)) out.push({ name: `${name}.timeWindow`, reason: 'must be [start, end] with start ≤ end' });
    if (j.serviceS !== undefined && !(j.serviceS >= 0)) out.push({ name: `${name}.serviceS`, reason: 'must be non-negative' });
    if (j.prize !== undefined && !(j.prize >= 0)) out.push({ name: `${name}.prize`, reason: 'must be non-negative' });
    for (const id of j.allowedVehicles ?? []) if (!vehicleIds.has(id)) out.push({ name: `${name}.allowedVehicles`, reason: `unknown vehicle ${id}` });
    checkJobWasteFields(j, name, out);
  });
  checkDisposalFields(problem, out);
  const facilityIds = new Set<string>();
  (Array.isArray(problem.facilities) ? problem.facilities : []).forEach((f, i) => {
    const name = `facilities[${i}]${f?.id ? ` (${f.id})` : ''}`;
    if (typeof f?.id !== 'string' || f.id === '') out.push({ name, reason: 'id must be a non-empty string' });
    else if (facilityIds.has(f.id) || jobIds.has(f.id)) out.push({ name, reason: 'id must differ from every other facility and job id' });
    else facilityIds.add(f.id);
    if (!inRange(f.location)) out.push({ name: `${name}.location`, reason: `must be a matrix index 0..${size - 1}` });
    if (f.unloadS !== undefined && !(f.unloadS >= 0)) out.push({ name: `${name}.unloadS`, reason: 'must be non-negative' });
    if (!validWindow(f.openWindow)) out.push({ name: `${name}.openWindow`, reason: 'must be [start, end] with start ≤ end' });
    checkFacilityWasteFields(f, name, out);
  });
  if (out.length) throw new InputError('invalid problem', out);

  const unservableOptional: { job: string; reason: string }[] = [];
  problem.jobs.forEach((job, j) => {
    const why = whyUnservable(problem, size, j);
    if (why === null) return;
    if (job.prize !== undefined) unservableOptional.push({ job: job.id, reason: why });
    else out.push({ name: `job ${job.id}`, reason: why });
  });
  if (out.length) throw new InputError(`${out.length} job(s) cannot be served by any vehicle`, out);
  return { unservableOptional };
}
