/**
 * The normalised, internal form of a Problem: typed arrays indexed by node, so the search never
 * touches the JSON-shaped input. Node numbering:
 *   jobs 0..J-1, vehicle starts J..J+V-1, vehicle ends J+V..J+2V-1, breaks J+2V..N-1.
 */
import type { Problem, Vehicle } from './problem.ts';

export const KIND_JOB = 0;
export const KIND_START = 1;
export const KIND_END = 2;
export const KIND_BREAK = 3;
/** An unload visit at a disposal facility (waste extensions): the load resets there. */
export const KIND_UNLOAD = 4;

export interface Instance {
  readonly problem: Problem;
  readonly numJobs: number;
  readonly numVehicles: number;
  readonly numNodes: number;
  readonly dims: number;
  /** Number of matrix locations. */
  readonly size: number;
  /** Row-major travel matrices (size × size). */
  readonly dur: Float64Array;
  readonly dist: Float64Array;

  // Per node.
  readonly kind: Uint8Array;
  /** Matrix index; -1 for breaks (they happen wherever the vehicle is). */
  readonly loc: Int32Array;
  readonly service: Float64Array;
  readonly twEarly: Float64Array;
  readonly twLate: Float64Array;
  /** numNodes × dims. */
  readonly demand: Float64Array;
  /** Vehicle of start/end/break nodes, -1 for jobs. */
  readonly nodeVehicle: Int32Array;

  // Per job.
  readonly prize: Float64Array;
  readonly required: Uint8Array;
  /** numJobs × numVehicles allowed flags, or null when every job may use every vehicle. */
  readonly allowed: Uint8Array | null;

  // Per vehicle.
  readonly capacity: Float64Array; // numVehicles × dims
  readonly maxDuration: Float64Array;
  readonly maxDistance: Float64Array;
  readonly fixedCost: Float64Array;
  readonly costPerM: Float64Array;
  readonly costPerS: Float64Array;
  /** Vehicles with identical attributes share a class: one empty route per class is enough. */
  readonly vehicleClass: Int32Array;
  readonly breakNodes: readonly (readonly number[])[];
  /**
   * Disposal trips (when the problem has facilities): per vehicle the unload visit that always
   * closes a used route (-1 without facilities), and a pool of optional mid-route unload visits
   * the search inserts when a trip would exceed capacity.
   */
  readonly finalUnload: Int32Array;
  readonly midUnloads: readonly (readonly number[])[];
  /** Facility index of an unload node, -1 otherwise. */
  readonly facilityOf: Int32Array;
  readonly startNode: (v: number) => number;
  readonly endNode: (v: number) => number;
}

function flatten(m: readonly (readonly number[])[] | Float64Array, size: number): Float64Array {
  if (m instanceof Float64Array) return m;
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    const row = m[i];
    for (let j = 0; j < size; j++) out[i * size + j] = row[j];
  }
  return out;
}

export function matrixSize(problem: Problem): number {
  const m = problem.matrix;
  if (m.size !== undefined) return m.size;
  if (m.durations instanceof Float64Array) return Math.round(Math.sqrt(m.durations.length));
  return m.durations.length;
}

function vehicleKey(v: Vehicle): string {
  return JSON.stringify([
    v.start, v.end ?? v.start, v.capacity, v.shift ?? null, v.maxDurationS ?? null,
    v.maxDistanceM ?? null, v.fixedCost ?? 0, v.costPerKm ?? null, v.costPerHour ?? null,
    (v.breaks ?? []).map((b) => [b.window, b.durationS]),
  ]);
}

