/**
 * The one routing interface (see ARCHITECTURE.md, "Optimizer boundary"): the planner asks a
 * provider for a matrix, geometry or a road snap and hands plain numbers to the solver. Every
 * provider (OSRM, built-in road router, straight line) answers with these shapes.
 */

/** [longitude, latitude], WGS84, GeoJSON order. */
export type LonLat = readonly [number, number];

/** Vehicle profile. A provider that has no truck data answers truck requests with its car data. */
export type RoutingProfile = 'car' | 'truck';

export interface RoutingRequestOptions {
  /**
   * A name per point (container id, depot id…) used in error details so that an operator knows
   * which site the road network cannot reach. Defaults to `points[i]`.
   */
  readonly labels?: readonly string[];
  /** Lets the caller abandon a long matrix (e.g. a cancelled plan job). */
  readonly signal?: AbortSignal;
}

export interface TableRequestOptions extends RoutingRequestOptions {
  /** Row indices into `points` (default: all). */
  readonly sources?: readonly number[];
  /** Column indices into `points` (default: all). */
  readonly destinations?: readonly number[];
}

export interface UnreachablePair {
  /** Row index in the returned matrix (= position in `sources`). */
  readonly source: number;
  /** Column index in the returned matrix (= position in `destinations`). */
  readonly destination: number;
}

export interface TableResult {
  /** durations[i][j] in seconds from sources[i] to destinations[j]; `null` when no route exists. */
  readonly durations: (number | null)[][];
  /** distances[i][j] in metres; `null` exactly where durations is `null`. */
  readonly distances: (number | null)[][];
  /** Every null cell, listed so the planner can report it instead of silently using a zero. */
  readonly unreachable: UnreachablePair[];
}

export interface Maneuver {
  /** OSRM maneuver type (depart, turn, new name, continue, roundabout, arrive, …). */
  readonly type: string;
  readonly modifier?: string;
  readonly location: LonLat;
  readonly bearingBefore: number;
  readonly bearingAfter: number;
}

export interface RouteStep {
  readonly distanceM: number;
  readonly durationS: number;
  readonly name: string;
  readonly maneuver: Maneuver;
  /** Driver text, per language. */
  readonly instruction: { readonly nl: string; readonly en: string };
}

export interface RouteLeg {
  readonly distanceM: number;
  readonly durationS: number;
  readonly steps: RouteStep[];
}

export interface GeoJsonLineString {
  readonly type: 'LineString';
  readonly coordinates: [number, number][];
}

export interface RouteResult {
  readonly distanceM: number;
  readonly durationS: number;
  readonly geometry: GeoJsonLineString;
  /** One leg between each pair of consecutive points. */
  readonly legs: RouteLeg[];
}

export interface NearestResult {
  /** The point moved onto the road network. */
  readonly location: LonLat;
  /** Name of the road it was snapped to ('' when the road has no name). */
  readonly name: string;
  /** How far the input point was from the road, metres. */
  readonly distanceM: number;
}

export interface RoutingHealth {
  readonly provider: string;
  readonly version: string;
  readonly ok: boolean;
  readonly detail?: string;
}

export interface RoutingProvider {
  /** 'osrm' | 'builtin' | 'straight-line' (shown in /v1/health). */
  readonly name: string;
  /** Changes whenever the same request may give other numbers (data, speeds, detour factor). */
  readonly version: string;
  table(points: readonly LonLat[], profile: RoutingProfile, options?: TableRequestOptions): Promise<TableResult>;
  route(points: readonly LonLat[], profile: RoutingProfile, options?: RoutingRequestOptions): Promise<RouteResult>;
  nearest(point: LonLat, profile: RoutingProfile, options?: RoutingRequestOptions): Promise<NearestResult>;
  health(): Promise<RoutingHealth>;
}

/** The subset of a pino logger the routing layer uses. */
export interface RoutingLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}
