import FlatQueue from 'flatqueue';
import type { Csr, RoadNetwork } from './road-network.ts';
import type { RoadSnap } from './snap-index.ts';

/**
 * One-to-many Dijkstra on the CSR graph, minimising duration and carrying the distance of the
 * chosen path. Points sit on segments, not nodes: a snapped point leaves through the segment
 * ends it may drive towards ("exits") and is reached from the ends that may drive to it
 * ("entries"), each with the partial segment's cost.
 */
export interface Attachment {
  readonly node: number;
  readonly durationS: number;
  readonly lengthM: number;
}

/** Nodes a vehicle standing at the snapped point can drive to, and at what cost. */
export function exitsOf(network: RoadNetwork, snap: RoadSnap): Attachment[] {
  const s = snap.segment;
  const exits: Attachment[] = [];
  if (network.segForward[s]) exits.push(partial(network.segTo[s], 1 - snap.t, network, s));
  if (network.segBackward[s]) exits.push(partial(network.segFrom[s], snap.t, network, s));
  return exits;
}

/** Nodes from which the snapped point is reached, and the cost of the last partial segment. */
export function entriesOf(network: RoadNetwork, snap: RoadSnap): Attachment[] {
  const s = snap.segment;
  const entries: Attachment[] = [];
  if (network.segForward[s]) entries.push(partial(network.segFrom[s], snap.t, network, s));
  if (network.segBackward[s]) entries.push(partial(network.segTo[s], 1 - snap.t, network, s));
  return entries;
}

/** Two points on the same segment, the second ahead in an allowed direction: no node between. */
export function directOnSegment(network: RoadNetwork, from: RoadSnap, to: RoadSnap): { durationS: number; lengthM: number } | undefined {
  if (from.segment !== to.segment) return undefined;
  const s = from.segment;
  const ahead = (network.segForward[s] && to.t >= from.t) || (network.segBackward[s] && to.t <= from.t);
  if (!ahead) return undefined;
  const fraction = Math.abs(to.t - from.t);
  return { durationS: fraction * network.segDurationS[s], lengthM: fraction * network.segLengthM[s] };
}

function partial(node: number, fraction: number, network: RoadNetwork, segment: number): Attachment {
  return { node, durationS: fraction * network.segDurationS[segment], lengthM: fraction * network.segLengthM[segment] };
}

/**
 * Reusable search state: typed arrays sized once per network, "reset" by bumping a round number
 * so that 400 searches do not clear 400 arrays.
 */
export class SearchSpace {
  readonly durationS: Float64Array;
  readonly lengthM: Float64Array;
  /** Arc index (in the graph searched) that reached each node, -1 for a start node. */
  readonly parentArc: Int32Array;
  readonly parentNode: Int32Array;
  private readonly reachedRound: Uint32Array;
  private readonly settledRound: Uint32Array;
  private readonly targetRound: Uint32Array;
  private readonly queue: FlatQueue<number>;
  private round = 0;

  constructor(private readonly network: RoadNetwork) {
    const n = network.nodeCount;
    this.durationS = new Float64Array(n);
    this.lengthM = new Float64Array(n);
    this.parentArc = new Int32Array(n);
    this.parentNode = new Int32Array(n);
    this.reachedRound = new Uint32Array(n);
    this.settledRound = new Uint32Array(n);
    this.targetRound = new Uint32Array(n);
    this.queue = new FlatQueue<number>(network.forward.head.length + 16, Float64Array, Uint32Array);
  }

  /** Runs until every node in `stopAt` is settled (or nothing more is reachable). */
  run(graph: Csr, starts: readonly Attachment[], stopAt: readonly number[]): void {
    this.round++;
    const round = this.round;
    const { durationS, lengthM, parentArc, parentNode, reachedRound, settledRound, targetRound, queue } = this;
    let targetsLeft = 0;
    for (const node of stopAt) {
      if (targetRound[node] !== round) {
        targetRound[node] = round;
        targetsLeft++;
      }
    }
    queue.clear();
    for (const start of starts) {
      if (reachedRound[start.node] !== round || start.durationS < durationS[start.node]) {
        reachedRound[start.node] = round;
        durationS[start.node] = start.durationS;
        lengthM[start.node] = start.lengthM;
        parentArc[start.node] = -1;
        parentNode[start.node] = -1;
        queue.push(start.node, start.durationS);
      }
    }
    const { firstArc, head, durationS: arcDuration, lengthM: arcLength } = graph;
    while (queue.length > 0 && targetsLeft > 0) {
      const node = queue.pop()!;
      if (settledRound[node] === round) continue;
      settledRound[node] = round;
      if (targetRound[node] === round) targetsLeft--;
      const base = durationS[node];
      const baseLength = lengthM[node];
      for (let arc = firstArc[node], end = firstArc[node + 1]; arc < end; arc++) {
        const next = head[arc];
        if (settledRound[next] === round) continue;
        const candidate = base + arcDuration[arc];
        if (reachedRound[next] !== round || candidate < durationS[next]) {
          reachedRound[next] = round;
          durationS[next] = candidate;
          lengthM[next] = baseLength + arcLength[arc];
          parentArc[next] = arc;
          parentNode[next] = node;
          queue.push(next, candidate);
        }
      }
    }
  }

  /** Duration to a node in the last run, Infinity when it was not reached. */
  durationTo(node: number): number {
    return this.reachedRound[node] === this.round ? this.durationS[node] : Infinity;
  }

  lengthTo(node: number): number {
    return this.reachedRound[node] === this.round ? this.lengthM[node] : Infinity;
  }

  /** Nodes from a start node to `node` in the last (forward) run. */
  nodePathTo(node: number): number[] {
    const path: number[] = [];
    for (let at = node; at !== -1; at = this.parentNode[at]) path.push(at);
    return path.reverse();
  }

  /** Arcs (of the graph searched) from a start node to `node` in the last run. */
  arcPathTo(node: number): number[] {
    const arcs: number[] = [];
    for (let at = node; this.parentArc[at] !== -1; at = this.parentNode[at]) arcs.push(this.parentArc[at]);
    return arcs.reverse();
  }

  get nodeCount(): number {
    return this.network.nodeCount;
  }
}

/** Best way to finish at a snapped point given a finished forward run (Infinity if none). */
export function bestEntry(space: SearchSpace, entries: readonly Attachment[]): { entry: Attachment | undefined; durationS: number; lengthM: number } {
  let best: Attachment | undefined;
  let durationS = Infinity;
  let lengthM = Infinity;
  for (const entry of entries) {
    const total = space.durationTo(entry.node) + entry.durationS;
    if (total < durationS) {
      durationS = total;
      lengthM = space.lengthTo(entry.node) + entry.lengthM;
      best = entry;
    }
  }
  return { entry: best, durationS, lengthM };
}
