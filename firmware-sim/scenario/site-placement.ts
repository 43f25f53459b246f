/**
 * Where collection points go: first the extract's own waste points, then points spread along
 * residential streets (weighted by street length, kept a minimum distance apart), each snapped to
 * the nearest node of the largest strongly connected car graph.
 */
import type { Prng } from '../random/prng.ts';
import type { OsmWastePoint } from './osm-extract.ts';
import type { ContainerType } from './types.ts';
import type { NearestNodeIndex } from './nearest-node.ts';
import { haversineM, type RoadGraph } from './road-graph.ts';

export interface Site {
  lon: number;
  lat: number;
  roadNode: number;
  snapDistanceM: number;
  address: string | null;
  origin: 'osm' | 'street';
  /** Fractions the OSM point names (empty: choose by shares). */
  fractions: string[];
  /** Container type the OSM point implies (a waste basket is a street bin); undefined: by shares. */
  type?: ContainerType;
}

/** OSM waste points farther than this from any reachable road are left out (islands, footpaths). */
const MAX_OSM_SNAP_M = 250;
/**
 * Waste baskets are litter bins, not household containers: some cities map thousands. They become
 * residual street bins, at most this share of the sites, and only after the real collection points.
 */
const MAX_BASKET_SHARE = 0.2;
const METRES_PER_DEG_LAT = 111_320;

export function placeSites(
  graph: RoadGraph,
  index: NearestNodeIndex,
  wastePoints: OsmWastePoint[],
  wanted: number,
  minSpacingM: number,
  rng: Prng,
): Site[] {
  const sites: Site[] = [];
  const taken = new SpacingGrid(minSpacingM);
  const points = [...wastePoints.filter((p) => p.kind !== 'waste_basket'), ...rng.shuffle(wastePoints.filter((p) => p.kind === 'waste_basket'))];
  let baskets = 0;
  for (const p of points) {
    if (sites.length >= wanted) break;
    const basket = p.kind === 'waste_basket';
    if (basket && baskets >= Math.floor(wanted * MAX_BASKET_SHARE)) break;
    const snap = index.nearest(p.lon, p.lat);
    if (!snap || snap.distanceM > MAX_OSM_SNAP_M || !taken.isFree(p.lon, p.lat, 10)) continue;
    if (basket) baskets++;
    sites.push({
      lon: p.lon, lat: p.lat, roadNode: snap.node, snapDistanceM: snap.distanceM, address: p.name ?? graph.names[snap.node], origin: 'osm',
      fractions: basket ? ['residual'] : p.fractions, type: basket ? 'street' : undefined,
    });
    taken.add(p.lon, p.lat);
  }

  const segments = graph.residentialSegments;
  const pool = segments.length > 0 ? segments : graph.reachableSegments;
  if (pool.length === 0) return sites;
  const cumulative = new Float64Array(pool.length);
  let total = 0;
  for (let i = 0; i < pool.length; i++) cumulative[i] = total += Math.max(pool[i].lengthM, 1);

  let spacing = minSpacingM;
  let misses = 0;
  while (sites.length < wanted) {
    const seg = pool[lowerBound(cumulative, rng.next() * total)];
    const t = rng.next();
    const ax = graph.lon[seg.from], ay = graph.lat[seg.from], bx = graph.lon[seg.to], by = graph.lat[seg.to];
    // A site stands on the pavement a few metres beside the street, left or right.
    const cosLat = Math.cos((ay * Math.PI) / 180);
    const dx = (bx - ax) * cosLat, dy = by - ay;
    const len = Math.hypot(dx, dy) || 1;
    const side = (rng.chance(0.5) ? 1 : -1) * rng.uniform(3, 8) / METRES_PER_DEG_LAT;
    const lon = ax + (bx - ax) * t + (-dy / len) * side / cosLat;
    const lat = ay + (by - ay) * t + (dx / len) * side;
    if (!taken.isFree(lon, lat, spacing)) {
      // A small street network cannot hold every site at the configured spacing: relax it.
      if (++misses > 200) { spacing /= 2; misses = 0; }
      continue;
    }
    const snap = index.nearest(lon, lat);
    if (!snap) break;
    misses = 0;
    taken.add(lon, lat);
    sites.push({ lon, lat, roadNode: snap.node, snapDistanceM: snap.distanceM, address: graph.names[snap.node] ?? graph.names[seg.from], origin: 'street', fractions: [] });
  }
  return sites;
}

function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0, hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Points already used, bucketed so the spacing check looks at a few neighbours only. */
class SpacingGrid {
  private readonly cells = new Map<string, [number, number][]>();
  private readonly cellDeg: number;

  constructor(cellM: number) {
    this.cellDeg = Math.max(cellM, 10) / METRES_PER_DEG_LAT;
  }

  add(lon: number, lat: number): void {
    const k = `${Math.floor(lon / this.cellDeg)}:${Math.floor(lat / this.cellDeg)}`;
    let list = this.cells.get(k);
    if (!list) this.cells.set(k, (list = []));
    list.push([lon, lat]);
  }

  isFree(lon: number, lat: number, spacingM: number): boolean {
    const cx = Math.floor(lon / this.cellDeg), cy = Math.floor(lat / this.cellDeg);
    const r = Math.ceil(spacingM / (this.cellDeg * METRES_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180))) ;
    for (let dx = -r; dx <= r; dx++) {
      for (let dy = -r; dy <= r; dy++) {
        for (const [x, y] of this.cells.get(`${cx + dx}:${cy + dy}`) ?? []) {
          if (haversineM(lon, lat, x, y) < spacingM) return false;
        }
      }
    }
    return true;
  }
}
