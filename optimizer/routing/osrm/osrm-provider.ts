import { RoutingError } from '../../../platform/errors.ts';
import { mapWithConcurrency } from '../concurrency.ts';
import { bilingualInstruction } from '../instructions.ts';
import { allIndices, collectUnreachable } from '../point-labels.ts';
import type {
  LonLat, NearestResult, RouteLeg, RouteResult, RoutingHealth, RoutingLogger, RoutingProfile,
  RoutingProvider, RoutingRequestOptions, TableRequestOptions, TableResult,
} from '../types.ts';
import { getOsrmJson } from './osrm-http.ts';
import type { OsrmHttpOptions } from './osrm-http.ts';
import { osrmErrorToRoutingError } from './osrm-errors.ts';
import type { OsrmRequestContext } from './osrm-errors.ts';
import type { OsrmNearestBody, OsrmRoute, OsrmRouteBody, OsrmTableBody } from './osrm-wire.ts';
import { joinRouteParts, planRouteParts } from './route-parts.ts';
import { checkCoordinates, checkSnapDistances, DEFAULT_SNAP_RADIUS_M, radiusesParam } from './snap-check.ts';
import { planTableBlocks, stitchBlock } from './table-tiling.ts';
import type { TableSizeRule } from './table-tiling.ts';

export interface OsrmProviderOptions {
  /** osrm-routed base URL for the car profile, e.g. http://osrm:5000 */
  readonly url: string;
  /** Extra servers per profile (osrm-routed serves one dataset each), e.g. { truck: 'http://osrm-truck:5000' }. */
  readonly profileUrls?: Partial<Record<RoutingProfile, string>>;
  /** The server's --max-table-size (default 100). */
  readonly maxTableSize?: number;
  /** The server's --max-viaroute-size (default 500): longer routes are requested in parts. */
  readonly maxRouteSize?: number;
  /** Points further than this from a road are refused, NoSegment (default 1,000 m as the built-in router). */
  readonly snapRadiusM?: number;
  /** How the server counts a table against its limit (default: as osrm-routed, sources × destinations). */
  readonly tableSizeRule?: TableSizeRule;
  /** Table blocks in flight at once (default 4). */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly backoffMs?: number;
  /** Part of the cache key: change it when the server's data is rebuilt. */
  readonly dataVersion?: string;
  readonly logger?: RoutingLogger;
}

/** The profile segment of the URL; osrm-routed ignores it but clients conventionally send this. */
const URL_PROFILE = 'driving';

export class OsrmProvider implements RoutingProvider {
  readonly name = 'osrm';
  readonly version: string;
  private readonly maxTableSize: number;
  private readonly maxRouteSize: number;
  private readonly snapRadiusM: number;
  private readonly concurrency: number;
  private readonly http: Omit<OsrmHttpOptions, 'signal'>;
  private readonly warnedProfiles = new Set<RoutingProfile>();

  constructor(private readonly options: OsrmProviderOptions) {
    this.maxTableSize = options.maxTableSize ?? 100;
    this.maxRouteSize = options.maxRouteSize ?? 500;
    this.snapRadiusM = options.snapRadiusM ?? DEFAULT_SNAP_RADIUS_M;
    this.concurrency = options.concurrency ?? 4;
    this.http = { timeoutMs: options.timeoutMs ?? 10_000, retries: options.retries ?? 2, backoffMs: options.backoffMs ?? 200 };
    this.version = `osrm:${stripSlash(options.url)}:${options.dataVersion ?? 'unversioned'}`;
  }

