import { createOSMStream } from 'osm-pbf-parser-node';
import { carWayAttributes, WAY_TAGS_USED } from './car-profile.ts';
import type { OsmTags } from './car-profile.ts';

/**
 * Streams an OSM PBF once and keeps only what a car router needs: every node's coordinates (ways
 * come after nodes in a PBF, so we cannot know yet which nodes matter) and the drivable ways.
 */
export interface RawRoadData {
  /** Coordinates of nodes used by drivable ways, in first-use order. */
  readonly nodeLon: Float64Array;
  readonly nodeLat: Float64Array;
  readonly osmNodeIds: Float64Array;
  /** One entry per consecutive node pair of a drivable way. */
  readonly segFrom: Uint32Array;
  readonly segTo: Uint32Array;
  readonly segForward: Uint8Array;
  readonly segBackward: Uint8Array;
  readonly segSpeedKmh: Float32Array;
  readonly segName: Uint32Array;
  readonly segRoundabout: Uint8Array;
  readonly names: string[];
  readonly wayCount: number;
}

interface OsmItem {
  readonly type?: string;
  readonly id?: number;
  readonly lat?: number;
  readonly lon?: number;
  readonly refs?: number[];
  readonly tags?: OsmTags;
}

export async function readRoadData(pbfPath: string): Promise<RawRoadData> {
  const allNodes = new Map<number, number>();
  const lons = new GrowableFloat64();
  const lats = new GrowableFloat64();
  const ways: { refs: number[]; attributes: NonNullable<ReturnType<typeof carWayAttributes>> }[] = [];
  const stream = createOSMStream(pbfPath, { withTags: { node: false, way: WAY_TAGS_USED, relation: false }, withInfo: false });
  for await (const raw of stream) {
    const item = raw as OsmItem;
    if (item.type === 'node') {
      allNodes.set(item.id!, lons.length);
      lons.push(item.lon!);
      lats.push(item.lat!);
    } else if (item.type === 'way') {
      const attributes = carWayAttributes(item.tags);
      if (attributes && item.refs && item.refs.length >= 2) ways.push({ refs: item.refs, attributes });
    }
  }

  const usedIndex = new Map<number, number>();
  const nodeLon = new GrowableFloat64();
  const nodeLat = new GrowableFloat64();
  const osmIds = new GrowableFloat64();
  const nodeOf = (osmId: number): number | undefined => {
    let index = usedIndex.get(osmId);
    if (index !== undefined) return index;
    const raw = allNodes.get(osmId);
    if (raw === undefined) return undefined; // way clipped at the extract's border
    index = nodeLon.length;
    usedIndex.set(osmId, index);
    nodeLon.push(lons.at(raw));
    nodeLat.push(lats.at(raw));
    osmIds.push(osmId);
    return index;
  };

  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const from: number[] = [];
  const to: number[] = [];
  const forward: number[] = [];
  const backward: number[] = [];
  const speed: number[] = [];
  const nameOf: number[] = [];
  const roundabout: number[] = [];
  for (const { refs, attributes } of ways) {
    let name = nameIndex.get(attributes.name);
    if (name === undefined) {
      name = names.length;
      names.push(attributes.name);
      nameIndex.set(attributes.name, name);
    }
    for (let k = 0; k + 1 < refs.length; k++) {
      const a = nodeOf(refs[k]);
      const b = nodeOf(refs[k + 1]);
      if (a === undefined || b === undefined || a === b) continue;
      from.push(a);
      to.push(b);
      forward.push(attributes.forward ? 1 : 0);
      backward.push(attributes.backward ? 1 : 0);
      speed.push(attributes.speedKmh);
      nameOf.push(name);
      roundabout.push(attributes.roundabout ? 1 : 0);
    }
  }
  return {
    nodeLon: nodeLon.toArray(),
    nodeLat: nodeLat.toArray(),
    osmNodeIds: osmIds.toArray(),
    segFrom: Uint32Array.from(from),
    segTo: Uint32Array.from(to),
    segForward: Uint8Array.from(forward),
    segBackward: Uint8Array.from(backward),
    segSpeedKmh: Float32Array.from(speed),
    segName: Uint32Array.from(nameOf),
    segRoundabout: Uint8Array.from(roundabout),
    names,
    wayCount: ways.length,
  };
}

class GrowableFloat64 {
  private data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  at(index: number): number {
    return this.data[index];
  }
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}
