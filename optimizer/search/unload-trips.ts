/**
 * Disposal trips: after recreate and local search, each changed route gets the unload visits that
 * pay off under the penalised cost (a trip above capacity or a load carried home is penalised, a
 * detour to a facility costs), loses those that no longer do, and has each unload moved to the
 * facility that suits it best (the closing one before the depot included). Each step is
 * O(route length × facilities) with prefix/suffix segments. Idle without facilities.
 */
import type { Instance } from '../model/instance.ts';
import { Segment } from '../eval/segment.ts';
import { penalisedCost } from '../eval/route-cost.ts';
import type { RouteState } from './route-state.ts';

const EPS = 1e-9;

export class UnloadTrips {
  readonly active: boolean;
  private readonly a: Segment;
  private readonly b: Segment;
  /** Route clock value when each route was last adjusted (unchanged routes are skipped). */
  private readonly adjustedAt: Float64Array;
  /** Per facility, where the search for a free pool node resumes. */
  private readonly cursor: Int32Array;

  constructor(private readonly inst: Instance, private readonly st: RouteState) {
    this.active = inst.disposal;
    this.a = new Segment(inst.dims);
    this.b = new Segment(inst.dims);
    this.adjustedAt = new Float64Array(st.numRoutes).fill(-1);
    this.cursor = new Int32Array(inst.unloadPools.length);
  }

  /** Adjusts every used route changed since its last adjustment; returns the visits changed. */
  adjustAll(): number {
    if (!this.active) return 0;
    let changes = 0;
    const st = this.st;
    for (let r = 0; r < st.numRoutes; r++) {
      if (!st.isUsed(r) || st.changedAt[r] === this.adjustedAt[r]) continue;
      changes += this.adjust(r);
      this.adjustedAt[r] = st.changedAt[r];
    }
    return changes;
  }

  adjust(r: number): number {
    let changes = 0;
    while (this.dropOne(r)) changes++;
    while (this.addOne(r)) changes++;
    if (this.inst.unloadPools.length > 1) while (this.retargetOne(r)) changes++;
    return changes;
  }

  /** A pool node of facility f outside every route, or -1 (pools are sized never to run dry). */
  private freeNode(f: number): number {
    const pool = this.inst.unloadPools[f];
    const routeOf = this.st.routeOf;
    const n = pool.length;
    for (let i = 0, k = this.cursor[f]; i < n; i++, k = k + 1 === n ? 0 : k + 1) {
      if (routeOf[pool[k]] < 0) {
        this.cursor[f] = k;
        return pool[k];
      }
    }
    return -1;
  }

  /** Change in route r's penalised cost when it becomes `before` ⊕ unload node u ⊕ `after`. */
  private deltaWith(r: number, before: Segment, u: number, after: Segment): number {
    const st = this.st;
    st.ops.concat(before, st.node[u], this.a);
    st.ops.concat(this.a, after, this.b);
    return penalisedCost(this.inst, r, this.b, st.pen) - st.cost[r];
  }

  private isUnload(x: number): boolean {
    return this.inst.facilityOf[x] >= 0;
  }

  /**
   * Removes the unload whose removal saves most (never the last one), if none costs more: an
   * unload that ends an empty trip often costs nothing to remove (same place, time not priced)
   * yet holds the truck at the facility for its unloading time.
   */
  private dropOne(r: number): boolean {
    const { inst, st } = this;
    const ops = st.ops;
    ops.useVehicle(r);
    const end = inst.endNode(r);
    let best = EPS;
    let bestNode = -1;
    for (let u = st.next[inst.startNode(r)]; u !== end; u = st.next[u]) {
      if (!this.isUnload(u) || !st.suffix[st.next[u]].hasUnload) continue;
      ops.concat(st.prefix[st.prev[u]], st.suffix[st.next[u]], this.a);
      const d = penalisedCost(inst, r, this.a, st.pen) - st.cost[r];
      if (d < best) {
        best = d;
        bestNode = u;
      }
    }
    if (bestNode < 0) return false;
    st.remove(bestNode);
    st.update(r);
    return true;
  }

  /** Inserts one free unload visit (of any facility) at its best position, if that saves. */
  private addOne(r: number): boolean {
    const { inst, st } = this;
    const ops = st.ops;
    ops.useVehicle(r);
    const end = inst.endNode(r);
    let best = -EPS;
    let bestNode = -1;
    let bestAfter = -1;
    for (let f = 0; f < inst.unloadPools.length; f++) {
      const u = this.freeNode(f);
      if (u < 0) continue;
      // Right after the start too: a truck that starts loaded may need to unload first.
      for (let p = inst.startNode(r); p !== end; p = st.next[p]) {
        if (this.isUnload(p)) continue;
        const d = this.deltaWith(r, st.prefix[p], u, st.suffix[st.next[p]]);
        if (d < best) {
          best = d;
          bestNode = u;
          bestAfter = p;
        }
      }
    }
    if (bestNode < 0) return false;
    st.insertAfter(bestNode, bestAfter);
    st.update(r);
    return true;
  }

  /** Moves the unload visit that gains most to another facility, if any gains. */
  private retargetOne(r: number): boolean {
    const { inst, st } = this;
    const ops = st.ops;
    ops.useVehicle(r);
    const end = inst.endNode(r);
    let best = -EPS;
    let bestOld = -1;
    let bestNew = -1;
    for (let u = st.next[inst.startNode(r)]; u !== end; u = st.next[u]) {
      if (!this.isUnload(u)) continue;
      const fu = inst.facilityOf[u];
      for (let f = 0; f < inst.unloadPools.length; f++) {
        if (f === fu) continue;
        const w = this.freeNode(f);
        if (w < 0) continue;
        const d = this.deltaWith(r, st.prefix[st.prev[u]], w, st.suffix[st.next[u]]);
        if (d < best) {
          best = d;
          bestOld = u;
          bestNew = w;
        }
      }
    }
    if (bestOld < 0) return false;
    const after = st.prev[bestOld];
    st.remove(bestOld);
    st.insertAfter(bestNew, after);
    st.update(r);
    return true;
  }
}
