/**
 * The road graph the scenario places containers on: the router's own RoadNetwork
 * (optimizer/routing, largest strongly connected component included) seen as nodes with
 * coordinates, a street name per node, the "reachable" mask (the main component: a truck that stops
 * there can leave again) and the residential street segments along which sites are spread.
 */
import type { RoadNetwork } from '../../optimizer/routing/index.ts';

export interface RoadGraph {
  osmIds: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  /** 1 when the node belongs to the router's largest strongly connected component. */
  reachable: Uint8Array;
  reachableCount: number;
  /** Street name per node (first named segment through it), for container addresses. */
  names: (string | null)[];
  /** Residential street segments (node indices) with their length in metres. */
  residentialSegments: { from: number; to: number; lengthM: number }[];
  /** Every drivable segment between reachable nodes: the fallback when no street is residential. */
  reachableSegments: { from: number; to: number; lengthM: number }[];
}

const EARTH_RADIUS_M = 6_371_008.8;

export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** `residentialWays`: node ref lists of residential OSM ways (from readScenarioFeatures). */
export function roadGraphFromNetwork(network: RoadNetwork, residentialWays: number[][]): RoadGraph {
  const residentialPairs = new Set<string>();
  for (const refs of residentialWays) {
    for (let i = 1; i < refs.length; i++) {
      residentialPairs.add(`${refs[i - 1]}:${refs[i]}`);
      residentialPairs.add(`${refs[i]}:${refs[i - 1]}`);
    }
  }
  const names: (string | null)[] = new Array(network.nodeCount).fill(null);
  const residentialSegments: RoadGraph['residentialSegments'] = [];
  const reachableSegments: RoadGraph['reachableSegments'] = [];
  for (let s = 0; s < network.segmentCount; s++) {
    const a = network.segFrom[s];
    const b = network.segTo[s];
    const name = network.names[network.segName[s]] || null;
    if (name) {
      names[a] ??= name;
      names[b] ??= name;
    }
    if (!network.inMainComponent[a] && !network.inMainComponent[b]) continue;
    const seg = { from: a, to: b, lengthM: network.segLengthM[s] };
    reachableSegments.push(seg);
    if (residentialPairs.has(`${network.osmNodeIds[a]}:${network.osmNodeIds[b]}`)) residentialSegments.push(seg);
  }
  return {
    osmIds: network.osmNodeIds,
    lon: network.nodeLon,
    lat: network.nodeLat,
    reachable: network.inMainComponent,
    reachableCount: network.mainComponentSize,
    names,
    residentialSegments,
    reachableSegments,
  };
}
