/**
 * Disposal trips: after recreate and local search, each used route gets the mid-route unload
 * visits that pay off under the penalised cost (a trip above capacity is penalised, a detour to a
 * facility costs), and loses those that no longer do. Each step is O(route length) per facility
 * with prefix/suffix segments. Idle when the problem has no facilities.
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

  constructor(private readonly inst: Instance, private readonly st: RouteState) {
    this.active = inst.finalUnload.some((u) => u >= 0);
    this.a = new Segment(inst.dims);
    this.b = new Segment(inst.dims);
  }

  /** Adjusts every used route; returns the number of unload visits added or removed. */
  adjustAll(): number {
    if (!this.active) return 0;
    let changes = 0;
    for (let r = 0; r < this.st.numRoutes; r++) if (this.st.jobCount[r] > 0) changes += this.adjust(r);
    return changes;
  }

  adjust(r: number): number {
    let changes = 0;
    while (this.dropOne(r)) changes++;
    while (this.addOne(r)) changes++;
    return changes;
  }

  /** Removes the mid-route unload whose removal saves most, if any saves. */
  private dropOne(r: number): boolean {
    const { inst, st } = this;
    const ops = st.ops;
    ops.useVehicle(r);
    let best = -EPS;
    let bestNode = -1;
    for (const u of inst.midUnloads[r]) {
      if (st.routeOf[u] !== r) continue;
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

  /** Inserts one free unload visit (per facility) at its best position, if that saves. */
  private addOne(r: number): boolean {
    const { inst, st } = this;
    const ops = st.ops;
    ops.useVehicle(r);
    const end = inst.endNode(r);
    const closing = inst.finalUnload[r];
    let best = -EPS;
    let bestNode = -1;
    let bestAfter = -1;
    let lastFacility = -1;
    for (const u of inst.midUnloads[r]) {
      // Pool nodes are grouped by facility; the first free one of each facility is enough.
      if (st.routeOf[u] >= 0 || inst.facilityOf[u] === lastFacility) continue;
      lastFacility = inst.facilityOf[u];
      for (let p = st.next[inst.startNode(r)]; p !== end && p !== closing; p = st.next[p]) {
        ops.concat(st.prefix[p], st.node[u], this.a);
        ops.concat(this.a, st.suffix[st.next[p]], this.b);
        const d = penalisedCost(inst, r, this.b, st.pen) - st.cost[r];
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
}
