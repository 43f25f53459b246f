import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { RoutingError } from '../../../platform/errors.ts';
import { allIndices, collectUnreachable, formatLonLat, pointName } from '../point-labels.ts';
import type {
  LonLat, NearestResult, RouteLeg, RouteResult, RoutingHealth, RoutingProfile, RoutingProvider,
  RoutingRequestOptions, TableRequestOptions, TableResult,
} from '../types.ts';
import { legGeometry, legSteps, piecesOfPath } from './builtin-steps.ts';
import type { RoadNetwork } from './road-network.ts';
import { bestEntry, directOnSegment, entriesOf, exitsOf, SearchSpace } from './shortest-paths.ts';
import type { Attachment } from './shortest-paths.ts';
import { buildSnapIndex } from './snap-index.ts';
import type { RoadSnap, SnapIndex } from './snap-index.ts';

/**
 * Road router on an OSM extract, for installations without an OSRM server. Car profile only
 * (a truck request gets car times); no turn restrictions or turn costs, so durations come out
 * somewhat below OSRM's on dense street grids.
 */
export interface BuiltinRouterOptions {
  /** A point further than this from any drivable road is an error naming the point. */
  readonly maxSnapDistanceM?: number;
  /** Identifies the data (file name, size, date) in the provider version and so in cache keys. */
  readonly dataVersion?: string;
}

/** Searches between event-loop yields, so a cancelled plan stops and timers keep running. */
const SEARCHES_PER_SLICE = 25;

export class BuiltinRoutingProvider implements RoutingProvider {
  readonly name = 'builtin';
  readonly version: string;
  private readonly index: SnapIndex;
  private readonly space: SearchSpace;
  private readonly maxSnapDistanceM: number;

  constructor(readonly network: RoadNetwork, options: BuiltinRouterOptions = {}) {
    this.index = buildSnapIndex(network);
    this.space = new SearchSpace(network);
    this.maxSnapDistanceM = options.maxSnapDistanceM ?? 1_000;
    this.version = `builtin:${options.dataVersion ?? `${network.nodeCount}n-${network.segmentCount}s`}:car-v1`;
  }

  async table(points: readonly LonLat[], _profile: RoutingProfile, options: TableRequestOptions = {}): Promise<TableResult> {
    const sources = options.sources ?? allIndices(points.length);
    const destinations = options.destinations ?? allIndices(points.length);
    const snaps = new Map<number, RoadSnap>();
    for (const i of [...sources, ...destinations]) if (!snaps.has(i)) snaps.set(i, this.snapOrThrow(points, i, options.labels));
    const durations = sources.map(() => new Array<number | null>(destinations.length).fill(null));
    const distances = sources.map(() => new Array<number | null>(destinations.length).fill(null));
    const { network, space } = this;

    // Search from the smaller side: one forward run per source or one backward run per destination.
    const forward = sources.length <= destinations.length;
    const origins = forward ? sources : destinations;
    const others = forward ? destinations : sources;
    const otherAttachments = others.map((j) => (forward ? entriesOf(network, snaps.get(j)!) : exitsOf(network, snaps.get(j)!)));
    const stopAt = otherAttachments.flatMap((list) => list.map((a) => a.node));
    for (let o = 0; o < origins.length; o++) {
      if (o > 0 && o % SEARCHES_PER_SLICE === 0) await this.pause(options.signal);
      const originSnap = snaps.get(origins[o])!;
      const starts = forward ? exitsOf(network, originSnap) : entriesOf(network, originSnap);
      space.run(forward ? network.forward : network.backward, starts, stopAt);
      for (let k = 0; k < others.length; k++) {
        const best = bestEntry(space, otherAttachments[k]);
        const fromSnap = forward ? originSnap : snaps.get(others[k])!;
        const toSnap = forward ? snaps.get(others[k])! : originSnap;
        const direct = directOnSegment(network, fromSnap, toSnap);
        let duration = best.durationS;
        let length = best.lengthM;
        if (direct && direct.durationS <= duration) {
          duration = direct.durationS;
          length = direct.lengthM;
        }
        if (duration === Infinity) continue;
        const [row, col] = forward ? [o, k] : [k, o];
        durations[row][col] = duration;
        distances[row][col] = length;
      }
    }
    return { durations, distances, unreachable: collectUnreachable(durations) };
  }

