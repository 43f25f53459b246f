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
   * Disposal trips (with `disposalTrips` and facilities): per vehicle the unload visit that
   * closes its route when the search starts (-1 without facilities; the search may switch it to
   * another facility), and per facility a pool of unload visits shared by all vehicles (a trip
   * boundary means the same wherever it is, so 2-opt* may carry unloads between routes).
   */
  readonly disposal: boolean;
  readonly finalUnload: Int32Array;
  readonly unloadPools: readonly (readonly number[])[];
  /** Facility index of an unload node, -1 otherwise. */
  readonly facilityOf: Int32Array;
  /** Fraction bit of a job (0 without a fraction); accepted fractions of an unload node. */
  readonly fractionMask: Int32Array;
  readonly acceptMask: Int32Array;
  /** Whether any job has a fraction (mask bookkeeping is skipped otherwise). */
  readonly hasFractions: boolean;
  /** Per vehicle: 1 when a trip may carry only one fraction (no compartments). */
  readonly singleFraction: Uint8Array;
  /** Daily limits per vehicle (Infinity when absent); maxDailyLoad is numVehicles × dims. */
  readonly maxTrips: Float64Array;
  readonly maxStops: Float64Array;
  readonly maxDailyLoad: Float64Array;
  /** Any finite daily limit (route cost then checks them). */
  readonly hasDailyLimits: boolean;
  /**
   * Load units a broken count rule weighs in the penalty: a truckload per vehicle (a trip too
   * many or a mixed trip) and an average job's demand (a stop too many).
   */
  readonly tripUnit: Float64Array;
  readonly demandUnit: number;
  /**
   * Per vehicle: 1 when its route runs even without jobs: it starts loaded with disposal trips,
   * so it must still drive to a facility and unload before the depot.
   */
  readonly mustRun: Uint8Array;
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
    v.fractions ?? null, v.compartments ?? false, v.maxTrips ?? null, v.maxDailyLoad ?? null, v.maxStops ?? null,
    v.initialLoad ?? null,
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
  const tripsPerVehicle = facilities.length === 0 ? 0 : midTrips(problem);
  // Each facility can hold every vehicle's closing unload and all its mid-route ones.
  const poolSize = V * (1 + tripsPerVehicle);
  const numUnloads = facilities.length * poolSize;
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
  const fractionBit = fractionBits(problem);
  const hasFractions = fractionBit.size > 0;
  const bit = (f: string | undefined): number => (f === undefined ? 0 : fractionBit.get(f) ?? 0);
  const maskOf = (fs: readonly string[] | undefined): number => (fs === undefined ? -1 : fs.reduce((m, f) => m | bit(f), 0));
  const fractionMask = new Int32Array(N);
  const acceptMask = new Int32Array(N).fill(-1);
  const vehicleMask = vehicles.map((v) => maskOf(v.fractions));
  const anyRestricted = jobs.some((j) => j.allowedVehicles !== undefined) || vehicles.some((v) => v.fractions !== undefined);
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
    fractionMask[i] = bit(job.fraction);
    if (allowed) {
      if (job.allowedVehicles === undefined) allowed.fill(1, i * V, (i + 1) * V);
      else for (const id of job.allowedVehicles) allowed[i * V + vehicleIndex.get(id)!] = 1;
      // A vehicle only takes the fractions it lists.
      for (let v = 0; v < V; v++) if ((fractionMask[i] & vehicleMask[v]) !== fractionMask[i]) allowed[i * V + v] = 0;
    }
  });

  const capacity = new Float64Array(V * dims);
  const maxDuration = new Float64Array(V);
  const maxDistance = new Float64Array(V);
  const fixedCost = new Float64Array(V);
  const costPerM = new Float64Array(V);
  const costPerS = new Float64Array(V);
  const vehicleClass = new Int32Array(V);
  const singleFraction = new Uint8Array(V);
  const maxTripsV = new Float64Array(V);
  const maxStops = new Float64Array(V);
  const maxDailyLoad = new Float64Array(V * dims).fill(Infinity);
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
    singleFraction[i] = v.compartments ? 0 : 1;
    maxTripsV[i] = v.maxTrips ?? Infinity;
    maxStops[i] = v.maxStops ?? Infinity;
    v.maxDailyLoad?.forEach((l, k) => (maxDailyLoad[i * dims + k] = l));
    // The load on board at the start is the start node's demand: it rides in the first trip.
    v.initialLoad?.forEach((l, k) => (demand[s * dims + k] = l));
    fractionMask[s] = bit(initialLoadFraction(v));
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
  const unloadPools: number[][] = facilities.map(() => []);
  let nextUnload = nextBreak;
  facilities.forEach((fac, f) => {
    for (let k = 0; k < poolSize; k++) {
      const n = nextUnload++;
      kind[n] = KIND_UNLOAD;
      loc[n] = fac.location;
      service[n] = fac.unloadS ?? 0;
      twEarly[n] = fac.openWindow?.[0] ?? -Infinity;
      twLate[n] = fac.openWindow?.[1] ?? Infinity;
      facilityOf[n] = f;
      acceptMask[n] = maskOf(fac.acceptedFractions);
      unloadPools[f].push(n);
    }
  });
  if (facilities.length > 0) {
    const dur = flatten(problem.matrix.durations, size);
    const taken = new Int32Array(facilities.length);
    vehicles.forEach((v, i) => {
      // The route starts out closing at the facility nearest the end depot (by travel time) that
      // takes the vehicle's fractions; the search may move it.
      const end = v.end ?? v.start;
      let best = -1;
      facilities.forEach((fac, k) => {
        const fits = (maskOf(fac.acceptedFractions) & vehicleMask[i]) !== 0 || fac.acceptedFractions === undefined;
        const better = best < 0 || dur[fac.location * size + end] < dur[facilities[best].location * size + end];
        if (fits && better) best = k;
      });
      if (best < 0) best = 0;
      finalUnload[i] = unloadPools[best][taken[best]++];
    });
  }
  const tripUnit = new Float64Array(V);
  for (let v = 0; v < V; v++) for (let k = 0; k < dims; k++) tripUnit[v] = Math.max(tripUnit[v], capacity[v * dims + k]);
  let demandSum = 0;
  for (let i = 0; i < J * dims; i++) demandSum += demand[i];
  const demandUnit = Math.max(1, demandSum / Math.max(1, J));
  for (let v = 0; v < V; v++) if (!(tripUnit[v] > 0) || !Number.isFinite(tripUnit[v])) tripUnit[v] = demandUnit;
  const mustRun = new Uint8Array(V);
  if (facilities.length > 0) vehicles.forEach((v, i) => (mustRun[i] = startsLoaded(v) ? 1 : 0));
  const hasDailyLimits = maxTripsV.some(Number.isFinite) || maxStops.some(Number.isFinite) || maxDailyLoad.some(Number.isFinite);

  return {
    problem, numJobs: J, numVehicles: V, numNodes: N, dims, size,
    dur: flatten(problem.matrix.durations, size),
    dist: flatten(problem.matrix.distances, size),
    kind, loc, service, twEarly, twLate, demand, nodeVehicle, prize, required, allowed,
    capacity, maxDuration, maxDistance, fixedCost, costPerM, costPerS, vehicleClass, breakNodes,
    disposal: facilities.length > 0, finalUnload, unloadPools, facilityOf,
    fractionMask, acceptMask, hasFractions, singleFraction,
    maxTrips: maxTripsV, maxStops, maxDailyLoad, hasDailyLimits, tripUnit, demandUnit, mustRun,
    startNode: (v) => J + v,
    endNode: (v) => J + V + v,
  };
}

