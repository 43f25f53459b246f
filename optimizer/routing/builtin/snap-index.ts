import { metresPerDegree, projectOntoSegment } from './geo.ts';
import type { RoadNetwork } from './road-network.ts';

/**
 * Finds the nearest drivable road segment to a point with a uniform grid over segment bounding
 * boxes, searched ring by ring outwards until no closer segment can exist.
 */
export interface RoadSnap {
  readonly segment: number;
  /** Fraction along the segment from segFrom to segTo. */
  readonly t: number;
  readonly lon: number;
  readonly lat: number;
  /** From the input point to the snapped point. */
  readonly distanceM: number;
}

export interface SnapIndexOptions {
  /** Only segments with both ends in the main strongly connected component (default true). */
  readonly mainComponentOnly?: boolean;
  /** Grid cell edge, metres (default 150). */
  readonly cellSizeM?: number;
}

export interface SnapIndex {
  readonly network: RoadNetwork;
  /** Nearest segment within maxDistanceM, or undefined. */
  nearest(lon: number, lat: number, maxDistanceM?: number): RoadSnap | undefined;
}

export function buildSnapIndex(network: RoadNetwork, options: SnapIndexOptions = {}): SnapIndex {
  const mainOnly = options.mainComponentOnly ?? true;
  const cellSizeM = options.cellSizeM ?? 150;
  const { nodeLon, nodeLat, segFrom, segTo, inMainComponent } = network;
  let midLat = 0;
  for (let n = 0; n < network.nodeCount; n++) midLat += nodeLat[n] / Math.max(1, network.nodeCount);
  const scale = metresPerDegree(midLat);
  const cellLon = cellSizeM / scale.lon;
  const cellLat = cellSizeM / scale.lat;
  const cellKey = (cx: number, cy: number): number => cx * 1_048_576 + cy;

  const cells = new Map<number, number[]>();
  for (let s = 0; s < network.segmentCount; s++) {
    const a = segFrom[s];
    const b = segTo[s];
    if (mainOnly && !(inMainComponent[a] && inMainComponent[b])) continue;
    const x0 = Math.floor(Math.min(nodeLon[a], nodeLon[b]) / cellLon);
    const x1 = Math.floor(Math.max(nodeLon[a], nodeLon[b]) / cellLon);
    const y0 = Math.floor(Math.min(nodeLat[a], nodeLat[b]) / cellLat);
    const y1 = Math.floor(Math.max(nodeLat[a], nodeLat[b]) / cellLat);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const key = cellKey(cx, cy);
        const list = cells.get(key);
        if (list) list.push(s);
        else cells.set(key, [s]);
      }
    }
  }

  function nearest(lon: number, lat: number, maxDistanceM = 2_000): RoadSnap | undefined {
    const cx = Math.floor(lon / cellLon);
    const cy = Math.floor(lat / cellLat);
    const maxRing = Math.ceil(maxDistanceM / cellSizeM) + 1;
    let best: RoadSnap | undefined;
    for (let ring = 0; ring <= maxRing; ring++) {
      // Every cell of ring r is at least (r - 1) cells away from the point.
      if (best && best.distanceM <= (ring - 1) * cellSizeM) break;
      for (let dx = -ring; dx <= ring; dx++) {
        for (let dy = -ring; dy <= ring; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
          const list = cells.get(cellKey(cx + dx, cy + dy));
          if (!list) continue;
          for (const s of list) {
            const a = segFrom[s];
            const b = segTo[s];
            const projection = projectOntoSegment(lon, lat, nodeLon[a], nodeLat[a], nodeLon[b], nodeLat[b]);
            if (!best || projection.distanceM < best.distanceM || (projection.distanceM === best.distanceM && s < best.segment)) {
              best = {
                segment: s,
                t: projection.t,
                lon: nodeLon[a] + projection.t * (nodeLon[b] - nodeLon[a]),
                lat: nodeLat[a] + projection.t * (nodeLat[b] - nodeLat[a]),
                distanceM: projection.distanceM,
              };
            }
          }
        }
      }
    }
    return best && best.distanceM <= maxDistanceM ? best : undefined;
  }

  return { network, nearest };
}