  async table(points: readonly LonLat[], profile: RoutingProfile, options: TableRequestOptions = {}): Promise<TableResult> {
    const sources = options.sources ?? allIndices(points.length);
    const destinations = options.destinations ?? allIndices(points.length);
    const durations = emptyMatrix(sources.length, destinations.length);
    const distances = emptyMatrix(sources.length, destinations.length);
    const blocks = planTableBlocks(sources, destinations, this.maxTableSize, this.options.tableSizeRule);
    // The first failed block cancels the blocks still in flight: the table is lost anyway.
    const failFast = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, failFast.signal]) : failFast.signal;
    await mapWithConcurrency(blocks, this.concurrency, async (block) => {
      const params = new QueryString();
      if (block.sources) params.add('sources', block.sources.join(';'));
      if (block.destinations) params.add('destinations', block.destinations.join(';'));
      params.add('annotations', 'duration,distance');
      const body = await this.request<OsrmTableBody>('table', profile, points, block.pointIndices, params, { ...options, signal });
      if (!hasShape(body.durations, block.rows, block.cols) || !hasShape(body.distances, block.rows, block.cols)) {
        throw new RoutingError('OSRM table of the wrong shape', [
          { name: 'osrm', reason: `expected ${block.rows}×${block.cols} durations and distances (annotations=duration,distance)` },
        ]);
      }
      // Waypoint k of `sources` / `destinations` is the block coordinate list[k] (all when no list).
      const local = (list: readonly number[] | undefined, k: number) => block.pointIndices[list ? list[k]! : k]!;
      checkSnapDistances(body.sources, body.sources?.map((_, k) => local(block.sources, k)) ?? [], points, this.snapRadiusM, options.labels);
      checkSnapDistances(body.destinations, body.destinations?.map((_, k) => local(block.destinations, k)) ?? [], points, this.snapRadiusM, options.labels);
      stitchBlock(durations, block, body.durations);
      stitchBlock(distances, block, body.distances);
    }).catch((err: unknown) => {
      failFast.abort();
      throw err;
    });
    return { durations, distances, unreachable: collectUnreachable(durations) };
  }

  /**
   * continue_straight=false lets the route turn around at a stop as a table cell may, so every
   * leg equals the matrix cell the solver planned on (by default the car profile forbids U-turns
   * at waypoints and the driver's legs come out longer than planned).
   */
  async route(points: readonly LonLat[], profile: RoutingProfile, options: RoutingRequestOptions = {}): Promise<RouteResult> {
    const legCount = Math.max(points.length - 1, 0);
    const parts = await Promise.all(planRouteParts(points.length, this.maxRouteSize).map(async ({ first, end }) => {
      const indices = Array.from({ length: end - first }, (_, k) => first + k);
      const params = new QueryString()
        .add('overview', 'full').add('geometries', 'geojson').add('steps', 'true').add('continue_straight', 'false')
        .add('annotations', 'duration,distance');
      const body = await this.request<OsrmRouteBody>('route', profile, points, indices, params, options);
      checkSnapDistances(body.waypoints, indices, points, this.snapRadiusM, options.labels);
      const route = body.routes[0];
      if (!route) throw new RoutingError('OSRM returned no route', [{ name: 'route', reason: 'empty routes array' }]);
      return toRouteResult(route, first, legCount);
    }));
    return joinRouteParts(parts);
  }

  async nearest(point: LonLat, profile: RoutingProfile, options: RoutingRequestOptions = {}): Promise<NearestResult> {
    const params = new QueryString().add('number', '1');
    const body = await this.request<OsrmNearestBody>('nearest', profile, [point], [0], params, options);
    checkSnapDistances(body.waypoints, [0], [point], this.snapRadiusM, options.labels);
    const waypoint = body.waypoints[0];
    if (!waypoint) throw new RoutingError('OSRM nearest returned no waypoint', [{ name: options.labels?.[0] ?? 'point', reason: 'no road found' }]);
    return { location: [waypoint.location[0], waypoint.location[1]], name: waypoint.name ?? '', distanceM: waypoint.distance };
  }

  async health(): Promise<RoutingHealth> {
    // Any OSRM JSON answer (even NoSegment for a point at sea) proves the server is up.
    try {
      const { body } = await getOsrmJson(`${this.baseUrl('car')}/nearest/v1/${URL_PROFILE}/0,0?number=1`, { ...this.http, retries: 0 });
      const code = (body as { code?: unknown }).code;
      return { provider: this.name, version: this.version, ok: typeof code === 'string', detail: `osrm-routed answered ${String(code)}` };
    } catch (err) {
      return { provider: this.name, version: this.version, ok: false, detail: err instanceof Error ? err.message : String(err) };
    }
  }

  private async request<T>(
    service: 'table' | 'route' | 'nearest',
    profile: RoutingProfile,
    points: readonly LonLat[],
    pointIndices: readonly number[],
    params: QueryString,
    options: RoutingRequestOptions,
  ): Promise<T> {
    checkCoordinates(points, pointIndices, options.labels);
    const coordinates = pointIndices.map((i) => formatCoordinate(points[i])).join(';');
    params.add('radiuses', radiusesParam(pointIndices.length, this.snapRadiusM));
    const path = `/${service}/v1/${URL_PROFILE}/${coordinates}${params.toString()}`;
    const { status, body } = await getOsrmJson(this.baseUrl(profile) + path, { ...this.http, signal: options.signal });
    const context: OsrmRequestContext = { path, pointIndices, points, labels: options.labels };
    if (status !== 200 || (body as { code?: unknown }).code !== 'Ok') throw osrmErrorToRoutingError(status, body, context);
    return body as T;
  }

  private baseUrl(profile: RoutingProfile): string {
    const url = this.options.profileUrls?.[profile];
    if (url) return stripSlash(url);
    if (profile !== 'car' && !this.warnedProfiles.has(profile)) {
      this.warnedProfiles.add(profile);
      this.options.logger?.warn({ profile }, 'no OSRM server configured for this profile; using the car server');
    }
    return stripSlash(this.options.url);
  }
}

/** Query string in insertion order with literal `;` and `,` as osrm-routed's own examples use. */
class QueryString {
  private readonly parts: string[] = [];
  add(name: string, value: string): this {
    this.parts.push(`${name}=${value}`);
    return this;
  }
  toString(): string {
    return this.parts.length ? `?${this.parts.join('&')}` : '';
  }
}

/** Six decimals (~0.1 m) is OSRM's own precision; trailing zeros dropped. */
export function formatCoordinate(point: LonLat): string {
  return `${Number(point[0].toFixed(6))},${Number(point[1].toFixed(6))}`;
}

/** `legOffset` and `legCount` place a part's legs in the whole route (the arrival texts depend on it). */
function toRouteResult(route: OsrmRoute, legOffset: number, legCount: number): RouteResult {
  const legs: RouteLeg[] = route.legs.map((leg, k) => ({
    distanceM: leg.distance,
    durationS: leg.duration,
    steps: (leg.steps ?? []).map((step) => ({
      distanceM: step.distance,
      durationS: step.duration,
      name: step.name ?? '',
      maneuver: {
        type: step.maneuver.type,
        modifier: step.maneuver.modifier,
        location: [step.maneuver.location[0], step.maneuver.location[1]] as const,
        bearingBefore: step.maneuver.bearing_before,
        bearingAfter: step.maneuver.bearing_after,
      },
      instruction: bilingualInstruction(step, legOffset + k, legCount),
    })),
  }));
  return { distanceM: route.distance, durationS: route.duration, geometry: route.geometry, legs };
}

function hasShape(matrix: (number | null)[][] | undefined, rows: number, cols: number): matrix is (number | null)[][] {
  return Array.isArray(matrix) && matrix.length === rows && matrix.every((row) => Array.isArray(row) && row.length === cols);
}

function emptyMatrix(rows: number, cols: number): (number | null)[][] {
  return Array.from({ length: rows }, () => new Array<number | null>(cols).fill(null));
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
