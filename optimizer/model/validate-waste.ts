/**
 * Validation of the waste-collection fields (issue 8: fractions, compartments, daily limits,
 * facilities and disposal trips), kept apart from the general checks in validate.ts. Field errors
 * name the field; the unservable stages say why a job cannot ride on any vehicle.
 */
import type { ErrorDetail } from '../../platform/errors.ts';
import type { DisposalFacility, Job, Problem, Vehicle } from './problem.ts';

const isFractionList = (x: unknown): boolean =>
  Array.isArray(x) && x.every((f) => typeof f === 'string' && f !== '');

const isPositiveInteger = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 1;

/** `name` is the vehicle's field prefix, e.g. `vehicles[2] (truck-7)`. */
export function checkVehicleWasteFields(v: Vehicle, name: string, out: ErrorDetail[]): void {
  if (v.fractions !== undefined && !isFractionList(v.fractions)) out.push({ name: `${name}.fractions`, reason: 'must be a list of non-empty fraction names' });
  if (v.compartments !== undefined && typeof v.compartments !== 'boolean') out.push({ name: `${name}.compartments`, reason: 'must be true or false' });
  if (v.maxTrips !== undefined && !isPositiveInteger(v.maxTrips)) out.push({ name: `${name}.maxTrips`, reason: 'must be an integer ≥ 1 (unload visits per day, the closing one included)' });
  if (v.maxStops !== undefined && !isPositiveInteger(v.maxStops)) out.push({ name: `${name}.maxStops`, reason: 'must be an integer ≥ 1' });
  for (const field of ['maxDailyLoad', 'initialLoad'] as const) {
    const list = v[field];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((x) => !(x >= 0 && x < Infinity))) {
      out.push({ name: `${name}.${field}`, reason: 'must be finite non-negative numbers' });
    } else if (Array.isArray(v.capacity) && list.length > v.capacity.length) {
      out.push({ name: `${name}.${field}`, reason: `has ${list.length} dimensions, more than the ${v.capacity.length} of capacity` });
    }
  }
}

export function checkJobWasteFields(j: Job, name: string, out: ErrorDetail[]): void {
  if (j.fraction !== undefined && (typeof j.fraction !== 'string' || j.fraction === '')) out.push({ name: `${name}.fraction`, reason: 'must be a non-empty fraction name' });
}

export function checkFacilityWasteFields(f: DisposalFacility, name: string, out: ErrorDetail[]): void {
  if (f.acceptedFractions !== undefined && !isFractionList(f.acceptedFractions)) out.push({ name: `${name}.acceptedFractions`, reason: 'must be a list of non-empty fraction names' });
}

/** Problem-level fields; run before the per-facility loop (it relies on `facilities` being a list). */
export function checkDisposalFields(problem: Problem, out: ErrorDetail[]): void {
  if (problem.facilities !== undefined && !Array.isArray(problem.facilities)) out.push({ name: 'facilities', reason: 'must be a list of disposal facilities' });
  if (problem.disposalTrips !== undefined && typeof problem.disposalTrips !== 'boolean') out.push({ name: 'disposalTrips', reason: 'must be true or false' });
  // Every route that collects something must end at a facility: without one nothing is plannable.
  const collects = (problem.jobs ?? []).some((j) => Array.isArray(j?.demand) && j.demand.some((d) => d > 0));
  if (problem.disposalTrips === true && collects && (problem.facilities ?? []).length === 0) {
    out.push({ name: 'facilities', reason: 'disposalTrips needs at least one facility when jobs have demand' });
  }
}

export type Stage = readonly [reason: string, ok: (v: Vehicle) => boolean];

/**
 * Stages of whyUnservable that come before capacity: the job's fraction must be taken by some
 * allowed vehicle and, with disposal trips, accepted by some facility (the trip ends there).
 */
export function fractionStages(problem: Problem, job: Job): Stage[] {
  const f = job.fraction;
  if (f === undefined) return [];
  const stages: Stage[] = [[`no vehicle takes fraction ${f}`, (v) => v.fractions === undefined || v.fractions.includes(f)]];
  if (problem.disposalTrips === true) {
    const accepted = (problem.facilities ?? []).some((fac) => fac.acceptedFractions === undefined || fac.acceptedFractions.includes(f));
    stages.push([`no facility accepts fraction ${f}`, () => accepted]);
  }
  return stages;
}

/** After capacity: the job alone must fit the daily load limit (missing dimensions are unbounded). */
export function dailyLoadStage(job: Job): Stage {
  const demand = job.demand ?? [];
  return ['demand exceeds the daily load limit (maxDailyLoad) of every allowed vehicle', (v) => demand.every((d, k) => d <= (v.maxDailyLoad?.[k] ?? Infinity))];
}
