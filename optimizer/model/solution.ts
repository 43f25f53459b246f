/** The public output of the optimizer and of `check`: plain JSON-able data. */

export type StepType = 'start' | 'job' | 'unload' | 'break' | 'end';

export interface Step {
  readonly type: StepType;
  /** Job, break or facility id; the vehicle id for start and end. */
  readonly id: string;
  /** Matrix index where the step happens (a break happens where the vehicle is). */
  readonly location: number;
  /** Arrival time at the step (s). */
  readonly arrival: number;
  /** Service start (after waiting for a window to open). */
  readonly serviceStart: number;
  readonly waitingS: number;
  /** Load on board after the step, per dimension. */
  readonly load: readonly number[];
  /** Cumulative distance driven when arriving (m). */
  readonly distanceM: number;
}

export interface RouteCost {
  readonly fixed: number;
  readonly distance: number;
  readonly time: number;
  readonly total: number;
}

export interface Route {
  readonly vehicle: string;
  readonly steps: readonly Step[];
  readonly distanceM: number;
  readonly durationS: number;
  readonly cost: RouteCost;
}

export interface Unassigned {
  readonly job: string;
  readonly reason: string;
}

export interface CostBreakdown {
  readonly fixed: number;
  readonly distance: number;
  readonly time: number;
  /** Sum of prizes of served optional jobs (subtracted in `total`). */
  readonly prizes: number;
  readonly total: number;
}

export interface Solution {
  readonly routes: readonly Route[];
  readonly unassigned: readonly Unassigned[];
  readonly cost: CostBreakdown;
  readonly distanceM: number;
  readonly vehiclesUsed: number;
  readonly feasible: boolean;
  readonly stats: { readonly iterations: number; readonly elapsedMs: number };
}

/** One broken rule in a (for example dispatcher-edited) plan. */
export interface Violation {
  /** Job, break or vehicle id. */
  readonly name: string;
  readonly constraint:
    | 'capacity'
    | 'time-window'
    | 'shift'
    | 'max-duration'
    | 'max-distance'
    | 'break'
    | 'unload'
    | 'fraction'
    | 'daily-load'
    | 'max-stops'
    | 'max-trips'
    | 'allowed-vehicles'
    | 'unknown-job'
    | 'duplicate-job'
    | 'missing-job';
  readonly reason: string;
}

/**
 * A plan as a dispatcher edits it: per vehicle the ordered ids of its stops: job ids, break ids
 * and facility ids (an unload visit).
 */
export interface PlannedRoute {
  readonly vehicle: string;
  readonly jobs: readonly string[];
}

export interface CheckResult {
  readonly feasible: boolean;
  readonly violations: readonly Violation[];
  readonly routes: readonly Route[];
  readonly cost: CostBreakdown;
}
