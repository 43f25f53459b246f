import { GenerationalCache } from './generational-cache.ts';
import { allIndices, collectUnreachable } from './point-labels.ts';
import type {
  LonLat, NearestResult, RouteResult, RoutingProfile, RoutingProvider, RoutingRequestOptions,
  TableRequestOptions, TableResult,
} from './types.ts';

/**
 * Wraps a provider so that a re-plan does not recompute known pairs. Table cells are cached one
 * pair at a time, keyed by rounded coordinates, profile and provider version, so a plan that adds
 * ten containers to four hundred asks the provider only for the new rows and columns.
 */
export interface RoutingCacheOptions {
  /** Decimals kept in the key: 5 ≈ 1 m, points closer than that share cached values. */
  readonly precision?: number;
  /**
   * Table cells kept (≈ 100 bytes each). Default 1,000,000. A single table of more than half
   * this many cells (default: over ~700 × 700) bypasses the cache.
   */
  readonly maxPairs?: number;
  /** Distinct rounded points named before the table cache starts over. Default 100,000. */
  readonly maxPoints?: number;
  /** Routes and snaps kept. Default 2,000. */
  readonly maxEntries?: number;
}

/** A cached cell: [duration s, distance m], or null for an unreachable pair. */
type Cell = readonly [number, number] | null;

/** Point ids are packed into one number per pair; this bounds how many distinct points we name. */
const MAX_POINT_IDS = 2 ** 26;

export function withRoutingCache(provider: RoutingProvider, options: RoutingCacheOptions = {}): RoutingProvider {
  return new CachedRoutingProvider(provider, options);
}

export class CachedRoutingProvider implements RoutingProvider {
  readonly name: string;
  readonly version: string;
  private readonly precision: number;
  /** One cell cache per provider version and profile, keyed by a packed pair of point ids. */
  private readonly pairs = new Map<string, GenerationalCache<number, Cell>>();
  private readonly maxPairs: number;
  private readonly pointIds = new Map<string, number>();
  private readonly maxPoints: number;
  private readonly others: GenerationalCache<string, RouteResult | NearestResult>;

  constructor(private readonly inner: RoutingProvider, options: RoutingCacheOptions = {}) {
    this.name = inner.name;
    this.version = inner.version;
    this.precision = options.precision ?? 5;
    this.maxPoints = Math.min(MAX_POINT_IDS, options.maxPoints ?? 100_000);
    this.maxPairs = options.maxPairs ?? 1_000_000;
    this.others = new GenerationalCache(options.maxEntries ?? 2_000);
  }

  async table(points: readonly LonLat[], profile: RoutingProfile, options: TableRequestOptions = {}): Promise<TableResult> {
    const rows = options.sources ?? allIndices(points.length);
    const cols = options.destinations ?? allIndices(points.length);
    // A matrix larger than a cache generation would evict itself while being stored: every call
    // would pay for the cache and still recompute. Such matrices go straight to the provider.
    if (rows.length * cols.length > this.maxPairs / 2) return this.inner.table(points, profile, options);
    // Ids only grow; starting over before they run out keeps pair keys unambiguous.
    if (this.pointIds.size + points.length > this.maxPoints) {
      this.pointIds.clear();
      this.pairs.clear();
    }
    const namespace = `${this.inner.version}|${profile}`;
    let pairs = this.pairs.get(namespace);
    if (!pairs) {
      pairs = new GenerationalCache(this.maxPairs);
      this.pairs.set(namespace, pairs);
    }
    const ids = points.map((p) => this.pointId(p));
    const key = (i: number, j: number): number => ids[i] * MAX_POINT_IDS + ids[j];
    const cells: (Cell | undefined)[][] = rows.map((i) => cols.map((j) => pairs.get(key(i, j))));

    // Rows that are mostly unknown (new containers) are fetched whole; what is left (the new
    // columns of known rows) is fetched as columns. Two requests cover the usual re-plan.
    const newRows = rows.map((_, r) => r).filter((r) => countMissing(cells[r]) > cols.length / 2);
    if (newRows.length > 0) await this.fill(points, profile, options, cells, newRows, cols.map((_, c) => c), rows, cols, key, pairs);
    const openRows = rows.map((_, r) => r).filter((r) => countMissing(cells[r]) > 0);
    const openCols = cols.map((_, c) => c).filter((c) => openRows.some((r) => cells[r][c] === undefined));
    if (openRows.length > 0) await this.fill(points, profile, options, cells, openRows, openCols, rows, cols, key, pairs);

    const durations = cells.map((row) => row.map((cell) => (cell ? cell[0] : null)));
    const distances = cells.map((row) => row.map((cell) => (cell ? cell[1] : null)));
    return { durations, distances, unreachable: collectUnreachable(durations) };
  }

  async route(points: readonly LonLat[], profile: RoutingProfile, options?: RoutingRequestOptions): Promise<RouteResult> {
    const key = `route|${this.inner.version}|${profile}|${points.map((p) => this.round(p)).join(';')}`;
    const hit = this.others.get(key) as RouteResult | undefined;
    if (hit) return hit;
    const result = await this.inner.route(points, profile, options);
    this.others.set(key, result);
    return result;
  }

  async nearest(point: LonLat, profile: RoutingProfile, options?: RoutingRequestOptions): Promise<NearestResult> {
    const key = `nearest|${this.inner.version}|${profile}|${this.round(point)}`;
    const hit = this.others.get(key) as NearestResult | undefined;
    if (hit) return hit;
    const result = await this.inner.nearest(point, profile, options);
    this.others.set(key, result);
    return result;
  }

  health(): ReturnType<RoutingProvider['health']> {
    return this.inner.health();
  }

  /** Asks the provider for rows × cols (positions in the caller's matrix) and caches each cell. */
  private async fill(
    points: readonly LonLat[], profile: RoutingProfile, options: TableRequestOptions,
    cells: (Cell | undefined)[][], rowPositions: number[], colPositions: number[],
    rows: readonly number[], cols: readonly number[], key: (i: number, j: number) => number,
    pairs: GenerationalCache<number, Cell>,
  ): Promise<void> {
    const sources = rowPositions.map((r) => rows[r]);
    const destinations = colPositions.map((c) => cols[c]);
    const answer = await this.inner.table(points, profile, { ...options, sources, destinations });
    rowPositions.forEach((r, a) => {
      colPositions.forEach((c, b) => {
        const duration = answer.durations[a][b];
        const distance = answer.distances[a][b];
        const cell: Cell = duration === null || distance === null ? null : [duration, distance];
        cells[r][c] = cell;
        pairs.set(key(rows[r], cols[c]), cell);
      });
    });
  }

  private round(point: LonLat): string {
    return `${point[0].toFixed(this.precision)},${point[1].toFixed(this.precision)}`;
  }

  private pointId(point: LonLat): number {
    const rounded = this.round(point);
    let id = this.pointIds.get(rounded);
    if (id === undefined) {
      id = this.pointIds.size;
      this.pointIds.set(rounded, id);
    }
    return id;
  }
}

function countMissing(row: readonly (Cell | undefined)[]): number {
  let missing = 0;
  for (const cell of row) if (cell === undefined) missing++;
  return missing;
}
