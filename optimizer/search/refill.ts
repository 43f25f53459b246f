/**
 * The last step before a solution is returned: required jobs that are not on a route — taken out
 * by the repair of a rule-breaking route, or never placed within the budget — go back in wherever
 * they fit without breaking any rule, cheapest place first. The search works with penalised
 * (infeasible) routes; repairing them one at a time can leave room elsewhere that nothing used,
 * and a job that fits must not be reported unassigned (issue 17: "what can be served is served").
 * One pass costs O(unassigned × route positions) with the O(1) segment concatenation.
 */
import { isAllowed, type Instance } from '../model/instance.ts';
import { Segment } from '../eval/segment.ts';
import { distExcess, loadExcess, penalisedCost, timeExcess } from '../eval/route-cost.ts';
import type { RouteState } from './route-state.ts';

const EPS = 1e-6;

/** Inserts required unrouted jobs (not in `keepOut`) where they fit; returns the jobs placed. */
export function refillFeasible(inst: Instance, st: RouteState, keepOut: ReadonlySet<number>): number[] {
  const a = new Segment(inst.dims);
  const b = new Segment(inst.dims);
  const placed: number[] = [];
  for (let again = true; again; ) {
    again = false;
    for (let j = 0; j < inst.numJobs; j++) {
      if (st.routeOf[j] >= 0 || !inst.required[j] || keepOut.has(j)) continue;
      let bestDelta = Infinity;
      let bestAfter = -1;
      let bestRoute = -1;
      for (let r = 0; r < st.numRoutes; r++) {
        if (!isAllowed(inst, j, r)) continue;
        st.ops.useVehicle(r);
        const end = inst.endNode(r);
        // With disposal trips nothing goes between the last unload and the depot (it would ride home).
        const needUnloadAfter = inst.disposal && st.routeSegment(r).hasUnload;
        for (let p = inst.startNode(r); p !== end; p = st.next[p]) {
          const q = st.next[p];
          if (needUnloadAfter && !st.suffix[q].hasUnload) continue;
          st.ops.concat(st.prefix[p], st.node[j], a);
          st.ops.concat(a, st.suffix[q], b);
          if (loadExcess(inst, r, b) + timeExcess(inst, r, b) + distExcess(inst, r, b) > EPS) continue;
          const delta = penalisedCost(inst, r, b, st.pen) - st.cost[r];
          if (delta < bestDelta) {
            bestDelta = delta;
            bestAfter = p;
            bestRoute = r;
          }
        }
      }
      if (bestRoute < 0) continue;
      st.insertAfter(j, bestAfter);
      st.update(bestRoute);
      placed.push(j);
      again = true;
    }
  }
  return placed;
}
