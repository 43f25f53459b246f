/**
 * The planning pipeline's own input and output: plain data, no database rows, no HTTP. The plan
 * worker fills it from PostgreSQL; the closed-loop evaluation fills it from a simulation.
 * Units as in ARCHITECTURE.md; times of day are seconds since local midnight of the plan day.
 */
import type { LonLat } from '../optimizer/routing/index.ts';

import type { Fraction } from '../registry/fractions.ts';
import type { CollectionCalendar } from '../registry/collection-calendar.ts';
import type { TenantSettings } from '../registry/tenant-settings.ts';
import type { FillOutlook } from './outlook.ts';

export type { Fraction };

export interface PlanningContainer {
  readonly id: string;
  readonly location: LonLat;
  readonly fraction: Fraction;
  readonly volumeM3: number;
  readonly serviceS: number;
  /** Latest measured fill (0..1, above 1 overflowing); null when no sensor has reported. */
  readonly fillLevel: number | null;
  /** Expected fill at collection time from the forecast, when one exists. Preferred over fillLevel. */
  readonly forecastFill?: number | null;
  /** Container type ('underground', 'street', …): thresholds may differ per type within a fraction. */
  readonly containerType?: string;
  /** The forecast of its fill (forecast library, via `outlookOf`): with it selection looks ahead. */
  readonly outlook?: FillOutlook;
  /** Open alerts of the container: 'fire' is an emergency dispatch, 'overflow' makes it a must. */
  readonly alerts?: readonly string[];
  /** Fixed-schedule selection (`policy.selection: 'schedule'`): the schedule says collect it today. */
  readonly dueBySchedule?: boolean;
}

export interface PlanningVehicle {
  readonly id: string;
  readonly depotId: string;
  /** Where the route ends (and starts, unless startLocation is given). */
  readonly depotLocation: LonLat;
  /** Where the vehicle is now, when re-planning the rest of a running day. */
  readonly startLocation?: LonLat;
  /**
   * Load on board when the route starts, when re-planning the rest of a running day: kg and loose
   * m³, as a plan's stop loads. With facilities it fills the first trip and is unloaded at the
   * first facility visit (a loaded truck unloads before the depot even without containers);
   * without facilities it stays on board all day and takes room from the one trip.
   */
  readonly loadOnBoard?: { readonly kg: number; readonly looseM3: number };
  readonly capacityKg: number;
  readonly capacityM3: number;
  /** Loose m³ per m³ in the body: the packer lets the truck take this much more loose volume. */
  readonly compactionFactor: number;
  readonly fractions: readonly Fraction[];
  readonly shiftStartS: number;
  readonly shiftEndS: number;
  readonly breakDurationS?: number;
  readonly breakWindowS?: readonly [number, number];
  readonly fixedCost?: number;
  readonly costPerKm?: number;
  readonly costPerHour?: number;
  /** Trips a day (unload visits, the closing one included), with disposal trips. */
  readonly maxTrips?: number;
  /** Waste collected in a day, kg, over all trips. */
  readonly maxDailyLoadKg?: number;
  /** Containers emptied in a day. */
  readonly maxDailyStops?: number;
}

export interface PlanningFacility {
  readonly id: string;
  readonly location: LonLat;
  readonly fractions: readonly Fraction[];
  readonly unloadS: number;
  /** When unloading may start on the plan day (seconds since local midnight); absent: any time. */
  readonly openWindowS?: readonly [number, number];
}

