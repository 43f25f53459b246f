/**
 * Cheapest insertion of one job into one route, O(1) per position with prefix/suffix segments and
 * an exact distance lower bound that skips most positions without touching the time data.
 */
import { isAllowed, type Instance } from '../model/instance.ts';
import { Segment } from '../eval/segment.ts';
import { penalisedCost } from '../eval/route-cost.ts';
import type { RouteState } from './route-state.ts';
import type { Rng } from './rng.ts';

export class Inserter {
  private readonly a: Segment;
  private readonly b: Segment;
  /** Result of the last `best*` call. */
  delta = Infinity;
  after = -1;

  constructor(private readonly inst: Instance, private readonly state: RouteState) {
    this.a = new Segment(inst.dims);
    this.b = new Segment(inst.dims);
  }

  /**
   * Best position for unassigned job j in route r, if better than `bound`; updates delta/after
   * when found. Positions are skipped with probability `blink` (SISR's blinks).
   */
  bestInRoute(j: number, r: number, bound: number, blink: number, rng: Rng | null): boolean {
    const inst = this.inst;
    const st = this.state;
    if (!isAllowed(inst, j, r)) return false;
    const ops = st.ops;
    const size = inst.size;
    const distM = inst.dist;
    const perM = inst.costPerM[r];
    const lj = inst.loc[j];
    const base = st.cost[r];
    const fixed = st.isUsed(r) ? 0 : inst.fixedCost[r];
    const end = inst.endNode(r);
    const nodeJ = st.node[j];
    ops.useVehicle(r);
    let best = bound;
    let bestAfter = -1;
    // With disposal trips nothing goes between the last unload and the depot (it would ride home).
    const needUnloadAfter = inst.disposal && st.routeSegment(r).hasUnload;
    for (let p = inst.startNode(r); p !== end; p = st.next[p]) {
      const q = st.next[p];
      if (needUnloadAfter && !st.suffix[q].hasUnload) continue;
      const lp = st.prefix[p].lastLoc;
      const lq = st.suffix[q].firstLoc;
      const lb = fixed + perM * (distM[lp * size + lj] + distM[lj * size + lq] - distM[lp * size + lq]);
      if (lb >= best) continue;
      if (blink > 0 && rng !== null && rng.next() < blink) continue;
      ops.concat(st.prefix[p], nodeJ, this.a);
      ops.concat(this.a, st.suffix[q], this.b);
      const d = penalisedCost(inst, r, this.b, st.pen) - base;
      if (d < best) {
        best = d;
        bestAfter = p;
      }
    }
    if (bestAfter < 0) return false;
    this.delta = best;
    this.after = bestAfter;
    return true;
  }
}
