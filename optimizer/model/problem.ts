/**
 * The public input of the optimizer: plain JSON-able data, indices into one matrix.
 * Units (ARCHITECTURE.md): durations in seconds, distances in metres, times in seconds since a
 * reference the caller chooses (e.g. midnight of the plan day in the tenant's time zone).
 */

/** Travel matrix: `durations[i][j]` seconds and `distances[i][j]` metres from location i to j. */
export interface Matrix {
  readonly durations: readonly (readonly number[])[] | Float64Array;
  readonly distances: readonly (readonly number[])[] | Float64Array;
  /** Required when the matrices are flat (row-major) arrays. */
  readonly size?: number;
}

/** A time window `[earliest, latest]` for the start of service (seconds). */
export type TimeWindow = readonly [number, number];

export interface Break {
  readonly id: string;
  /** The break must start inside this window. */
  readonly window: TimeWindow;
  /** Length of the break in seconds. The vehicle stays where it is (at the previous stop). */
  readonly durationS: number;
}

export interface Vehicle {
  readonly id: string;
  /** Matrix index of the depot the vehicle leaves from and returns to. */
  readonly start: number;
  /** Defaults to `start`. */
  readonly end?: number;
  /** Capacity per dimension, same order as job demands (e.g. [kg, m3]). */
  readonly capacity: readonly number[];
  /** Working shift: leave the start no earlier, reach the end no later. Default: unbounded. */
  readonly shift?: TimeWindow;
  /** Maximum route duration (s), from departure to arrival at the end. */
  readonly maxDurationS?: number;
  /** Maximum route distance (m). */
  readonly maxDistanceM?: number;
  /** Cost of using the vehicle at all (currency units). Default 0. */
  readonly fixedCost?: number;
  /** Cost per km driven. Default 1 per km when neither rate is given (so cost = km). */
  readonly costPerKm?: number;
  /** Cost per hour of route duration (driving, service and waiting). Default 0. */
  readonly costPerHour?: number;
  readonly breaks?: readonly Break[];
  /** Waste fractions the vehicle may collect (default: every fraction). */
  readonly fractions?: readonly string[];
  /**
   * With compartments, fractions travel apart and may share a trip (put each compartment's volume
   * in its own capacity dimension). Without (the default), a trip, from the depot or an unload to
   * the next unload, carries one fraction.
   */
  readonly compartments?: boolean;
  /** Daily limit: unload visits (trips), the closing unload included. Default unbounded. */
  readonly maxTrips?: number;
  /** Daily limit: total collected per dimension over all trips (same order as capacity). */
  readonly maxDailyLoad?: readonly number[];
  /** Daily limit: jobs served. */
  readonly maxStops?: number;
  /**
   * Load on board when the route starts (same order as capacity), e.g. when a plan is
   * re-optimised during the day: it fills the first trip (unloaded at the first facility visit);
   * it is not part of the daily total (lower `maxDailyLoad` by what was collected before). When
   * the vehicle takes exactly one fraction, the load on board is of that fraction.
   */
  readonly initialLoad?: readonly number[];
}

export interface Job {
  readonly id: string;
  /** Matrix index of the job's location. */
  readonly location: number;
  readonly serviceS?: number;
  /** Demand per dimension (collected, so it accumulates along a trip). Default all zero. */
  readonly demand?: readonly number[];
  readonly timeWindow?: TimeWindow;
  /**
   * Optional jobs carry a prize: serving them lowers the objective by the prize, skipping them is
   * allowed. Required jobs (no prize, the default) must be served or reported unassigned.
   */
  readonly prize?: number;
  /** Ids of the vehicles allowed to serve this job. Default: all. */
  readonly allowedVehicles?: readonly string[];
  /**
   * Waste fraction (e.g. 'residual', 'paper', 'glass', 'pmd', 'organic'): the job only rides on
   * vehicles that take it and is only unloaded at facilities that accept it.
   */
  readonly fraction?: string;
}

/**
 * A disposal facility (waste extensions, used with `disposalTrips`): where a truck unloads. The
 * search chooses which facility each unload visits, the closing one before the depot included.
 */
export interface DisposalFacility {
  readonly id: string;
  readonly location: number;
  /** Unloading time (s). */
  readonly unloadS?: number;
  /** Unloading must start inside this window. */
  readonly openWindow?: TimeWindow;
  /** Fractions the facility takes (default: every fraction). */
  readonly acceptedFractions?: readonly string[];
}

export interface Problem {
  readonly matrix: Matrix;
  readonly vehicles: readonly Vehicle[];
  readonly jobs: readonly Job[];
  readonly facilities?: readonly DisposalFacility[];
  /**
   * Multi-trip routing with the facilities (first step of the waste extensions): every used
   * route ends with an unload before the depot and unloads mid-route when a trip would exceed
   * capacity; capacity then holds per trip. Off by default (facilities are then ignored) until
   * the planner is switched over.
   */
  readonly disposalTrips?: boolean;
}
