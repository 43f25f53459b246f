/**
 * Turns the search state into the public Solution: routes that still break a rule are repaired by
 * taking jobs out (reported unassigned with the rule), then every route is simulated by `check`
 * so the schedule, loads and costs come from one place.
 */
import type { Instance } from '../model/instance.ts';
import type { PlannedRoute, Solution, Unassigned } from '../model/solution.ts';
import { Segment } from '../eval/segment.ts';
import { distExcess, loadExcess, timeExcess } from '../eval/route-cost.ts';
import { check } from '../check.ts';
import type { RouteState } from './route-state.ts';
import { refillFeasible } from './refill.ts';

const EPS = 1e-6;

function violation(inst: Instance, r: number, seg: Segment): number {
  return loadExcess(inst, r, seg) + timeExcess(inst, r, seg) + distExcess(inst, r, seg);
}

function reasonOf(inst: Instance, r: number, seg: Segment): string {
  if (loadExcess(inst, r, seg) > EPS) {
    return inst.disposal || inst.hasFractions || inst.hasDailyLimits
      ? 'no route found within capacity per trip, fractions and daily limits'
      : 'no route found with enough capacity';
  }
  if (distExcess(inst, r, seg) > EPS) return 'no route found within the maximum distance';
  if (seg.dur > inst.maxDuration[r] + EPS) return 'no route found within the maximum duration';
  return 'no route found that meets its time window, the shift and the breaks';
}

/** Removes jobs from rule-breaking routes until each route is feasible. */
function repair(inst: Instance, st: RouteState, unassigned: Unassigned[]): void {
  const tmp = new Segment(inst.dims);
  for (let r = 0; r < st.numRoutes; r++) {
    while (st.jobCount[r] > 0 && violation(inst, r, st.routeSegment(r)) > EPS) {
      const reason = reasonOf(inst, r, st.routeSegment(r));
      let best = -1;
      let bestViolation = Infinity;
      const end = inst.endNode(r);
      for (let x = st.next[inst.startNode(r)]; x !== end; x = st.next[x]) {
        if (x >= inst.numJobs) continue;
        st.ops.useVehicle(r);
        st.ops.concat(st.prefix[st.prev[x]], st.suffix[st.next[x]], tmp);
        const v = violation(inst, r, tmp);
        if (v < bestViolation) {
          bestViolation = v;
          best = x;
        }
      }
      st.remove(best);
      st.update(r);
      unassigned.push({ job: inst.problem.jobs[best].id, reason });
    }
  }
}

export function buildSolution(
  inst: Instance,
  st: RouteState,
  unservable: readonly Unassigned[],
  stats: { iterations: number; elapsedMs: number },
): Solution {
  const problem = inst.problem;
  const repaired: Unassigned[] = [];
  repair(inst, st, repaired);
  // Jobs found unservable before the search cannot fit anywhere: no need to try them again.
  const jobIndex = new Map(problem.jobs.map((j, i) => [j.id, i]));
  const back = new Set(refillFeasible(inst, st, new Set(unservable.map((u) => jobIndex.get(u.job)!))).map((j) => problem.jobs[j].id));
  const unassigned: Unassigned[] = [...unservable, ...repaired.filter((u) => !back.has(u.job))];
  const listed = new Set(unassigned.map((u) => u.job));
  const plans: PlannedRoute[] = [];
  for (let r = 0; r < st.numRoutes; r++) {
    if (!st.isUsed(r)) continue;
    const ids: string[] = [];
    const breaks = problem.vehicles[r].breaks ?? [];
    const end = inst.endNode(r);
    for (let x = st.next[inst.startNode(r)]; x !== end; x = st.next[x]) {
      if (x < inst.numJobs) ids.push(problem.jobs[x].id);
      else if (inst.facilityOf[x] >= 0) ids.push(problem.facilities![inst.facilityOf[x]].id);
      else {
        // 2-opt* may have swapped identical single breaks between vehicles of one class.
        const owner = inst.nodeVehicle[x];
        ids.push(breaks[inst.breakNodes[owner].indexOf(x)].id);
      }
    }
    plans.push({ vehicle: problem.vehicles[r].id, jobs: ids });
  }
  for (let j = 0; j < inst.numJobs; j++) {
    const id = problem.jobs[j].id;
    if (st.routeOf[j] >= 0 || listed.has(id)) continue;
    unassigned.push({
      job: id,
      reason: inst.required[j] ? 'no feasible route found within the search budget' : 'prize does not cover the cost of serving it',
    });
  }
  const checked = check(problem, plans);
  const planMissing = new Set(unassigned.map((u) => u.job));
  // Required jobs reported unassigned are expected misses, not violations of the returned plan.
  const violations = checked.violations.filter((v) => !(v.constraint === 'missing-job' && planMissing.has(v.name)));
  return {
    routes: checked.routes,
    unassigned,
    cost: checked.cost,
    distanceM: checked.routes.reduce((s, r) => s + r.distanceM, 0),
    vehiclesUsed: checked.routes.length,
    feasible: violations.length === 0,
    stats,
  };
}