/** Builds the internal instance. Assumes `validateProblem` has passed. */
export function buildInstance(problem: Problem): Instance {
  const size = matrixSize(problem);
  const jobs = problem.jobs;
  const vehicles = problem.vehicles;
  const J = jobs.length;
  const V = vehicles.length;
  const dims = Math.max(1, ...vehicles.map((v) => v.capacity.length), ...jobs.map((j) => j.demand?.length ?? 0));
  const numBreaks = vehicles.reduce((s, v) => s + (v.breaks?.length ?? 0), 0);
  const facilities = problem.disposalTrips ? (problem.facilities ?? []) : [];
  const tripsPerFacility = facilities.length === 0 ? 0 : maxTrips(problem);
  const numUnloads = facilities.length === 0 ? 0 : V * (1 + facilities.length * tripsPerFacility);
  const N = J + 2 * V + numBreaks + numUnloads;

  const kind = new Uint8Array(N);
  const loc = new Int32Array(N);
  const service = new Float64Array(N);
  const twEarly = new Float64Array(N).fill(-Infinity);
  const twLate = new Float64Array(N).fill(Infinity);
  const demand = new Float64Array(N * dims);
  const nodeVehicle = new Int32Array(N).fill(-1);
  const prize = new Float64Array(J);
  const required = new Uint8Array(J);

  const vehicleIndex = new Map(vehicles.map((v, i) => [v.id, i]));
  const anyRestricted = jobs.some((j) => j.allowedVehicles !== undefined);
  const allowed = anyRestricted ? new Uint8Array(J * V) : null;

  jobs.forEach((job, i) => {
    kind[i] = KIND_JOB;
    loc[i] = job.location;
    service[i] = job.serviceS ?? 0;
    if (job.timeWindow) {
      twEarly[i] = job.timeWindow[0];
      twLate[i] = job.timeWindow[1];
    }
    job.demand?.forEach((d, k) => (demand[i * dims + k] = d));
    required[i] = job.prize === undefined ? 1 : 0;
    prize[i] = job.prize ?? 0;
    if (allowed) {
      if (job.allowedVehicles === undefined) allowed.fill(1, i * V, (i + 1) * V);
      else for (const id of job.allowedVehicles) allowed[i * V + vehicleIndex.get(id)!] = 1;
    }
  });

  const capacity = new Float64Array(V * dims);
  const maxDuration = new Float64Array(V);
  const maxDistance = new Float64Array(V);
  const fixedCost = new Float64Array(V);
  const costPerM = new Float64Array(V);
  const costPerS = new Float64Array(V);
  const vehicleClass = new Int32Array(V);
  const classes = new Map<string, number>();
  const breakNodes: number[][] = [];
  let nextBreak = J + 2 * V;

  vehicles.forEach((v, i) => {
    const s = J + i;
    const e = J + V + i;
    kind[s] = KIND_START;
    kind[e] = KIND_END;
    loc[s] = v.start;
    loc[e] = v.end ?? v.start;
    nodeVehicle[s] = i;
    nodeVehicle[e] = i;
    if (v.shift) {
      twEarly[s] = v.shift[0];
      twLate[s] = v.shift[1];
      twEarly[e] = v.shift[0];
      twLate[e] = v.shift[1];
    }
    for (let k = 0; k < dims; k++) capacity[i * dims + k] = v.capacity[k] ?? 0;
    maxDuration[i] = v.maxDurationS ?? Infinity;
    maxDistance[i] = v.maxDistanceM ?? Infinity;
    fixedCost[i] = v.fixedCost ?? 0;
    const noRates = v.costPerKm === undefined && v.costPerHour === undefined;
    costPerM[i] = noRates ? 1 / 1000 : (v.costPerKm ?? 0) / 1000;
    costPerS[i] = (v.costPerHour ?? 0) / 3600;
    const key = vehicleKey(v);
    if (!classes.has(key)) classes.set(key, classes.size);
    vehicleClass[i] = classes.get(key)!;
    const mine: number[] = [];
    for (const b of v.breaks ?? []) {
      const n = nextBreak++;
      kind[n] = KIND_BREAK;
      loc[n] = -1;
      service[n] = b.durationS;
      twEarly[n] = b.window[0];
      twLate[n] = b.window[1];
      nodeVehicle[n] = i;
      mine.push(n);
    }
    breakNodes.push(mine);
  });

  const facilityOf = new Int32Array(N).fill(-1);
  const finalUnload = new Int32Array(V).fill(-1);
  const midUnloads: number[][] = vehicles.map(() => []);
  let nextUnload = nextBreak;
  const unloadNode = (f: number, v: number): number => {
    const n = nextUnload++;
    const fac = facilities[f];
    kind[n] = KIND_UNLOAD;
    loc[n] = fac.location;
    service[n] = fac.unloadS ?? 0;
    twEarly[n] = fac.openWindow?.[0] ?? -Infinity;
    twLate[n] = fac.openWindow?.[1] ?? Infinity;
    nodeVehicle[n] = v;
    facilityOf[n] = f;
    return n;
  };
  if (facilities.length > 0) {
    const dur = flatten(problem.matrix.durations, size);
    vehicles.forEach((v, i) => {
      // The closing unload goes to the facility nearest the end depot (by travel time).
      const end = v.end ?? v.start;
      let best = 0;
      facilities.forEach((f, k) => {
        if (dur[f.location * size + end] < dur[facilities[best].location * size + end]) best = k;
      });
      finalUnload[i] = unloadNode(best, i);
      for (let f = 0; f < facilities.length; f++) for (let t = 0; t < tripsPerFacility; t++) midUnloads[i].push(unloadNode(f, i));
    });
  }

  return {
    problem, numJobs: J, numVehicles: V, numNodes: N, dims, size,
    dur: flatten(problem.matrix.durations, size),
    dist: flatten(problem.matrix.distances, size),
    kind, loc, service, twEarly, twLate, demand, nodeVehicle, prize, required, allowed,
    capacity, maxDuration, maxDistance, fixedCost, costPerM, costPerS, vehicleClass, breakNodes,
    finalUnload, midUnloads, facilityOf,
    startNode: (v) => J + v,
    endNode: (v) => J + V + v,
  };
}

/** Mid-route unloads a vehicle may need: enough trips for the whole demand, at most 8. */
function maxTrips(problem: Problem): number {
  const dims = Math.max(1, ...problem.vehicles.map((v) => v.capacity.length));
  let trips = 1;
  for (const v of problem.vehicles) {
    for (let k = 0; k < dims; k++) {
      const total = problem.jobs.reduce((s, j) => s + (j.demand?.[k] ?? 0), 0);
      const cap = v.capacity[k] ?? 0;
      if (cap > 0) trips = Math.max(trips, Math.ceil(total / cap));
    }
  }
  return Math.min(8, trips);
}

/** Whether job `j` may ride on vehicle `v`. */
export function isAllowed(inst: Instance, j: number, v: number): boolean {
  return inst.allowed === null || inst.allowed[j * inst.numVehicles + v] === 1;
}
