/**
 * The solution the search works on: one route per vehicle as a doubly linked list over nodes,
 * with prefix and suffix segments per node so moves are evaluated in O(1), and an undo log so a
 * rejected ruin-and-recreate step is rolled back touching only the routes it changed.
 */
import { KIND_BREAK, type Instance } from '../model/instance.ts';
import { Segment, SegmentOps } from '../eval/segment.ts';
import type { Penalties } from '../eval/penalties.ts';
import { distExcess, loadExcess, objectiveCost, penalisedCost, timeExcess } from '../eval/route-cost.ts';

export class RouteState {
  readonly numRoutes: number;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** Route (vehicle) of a node, -1 for an unassigned job. */
  readonly routeOf: Int32Array;
  /** Position in the route, 0 at the start node. */
  readonly pos: Int32Array;
  /** Single-visit segments, fixed. */
  readonly node: Segment[];
  /** prefix[x] = start … x; suffix[x] = x … end. */
  readonly prefix: Segment[];
  readonly suffix: Segment[];
  /** Penalised cost per route; 0 for a route without jobs. */
  readonly cost: Float64Array;
  readonly jobCount: Int32Array;
  /** Value of `clock` when each route last changed (local search skips unchanged pairs). */
  readonly changedAt: Float64Array;
  clock = 1;
  /** Unassigned-job cost per job: the prize for optional ones, a large penalty for required. */
  readonly missCost: Float64Array;
  private readonly undoRoutes: Int32Array;
  private readonly undoStart: Int32Array;
  private readonly undoNodes: Int32Array;
  private readonly touched: Uint8Array;
  private undoCount = 0;
  private undoLen = 0;
  logging = false;

  constructor(readonly inst: Instance, readonly ops: SegmentOps, public pen: Penalties, missCostRequired: number) {
    const N = inst.numNodes;
    const V = inst.numVehicles;
    this.numRoutes = V;
    this.next = new Int32Array(N).fill(-1);
    this.prev = new Int32Array(N).fill(-1);
    this.routeOf = new Int32Array(N).fill(-1);
    this.pos = new Int32Array(N);
    const mk = () => Array.from({ length: N }, () => new Segment(inst.dims));
    this.node = mk();
    this.prefix = mk();
    this.suffix = mk();
    for (let x = 0; x < N; x++) ops.single(x, this.node[x]);
    this.cost = new Float64Array(V);
    this.jobCount = new Int32Array(V);
    this.changedAt = new Float64Array(V);
    this.missCost = new Float64Array(inst.numJobs);
    for (let j = 0; j < inst.numJobs; j++) this.missCost[j] = inst.required[j] ? missCostRequired : inst.prize[j];
    this.undoRoutes = new Int32Array(V);
    this.undoStart = new Int32Array(V + 1);
    this.undoNodes = new Int32Array(N + 2 * V);
    this.touched = new Uint8Array(V);
    this.clear();
  }

  /** Empties every route (breaks stay in their vehicle's route). */
  clear(): void {
    const inst = this.inst;
    this.routeOf.fill(-1);
    for (let r = 0; r < this.numRoutes; r++) {
      let last = inst.startNode(r);
      this.routeOf[last] = r;
      for (const b of inst.breakNodes[r]) {
        this.link(last, b, r);
        last = b;
      }
      // With disposal facilities every used route closes with an unload before the depot.
      if (inst.finalUnload[r] >= 0) {
        this.link(last, inst.finalUnload[r], r);
        last = inst.finalUnload[r];
      }
      this.link(last, inst.endNode(r), r);
      this.update(r);
    }
  }

  private link(a: number, b: number, r: number): void {
    this.next[a] = b;
    this.prev[b] = a;
    this.routeOf[b] = r;
  }

  /** Whether route r is driven: it has jobs, or its vehicle must run anyway (`mustRun`). */
  isUsed(r: number): boolean {
    return this.jobCount[r] > 0 || this.inst.mustRun[r] === 1;
  }

  isAssigned(j: number): boolean {
    return this.routeOf[j] >= 0;
  }

  /** Starts recording the routes changed from now on, so `rollback` can restore them. */
  beginLog(): void {
    this.logging = true;
    this.undoCount = 0;
    this.undoLen = 0;
  }

  /** Records route r for rollback before an operator relinks it directly. */
  saveRoute(r: number): void {
    if (!this.logging || this.touched[r]) return;
    this.touched[r] = 1;
    this.undoRoutes[this.undoCount] = r;
    this.undoStart[this.undoCount] = this.undoLen;
    const end = this.inst.endNode(r);
    for (let x = this.inst.startNode(r); x !== end; x = this.next[x]) this.undoNodes[this.undoLen++] = x;
    this.undoNodes[this.undoLen++] = end;
    this.undoCount++;
    this.undoStart[this.undoCount] = this.undoLen;
  }

  /** Keeps the changes made since `beginLog`. */
  commit(): void {
    for (let i = 0; i < this.undoCount; i++) this.touched[this.undoRoutes[i]] = 0;
    this.undoCount = 0;
    this.logging = false;
  }

