import type { LonLat } from '../types.ts';
import type { RoadNetwork } from './road-network.ts';
import { buildSnapIndex } from './snap-index.ts';
import type { SnapIndex } from './snap-index.ts';

/**
 * Questions other parts ask of a road network without going through a provider: the simulator
 * places containers on roads a truck can reach and leave.
 */
export interface RoadPosition {
  readonly location: LonLat;
  readonly name: string;
  /** From the input point to the road, metres. */
  readonly distanceM: number;
}

const indexes = new WeakMap<RoadNetwork, SnapIndex>();

function indexFor(network: RoadNetwork): SnapIndex {
  let index = indexes.get(network);
  if (!index) {
    index = buildSnapIndex(network);
    indexes.set(network, index);
  }
  return index;
}

/** Nearest point on a road of the main component, or undefined beyond maxDistanceM (default 1 km). */
export function snapToRoad(network: RoadNetwork, point: LonLat, maxDistanceM = 1_000): RoadPosition | undefined {
  const snap = indexFor(network).nearest(point[0], point[1], maxDistanceM);
  if (!snap) return undefined;
  return { location: [snap.lon, snap.lat], name: network.names[network.segName[snap.segment]], distanceM: snap.distanceM };
}

/** Coordinates of every road node from which all others are reachable (and back). */
export function reachableRoadNodes(network: RoadNetwork): LonLat[] {
  const nodes: LonLat[] = [];
  for (let n = 0; n < network.nodeCount; n++) {
    if (network.inMainComponent[n]) nodes.push([network.nodeLon[n], network.nodeLat[n]]);
  }
  return nodes;
}
