/**
 * Shared helpers for local-search operators: scratch segments (no allocation per move), joins of
 * 2–5 segments priced for a vehicle, and the segment of an arbitrary stretch of one route.
 */
import { KIND_END, isAllowed, type Instance } from '../../model/instance.ts';
import { Segment, type SegmentOps } from '../../eval/segment.ts';
import { penalisedCost } from '../../eval/route-cost.ts';
import type { RouteState } from '../route-state.ts';

export class MoveEval {
  readonly ops: SegmentOps;
  readonly s1: Segment;
  readonly s2: Segment;
  readonly s3: Segment;
  readonly s4: Segment;
  readonly mid: Segment;
  readonly str: Segment;
  readonly str2: Segment;
  private readonly t1: Segment;
  private readonly t2: Segment;

  private readonly dist: Float64Array;
  private readonly size: number;

  constructor(readonly inst: Instance, readonly st: RouteState) {
    this.ops = st.ops;
    this.dist = inst.dist;
    this.size = inst.size;
    const mk = () => new Segment(inst.dims);
    this.s1 = mk(); this.s2 = mk(); this.s3 = mk(); this.s4 = mk();
    this.mid = mk(); this.str = mk(); this.str2 = mk();
    this.t1 = mk(); this.t2 = mk();
  }

  /** Price of a complete route for vehicle r holding `jobs` jobs. */
  price(r: number, seg: Segment, jobs: number): number {
    return jobs === 0 && this.inst.mustRun[r] === 0 ? 0 : penalisedCost(this.inst, r, seg, this.st.pen);
  }

  join2(r: number, jobs: number, a: Segment, b: Segment): number {
    this.ops.useVehicle(r);
    this.ops.concat(a, b, this.t1);
    return this.price(r, this.t1, jobs);
  }

  join3(r: number, jobs: number, a: Segment, b: Segment, c: Segment): number {
    this.ops.useVehicle(r);
    this.ops.concat(a, b, this.t1);
    this.ops.concat(this.t1, c, this.t2);
    return this.price(r, this.t2, jobs);
  }

  join4(r: number, jobs: number, a: Segment, b: Segment, c: Segment, d: Segment): number {
    this.ops.useVehicle(r);
    this.ops.concat(a, b, this.t1);
    this.ops.concat(this.t1, c, this.t2);
    this.ops.concat(this.t2, d, this.t1);
    return this.price(r, this.t1, jobs);
  }

  join5(r: number, jobs: number, a: Segment, b: Segment, c: Segment, d: Segment, e: Segment): number {
    this.ops.useVehicle(r);
    this.ops.concat(a, b, this.t1);
    this.ops.concat(this.t1, c, this.t2);
    this.ops.concat(this.t2, d, this.t1);
    this.ops.concat(this.t1, e, this.t2);
    return this.price(r, this.t2, jobs);
  }

  /** out = segment of the route stretch from a to b inclusive (a at or before b). */
  stretch(a: number, b: number, out: Segment): void {
    const st = this.st;
    this.ops.copy(st.node[a], out);
    for (let x = a; x !== b; ) {
      x = st.next[x];
      this.ops.concat(out, st.node[x], out);
    }
  }

  /** out = the stretch from a to b (a at or before b) in reverse order. */
  reversed(a: number, b: number, out: Segment): void {
    const st = this.st;
    this.ops.copy(st.node[b], out);
    for (let x = b; x !== a; ) {
      x = st.prev[x];
      this.ops.concat(out, st.node[x], out);
    }
  }

  /**
   * Breaks in the tail from a when every node of it may ride on vehicle r, -1 when one may not.
   * Allowed jobs and unload visits may (facility pools are shared by all vehicles). A break
   * belongs to its vehicle; but with exactly one break per vehicle in a class, two tails holding
   * one break each can be exchanged: each route still has one break of identical window and
   * length (`result.ts` names it after the route's own vehicle).
   */
  tailBreaks(a: number, r: number): number {
    const inst = this.inst;
    const st = this.st;
    const breaks = st.suffix[a].breaks;
    if (breaks > 0) {
      // Breaks in a route belong to vehicles of its class (own ones, or swapped within the class).
      const from = st.routeOf[a];
      if (from !== r && (inst.vehicleClass[from] !== inst.vehicleClass[r] || inst.breakNodes[r].length !== 1)) return -1;
    }
    if (inst.allowed !== null) {
      for (let x = a; inst.kind[x] !== KIND_END; x = st.next[x]) if (x < inst.numJobs && !isAllowed(inst, x, r)) return -1;
    }
    return breaks;
  }

  /** Where the vehicle is after visiting x (a break stays where the previous stop was). */
  after(x: number): number {
    return this.st.prefix[x].lastLoc;
  }

  /** Where the vehicle drives to when x is next (past breaks). */
  into(x: number): number {
    return this.st.suffix[x].firstLoc;
  }

  d(a: number, b: number): number {
    return this.dist[a * this.size + b];
  }

  /**
   * Lower bound on a route's new price from its new distance alone: time costs and penalties are
   * never negative. Lets operators skip most moves before touching time-window data.
   */
  bound(r: number, jobs: number, dist: number): number {
    return jobs === 0 && this.inst.mustRun[r] === 0 ? 0 : this.inst.fixedCost[r] + this.inst.costPerM[r] * dist;
  }

  routeDist(r: number): number {
    return this.st.prefix[this.inst.endNode(r)].dist;
  }

  isJob(x: number): boolean {
    return x < this.inst.numJobs;
  }
}