  async route(points: readonly LonLat[], _profile: RoutingProfile, options: RoutingRequestOptions = {}): Promise<RouteResult> {
    if (points.length < 2) {
      throw new RoutingError('a route needs at least two points', [{ name: 'points', reason: `got ${points.length}` }]);
    }
    const snaps = points.map((_, i) => this.snapOrThrow(points, i, options.labels));
    const legCount = points.length - 1;
    const legs: RouteLeg[] = [];
    const coordinates: [number, number][] = [];
    for (let k = 0; k < legCount; k++) {
      const leg = this.legPath(snaps[k], snaps[k + 1], () => [pointName(k, options.labels), pointName(k + 1, options.labels)]);
      legs.push(legSteps(this.network, leg, k, legCount));
      const geometry = legGeometry(leg);
      coordinates.push(...(k === 0 ? geometry : geometry.slice(1)));
    }
    return {
      distanceM: legs.reduce((total, leg) => total + leg.distanceM, 0),
      durationS: legs.reduce((total, leg) => total + leg.durationS, 0),
      geometry: { type: 'LineString', coordinates },
      legs,
    };
  }

  async nearest(point: LonLat, _profile: RoutingProfile, options: RoutingRequestOptions = {}): Promise<NearestResult> {
    const snap = this.snapOrThrow([point], 0, options.labels);
    return {
      location: [snap.lon, snap.lat],
      name: this.network.names[this.network.segName[snap.segment]],
      distanceM: snap.distanceM,
    };
  }

  async health(): Promise<RoutingHealth> {
    const { nodeCount, segmentCount, mainComponentSize } = this.network;
    return {
      provider: this.name,
      version: this.version,
      ok: mainComponentSize > 0,
      detail: `${nodeCount} road nodes, ${segmentCount} segments, ${mainComponentSize} in the main component`,
    };
  }

  private legPath(from: RoadSnap, to: RoadSnap, names: () => [string, string]) {
    const { network, space } = this;
    const exits = exitsOf(network, from);
    const entries = entriesOf(network, to);
    space.run(network.forward, exits, entries.map((e) => e.node));
    const best = bestEntry(space, entries);
    const direct = directOnSegment(network, from, to);
    if (direct && direct.durationS <= best.durationS) {
      return { from, to, pieces: piecesOfPath(network, from, to, [], [], direct, direct) };
    }
    if (!best.entry) {
      const [a, b] = names();
      throw new RoutingError(`no route from ${a} to ${b}`, [{ name: b, reason: `not reachable by road from ${a}` }]);
    }
    const nodes = space.nodePathTo(best.entry.node);
    const arcs = space.arcPathTo(best.entry.node);
    const exit = exits.find((e) => e.node === nodes[0]) as Attachment;
    return { from, to, pieces: piecesOfPath(network, from, to, nodes, arcs, exit, best.entry) };
  }

  private snapOrThrow(points: readonly LonLat[], i: number, labels: readonly string[] | undefined): RoadSnap {
    const point = points[i];
    const snap = this.index.nearest(point[0], point[1], this.maxSnapDistanceM);
    if (!snap) {
      throw new RoutingError(`no drivable road within ${this.maxSnapDistanceM} m of ${pointName(i, labels)}`, [
        { name: pointName(i, labels), reason: `no drivable road within ${this.maxSnapDistanceM} m of ${formatLonLat(point)}` },
      ]);
    }
    return snap;
  }

  private async pause(signal: AbortSignal | undefined): Promise<void> {
    await yieldToEventLoop();
    if (signal?.aborted) {
      throw new RoutingError('routing request cancelled by the caller', [{ name: 'builtin', reason: 'cancelled' }], { cause: signal.reason });
    }
  }
}
