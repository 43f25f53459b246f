import { haversineM } from './geo.ts';
import { readRoadData } from './pbf-reader.ts';
import type { RawRoadData } from './pbf-reader.ts';
import { largestStrongComponent } from './strong-components.ts';

/**
 * The drivable road network as compact typed arrays: nodes, road segments (one per pair of
 * consecutive way nodes) and a directed graph in compressed sparse row form, forward and
 * backward, so one-to-many searches run in either direction without allocation.
 */
export interface Csr {
  /** Arcs of node n are firstArc[n] .. firstArc[n + 1] - 1. */
  readonly firstArc: Uint32Array;
  /** Node at the other end of each arc (the target forward, the origin backward). */
  readonly head: Uint32Array;
  readonly durationS: Float64Array;
  readonly lengthM: Float64Array;
  /** Road segment each arc runs along (for names and geometry). */
  readonly segment: Uint32Array;
}

export interface RoadNetwork {
  readonly nodeCount: number;
  readonly nodeLon: Float64Array;
  readonly nodeLat: Float64Array;
  readonly osmNodeIds: Float64Array;
  readonly segmentCount: number;
  readonly segFrom: Uint32Array;
  readonly segTo: Uint32Array;
  /** 1 when a vehicle may drive from segFrom to segTo. */
  readonly segForward: Uint8Array;
  /** 1 when a vehicle may drive from segTo to segFrom. */
  readonly segBackward: Uint8Array;
  readonly segLengthM: Float64Array;
  readonly segDurationS: Float64Array;
  readonly segName: Uint32Array;
  readonly segRoundabout: Uint8Array;
  readonly names: readonly string[];
  readonly forward: Csr;
  readonly backward: Csr;
  /** 1 for nodes of the largest strongly connected component: from there every other is reachable. */
  readonly inMainComponent: Uint8Array;
  readonly mainComponentSize: number;
  readonly wayCount: number;
}

/** Parses a PBF into a road network (Monaco: well under a second). */
export async function loadRoadNetwork(pbfPath: string): Promise<RoadNetwork> {
  return buildRoadNetwork(await readRoadData(pbfPath));
}

export function buildRoadNetwork(raw: RawRoadData): RoadNetwork {
  const nodeCount = raw.nodeLon.length;
  const segmentCount = raw.segFrom.length;
  const segLengthM = new Float64Array(segmentCount);
  const segDurationS = new Float64Array(segmentCount);
  for (let s = 0; s < segmentCount; s++) {
    const a = raw.segFrom[s];
    const b = raw.segTo[s];
    segLengthM[s] = haversineM(raw.nodeLon[a], raw.nodeLat[a], raw.nodeLon[b], raw.nodeLat[b]);
    segDurationS[s] = segLengthM[s] / (raw.segSpeedKmh[s] / 3.6);
  }
  const forward = buildCsr(nodeCount, raw, segLengthM, segDurationS, 'forward');
  const backward = buildCsr(nodeCount, raw, segLengthM, segDurationS, 'backward');
  const inMainComponent = largestStrongComponent(nodeCount, forward, backward);
  let mainComponentSize = 0;
  for (let n = 0; n < nodeCount; n++) mainComponentSize += inMainComponent[n];
  return {
    nodeCount,
    nodeLon: raw.nodeLon,
    nodeLat: raw.nodeLat,
    osmNodeIds: raw.osmNodeIds,
    segmentCount,
    segFrom: raw.segFrom,
    segTo: raw.segTo,
    segForward: raw.segForward,
    segBackward: raw.segBackward,
    segLengthM,
    segDurationS,
    segName: raw.segName,
    segRoundabout: raw.segRoundabout,
    names: raw.names,
    forward,
    backward,
    inMainComponent,
    mainComponentSize,
    wayCount: raw.wayCount,
  };
}

/**
 * Forward: an arc tail→head for each allowed driving direction, stored under its tail.
 * Backward: the same arcs stored under their head, pointing at their tail.
 */
function buildCsr(
  nodeCount: number, raw: RawRoadData, lengthM: Float64Array, durationS: Float64Array, direction: 'forward' | 'backward',
): Csr {
  const tails: number[] = [];
  const heads: number[] = [];
  const segments: number[] = [];
  for (let s = 0; s < raw.segFrom.length; s++) {
    if (raw.segForward[s]) addArc(raw.segFrom[s], raw.segTo[s], s);
    if (raw.segBackward[s]) addArc(raw.segTo[s], raw.segFrom[s], s);
  }
  function addArc(tail: number, head: number, segment: number): void {
    if (direction === 'forward') {
      tails.push(tail);
      heads.push(head);
    } else {
      tails.push(head);
      heads.push(tail);
    }
    segments.push(segment);
  }
  const arcCount = tails.length;
  const firstArc = new Uint32Array(nodeCount + 1);
  for (let k = 0; k < arcCount; k++) firstArc[tails[k] + 1]++;
  for (let n = 0; n < nodeCount; n++) firstArc[n + 1] += firstArc[n];
  const fill = firstArc.slice(0, nodeCount);
  const head = new Uint32Array(arcCount);
  const arcDuration = new Float64Array(arcCount);
  const arcLength = new Float64Array(arcCount);
  const arcSegment = new Uint32Array(arcCount);
  for (let k = 0; k < arcCount; k++) {
    const at = fill[tails[k]]++;
    head[at] = heads[k];
    arcDuration[at] = durationS[segments[k]];
    arcLength[at] = lengthM[segments[k]];
    arcSegment[at] = segments[k];
  }
  return { firstArc, head, durationS: arcDuration, lengthM: arcLength, segment: arcSegment };
}