/**
 * Mid-route unloads one vehicle may need: enough trips for the whole demand, within its daily
 * limits, at most 8.
 */
function midTrips(problem: Problem): number {
  const dims = Math.max(1, ...problem.vehicles.map((v) => v.capacity.length));
  let trips = 1;
  for (const v of problem.vehicles) {
    let mine = 1;
    for (let k = 0; k < dims; k++) {
      const total = problem.jobs.reduce((s, j) => s + (j.demand?.[k] ?? 0), 0);
      const cap = v.capacity[k] ?? 0;
      const daily = v.maxDailyLoad?.[k] ?? Infinity;
      if (cap > 0) mine = Math.max(mine, Math.ceil(Math.min(total, daily) / cap) + 1);
    }
    if (v.maxTrips !== undefined) mine = Math.min(mine, v.maxTrips);
    trips = Math.max(trips, mine);
  }
  return Math.min(8, trips);
}

/** Whether the vehicle has a load on board when its route starts (`initialLoad`). */
export function startsLoaded(v: Vehicle): boolean {
  return v.initialLoad?.some((l) => l > 0) ?? false;
}

/** The fraction of a vehicle's load on board: its only fraction, when it starts loaded. */
export function initialLoadFraction(v: Vehicle): string | undefined {
  return startsLoaded(v) && v.fractions?.length === 1 ? v.fractions[0] : undefined;
}

/** One bit per waste fraction named anywhere in the problem (at most 31). */
function fractionBits(problem: Problem): Map<string, number> {
  const bits = new Map<string, number>();
  const add = (f: string) => {
    if (!bits.has(f) && bits.size < 31) bits.set(f, 1 << bits.size);
  };
  for (const j of problem.jobs) if (j.fraction !== undefined) add(j.fraction);
  for (const v of problem.vehicles) {
    const f = initialLoadFraction(v);
    if (f !== undefined) add(f);
  }
  if (bits.size === 0) return bits;
  for (const v of problem.vehicles) v.fractions?.forEach(add);
  for (const f of problem.facilities ?? []) f.acceptedFractions?.forEach(add);
  return bits;
}

/** Whether job `j` may ride on vehicle `v`. */
export function isAllowed(inst: Instance, j: number, v: number): boolean {
  return inst.allowed === null || inst.allowed[j * inst.numVehicles + v] === 1;
}