  /** Restores every route changed since `beginLog`. */
  rollback(): void {
    for (let i = 0; i < this.undoCount; i++) {
      const r = this.undoRoutes[i];
      const end = this.inst.endNode(r);
      for (let x = this.next[this.inst.startNode(r)]; x !== end; ) {
        const nx = this.next[x];
        this.routeOf[x] = -1;
        this.next[x] = -1;
        this.prev[x] = -1;
        x = nx;
      }
    }
    for (let i = 0; i < this.undoCount; i++) {
      const r = this.undoRoutes[i];
      const from = this.undoStart[i];
      const to = this.undoStart[i + 1];
      for (let k = from + 1; k < to; k++) this.link(this.undoNodes[k - 1], this.undoNodes[k], r);
      this.touched[r] = 0;
      this.update(r);
    }
    this.undoCount = 0;
    this.logging = false;
  }

  /** Inserts unassigned job j right after node `after` (does not update segments). */
  insertAfter(j: number, after: number): void {
    const r = this.routeOf[after];
    this.saveRoute(r);
    const nx = this.next[after];
    this.link(after, j, r);
    this.link(j, nx, r);
  }

  /** Takes job j out of its route (does not update segments). Returns its former route. */
  remove(j: number): number {
    const r = this.routeOf[j];
    this.saveRoute(r);
    const p = this.prev[j];
    const nx = this.next[j];
    this.next[p] = nx;
    this.prev[nx] = p;
    this.routeOf[j] = -1;
    this.next[j] = -1;
    this.prev[j] = -1;
    return r;
  }

  /** Recomputes positions, segments and cost of route r after changes. */
  update(r: number): void {
    const inst = this.inst;
    const ops = this.ops;
    const start = inst.startNode(r);
    const end = inst.endNode(r);
    ops.useVehicle(r);
    ops.copy(this.node[start], this.prefix[start]);
    this.pos[start] = 0;
    let jobs = 0;
    let p = start;
    for (let x = this.next[start]; x !== -1; x = this.next[x]) {
      ops.concat(this.prefix[p], this.node[x], this.prefix[x]);
      this.pos[x] = this.pos[p] + 1;
      if (x < inst.numJobs) jobs++;
      p = x;
    }
    ops.copy(this.node[end], this.suffix[end]);
    for (let x = this.prev[end]; x !== -1; x = this.prev[x]) ops.concat(this.node[x], this.suffix[this.next[x]], this.suffix[x]);
    this.jobCount[r] = jobs;
    this.changedAt[r] = ++this.clock;
    this.cost[r] = this.isUsed(r) ? penalisedCost(inst, r, this.prefix[end], this.pen) : 0;
  }

  /** Recomputes route costs after the penalty weights changed. */
  repriceAll(): void {
    for (let r = 0; r < this.numRoutes; r++) {
      this.cost[r] = this.isUsed(r) ? penalisedCost(this.inst, r, this.prefix[this.inst.endNode(r)], this.pen) : 0;
    }
  }

  routeSegment(r: number): Segment {
    return this.prefix[this.inst.endNode(r)];
  }

  /** Penalised cost of the whole solution, unassigned jobs included. */
  totalCost(): number {
    let c = 0;
    for (let r = 0; r < this.numRoutes; r++) c += this.cost[r];
    for (let j = 0; j < this.inst.numJobs; j++) if (this.routeOf[j] < 0) c += this.missCost[j];
    return c;
  }

  /** Objective without penalties (prizes of unserved optional jobs count as lost). */
  objective(): number {
    let c = 0;
    for (let r = 0; r < this.numRoutes; r++) if (this.isUsed(r)) c += objectiveCost(this.inst, r, this.routeSegment(r));
    for (let j = 0; j < this.inst.numJobs; j++) if (this.routeOf[j] < 0) c += this.missCost[j];
    return c;
  }

  /** Per kind of constraint, whether every used route satisfies it. */
  feasibility(out: Uint8Array): void {
    out[0] = 1; out[1] = 1; out[2] = 1;
    for (let r = 0; r < this.numRoutes; r++) {
      if (!this.isUsed(r)) continue;
      const seg = this.routeSegment(r);
      if (loadExcess(this.inst, r, seg) > 1e-9) out[0] = 0;
      if (timeExcess(this.inst, r, seg) > 1e-6) out[1] = 0;
      if (distExcess(this.inst, r, seg) > 1e-6) out[2] = 0;
    }
  }

  /** Writes the route's nodes between start and end (breaks included) into out; returns count. */
  routeNodes(r: number, out: Int32Array): number {
    let n = 0;
    const end = this.inst.endNode(r);
    for (let x = this.next[this.inst.startNode(r)]; x !== end; x = this.next[x]) out[n++] = x;
    return n;
  }

  isBreak(x: number): boolean {
    return this.inst.kind[x] === KIND_BREAK;
  }

  /** Snapshot of the assignment (next pointers and routes) for the best-solution store. */
  snapshot(into?: { next: Int32Array; routeOf: Int32Array }): { next: Int32Array; routeOf: Int32Array } {
    if (into) {
      into.next.set(this.next);
      into.routeOf.set(this.routeOf);
      return into;
    }
    return { next: this.next.slice(), routeOf: this.routeOf.slice() };
  }

  restore(snap: { next: Int32Array; routeOf: Int32Array }): void {
    this.next.set(snap.next);
    this.routeOf.set(snap.routeOf);
    this.prev.fill(-1);
    for (let x = 0; x < this.next.length; x++) {
      if (this.routeOf[x] < 0) this.next[x] = -1;
      else if (this.next[x] >= 0) this.prev[this.next[x]] = x;
    }
    for (let r = 0; r < this.numRoutes; r++) this.update(r);
  }
}