export interface PlanningPolicy {
  /** At or above this fill a container must be collected (required job). */
  readonly mustFill: number;
  /** From this fill a container may be collected when it fits (optional job with a prize). */
  readonly mayFill: number;
  /** Prize of an optional container per unit of fill (cost units), so fuller ones are preferred. */
  readonly prizePerFill: number;
  /** Only containers of these fractions (default: all). */
  readonly fractions?: readonly Fraction[];
  /**
   * Trucks with compartments may take several fractions in one route, even in one trip (the
   * optimizer's `compartments`, capacity shared). Default false: each truck collects one fraction
   * per day (fraction-assignment.ts).
   */
  readonly mixFractions?: boolean;
  /** Loose density per fraction, kg/m³, to turn a fill into a mass. */
  readonly densityKgPerM3?: Partial<Record<Fraction, number>>;
  /** Per fraction and container type, overriding mustFill/mayFill (tenant settings, `thresholdsFor`). */
  readonly thresholdsByFraction?: TenantSettings['thresholdsByFraction'];
  /**
   * How containers are chosen: 'forecast' (default when a container has an outlook: must when the
   * fill will likely reach mustFill before its fraction's next collection day), 'threshold'
   * (today's fill against the thresholds), 'schedule' (a fixed collection schedule, `dueBySchedule`).
   */
  readonly selection?: 'forecast' | 'threshold' | 'schedule';
  /** Must when P(fill ≥ mustFill before the next collection opportunity) is at least this. Default 0.9. */
  readonly mustProbability?: number;
  /** Optional when P(fill ≥ mustFill by the opportunity after the next) is at least this. Default 0.5. */
  readonly optionalProbability?: number;
}

export const DEFAULT_POLICY: PlanningPolicy = { mustFill: 0.8, mayFill: 0.5, prizePerFill: 20 };

/** Typical loose densities of Dutch household waste streams, kg/m³. */
export const DEFAULT_DENSITY_KG_PER_M3: Record<Fraction, number> = {
  residual: 150,
  paper: 70,
  glass: 300,
  pmd: 35,
  organic: 400,
  textile: 120,
};

/** The plan day as the calendar sees it: without it selection looks only at today's fill. */
export interface PlanDay {
  /** Calendar date in the tenant's time zone, YYYY-MM-DD. */
  readonly date: string;
  readonly timeZone: string;
  readonly calendar: CollectionCalendar;
}

export interface PlanningInput {
  readonly containers: readonly PlanningContainer[];
  readonly vehicles: readonly PlanningVehicle[];
  readonly facilities: readonly PlanningFacility[];
  readonly policy: PlanningPolicy;
  readonly day?: PlanDay;
}

export interface PlanStop {
  readonly kind: 'start' | 'job' | 'unload' | 'break' | 'end';
  readonly containerId?: string;
  readonly facilityId?: string;
  readonly location: LonLat;
  /** Seconds since local midnight of the plan day. */
  readonly arrivalS: number;
  readonly departureS: number;
  readonly loadKg: number;
  readonly loadM3: number;
  readonly expectedFill?: number;
}

export interface PlanRoute {
  readonly vehicleId: string;
  readonly stops: readonly PlanStop[];
  readonly distanceM: number;
  readonly durationS: number;
  readonly cost: number;
}

export interface PlanUnassigned {
  readonly containerId: string;
  readonly reason: string;
  readonly required: boolean;
}

export interface PlanStats {
  readonly candidates: number;
  readonly required: number;
  readonly optional: number;
  readonly served: number;
  readonly matrixMs: number;
  readonly solveMs: number;
  /** The limit the solver was given: the run's limit minus the matrix and a reserve for storing. */
  readonly solverLimitMs?: number;
  /** Milliseconds per stage of the plan job (load, matrix, solve, geometry, store) and in total. */
  readonly stagesMs?: Readonly<Partial<Record<'load' | 'matrix' | 'solve' | 'geometry' | 'store' | 'total', number>>>;
  readonly solver: string;
  readonly router: string;
  /** The fraction each truck collects (absent when fractions may be mixed). */
  readonly fractionByVehicle?: Readonly<Record<string, Fraction>>;
  /** Containers with a fire alarm: emergency dispatches, not in the routine routes. */
  readonly emergencies?: number;
}

export interface PlanResult {
  readonly routes: readonly PlanRoute[];
  readonly unassigned: readonly PlanUnassigned[];
  readonly cost: number;
  readonly distanceM: number;
  readonly stats: PlanStats;
}

/** Progress of a planning run, forwarded to the dispatcher (SSE). */
export interface PlanProgress {
  readonly stage: 'select' | 'matrix' | 'solve' | 'store' | 'done';
  readonly percent: number;
  readonly bestCost?: number;
}
