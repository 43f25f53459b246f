import type OSRM from 'osrm';

/**
 * Response bodies of osrm-routed v5/v6 as they arrive over HTTP. @types/osrm describes the
 * node bindings; over HTTP every body also carries `code`, and table cells can be `null`.
 */
export interface OsrmErrorBody {
  readonly code: string;
  readonly message?: string;
}

export interface OsrmTableBody extends Omit<OSRM.TableResults, 'durations' | 'distances'> {
  readonly code: 'Ok';
  readonly durations?: (number | null)[][];
  readonly distances?: (number | null)[][];
}

export interface OsrmRouteBody extends OSRM.RouteResults {
  readonly code: 'Ok';
}

export interface OsrmNearestBody extends OSRM.NearestResults {
  readonly code: 'Ok';
}

export type OsrmWaypoint = OSRM.Waypoint;
export type OsrmRoute = OSRM.Route;
export type OsrmRouteStep = OSRM.RouteStep;
