/**
 * Regret-k insertion construction (Potvin & Rousseau 1993; Pisinger & Ropke 2007; VROOM's regret
 * heuristic). Each step inserts the job whose best insertion is furthest ahead of its k-1 next
 * best options in other routes, so a job with few good options is placed before those options
 * disappear; cheapest insertion would place it last, at whatever cost is left.
 *
 * Costs are the penalised insertion deltas of `Inserter` (O(1) per position with segments), so
 * every constraint the search prices (capacity per dimension and per trip, time windows, shift,
 * breaks, maximum duration and distance, allowed vehicles, prizes) counts exactly as in cheapest
 * insertion. Per (job, used route) the best delta is cached and only the column of the route
 * that changed is recomputed after an insertion. Empty routes are one option per vehicle class
 * (identical vehicles give identical costs), priced once per job; a per-(job, class) cursor finds
 * the next empty vehicle of the class the job may ride on.
 *
 * On large instances with long routes (more than `LAZY_ABOVE` jobs, more than
 * `LAZY_JOBS_PER_VEHICLE` per vehicle) recomputing a whole column after every
 * insertion costs O(jobs × route length) per step, O(n²·L) in all. There the column is refreshed
 * only for the jobs near the inserted one (granular neighbours: new positions next to it) and
 * those whose cached position it split; the other entries may be stale, so the picked option is
 * re-priced exactly before it is used and, when it got worse, put back with its true cost (lazy
 * evaluation, as in lazy greedy).
 */
import { isAllowed, type Instance } from '../model/instance.ts';
import { Inserter } from './insertion.ts';
import type { RouteState } from './route-state.ts';
import type { Neighbours } from './neighbours.ts';

/** Job count above which columns are refreshed lazily (with long routes, see `lazy`). */
export const LAZY_ABOVE = 800;
/**
 * Jobs per vehicle from which the lazy refresh pays: it saves the O(route length) column refresh
 * but may re-pick, and each pick scans jobs × used routes. With many short routes (a generated
 * 2,000-job CVRP with 134 vehicles) the exact refresh is faster (≈ 4.2 s vs 5.4 s to construct);
 * with few long ones (2,092 stops, 17 trucks) the lazy one is (≈ 6 s vs ≈ 45 s).
 */
export const LAZY_JOBS_PER_VEHICLE = 40;

export class RegretConstruction {
  private readonly inserter: Inserter;
  private readonly numClasses: number;
  /** Vehicles of each class, by index. */
  private readonly members: Int32Array[];
  /** Best insertion delta of job j into an empty vehicle of class c, at j * numClasses + c. */
  private readonly emptyCost: Float64Array;
  /** Cursor into `members[c]`: the first vehicle that may still be an empty option for job j. */
  private readonly emptyCursor: Int32Array;
  /** Slot of a used route in the cached columns (-1 when empty). */
  private readonly slotOf: Int32Array;
  private readonly slotRoute: Int32Array;
  private numSlots = 0;
  /** Per slot, best delta and position per job; allocated once when a route opens. */
  private readonly colCost: Float64Array[] = [];
  private readonly colAfter: Int32Array[] = [];
  private readonly pending: Int32Array;

  private readonly lazy: boolean;

  constructor(private readonly inst: Instance, private readonly state: RouteState, readonly k: 2 | 3 = 3, private readonly neighbours: Neighbours | null = null) {
    this.lazy = neighbours !== null && neighbours.k > 0 && inst.numJobs > LAZY_ABOVE && inst.numJobs > LAZY_JOBS_PER_VEHICLE * inst.numVehicles;
    this.inserter = new Inserter(inst, state);
    let classes = 0;
    for (let v = 0; v < inst.numVehicles; v++) classes = Math.max(classes, inst.vehicleClass[v] + 1);
    this.numClasses = classes;
    const lists: number[][] = Array.from({ length: classes }, () => []);
    for (let v = 0; v < inst.numVehicles; v++) lists[inst.vehicleClass[v]].push(v);
    this.members = lists.map((l) => Int32Array.from(l));
    this.emptyCost = new Float64Array(inst.numJobs * classes);
    this.emptyCursor = new Int32Array(inst.numJobs * classes);
    this.slotOf = new Int32Array(inst.numVehicles).fill(-1);
    this.slotRoute = new Int32Array(inst.numVehicles);
    this.pending = new Int32Array(inst.numJobs);
  }

  /**
   * Inserts `jobs[0..count)` into the (empty or partly built) state. Stops early when `outOfTime`
   * says so; jobs left over stay unassigned (the search or the final repair deals with them).
   */
  run(jobs: Int32Array, count: number, outOfTime: () => boolean): void {
    const st = this.state;
    const C = this.numClasses;
    const pending = this.pending;
    for (let i = 0; i < count; i++) pending[i] = jobs[i];
    let left = count;
    for (let r = 0; r < st.numRoutes; r++) if (st.jobCount[r] > 0 && this.slotOf[r] < 0) this.openSlot(r, pending, left);
    // Empty-route options: one evaluation per (job, class) on a representative vehicle.
    for (let i = 0; i < left; i++) {
      if ((i & 63) === 0 && outOfTime()) return;
      const j = pending[i];
      for (let c = 0; c < C; c++) {
        const v = this.emptyVehicle(j, c);
        this.emptyCost[j * C + c] = v >= 0 && this.inserter.bestInRoute(j, v, Infinity, 0, null) ? this.inserter.delta : Infinity;
      }
    }
    const k3 = this.k === 3;
    while (left > 0) {
      if (outOfTime()) return;
      let pick = -1;
      let pickJob = -1;
      let pickRegret = -Infinity;
      let pickCost = Infinity;
      let pickRoute = -1;
      let pickEmpty = false;
      for (let i = 0; i < left; i++) {
        const j = pending[i];
        // Options beyond the available ones count as "not inserted" (the prize of an optional
        // job, the large miss cost of a required one), so few options mean a large regret.
        const miss = st.missCost[j];
        let t0 = miss;
        let t1 = miss;
        let t2 = miss;
        let r0 = -1;
        let e0 = false;
        for (let s = 0; s < this.numSlots; s++) {
          const c = this.colCost[s][j];
          if (c < t0) {
            t2 = t1;
            t1 = t0;
            t0 = c;
            r0 = this.slotRoute[s];
            e0 = false;
          } else if (c < t1) {
            t2 = t1;
            t1 = c;
          } else if (c < t2) t2 = c;
        }
        for (let c = 0; c < C; c++) {
          const cost = this.emptyCost[j * C + c];
          if (!(cost < t2)) continue; // also skips unavailable (Infinity) options
          const v = this.emptyVehicle(j, c);
          if (v < 0) continue;
          if (cost < t0) {
            t2 = t1;
            t1 = t0;
            t0 = cost;
            r0 = v;
            e0 = true;
          } else if (cost < t1) {
            t2 = t1;
            t1 = cost;
          } else if (cost < t2) t2 = cost;
        }
        if (r0 < 0) continue; // no insertion better than leaving the job out
        const regret = k3 ? t1 - t0 + (t2 - t0) : t1 - t0;
        if (regret > pickRegret || (regret === pickRegret && (t0 < pickCost || (t0 === pickCost && j < pickJob)))) {
          pick = i;
          pickJob = j;
          pickRegret = regret;
          pickCost = t0;
          pickRoute = r0;
          pickEmpty = e0;
        }
      }
      if (pick < 0) return;
      let after: number;
      if (pickEmpty) {
        if (!this.inserter.bestInRoute(pickJob, pickRoute, Infinity, 0, null)) return; // cannot happen: priced above
        after = this.inserter.after;
      } else if (this.lazy) {
        // The cached option may be stale: re-price it, and if it got worse, pick again.
        const s = this.slotOf[pickRoute];
        this.price(s, pickJob);
        if (this.colCost[s][pickJob] > pickCost + 1e-9) continue;
        after = this.colAfter[s][pickJob];
      } else {
        after = this.colAfter[this.slotOf[pickRoute]][pickJob];
      }
      st.insertAfter(pickJob, after);
      st.update(pickRoute);
      pending[pick] = pending[--left];
      if (pickEmpty) this.openSlot(pickRoute, pending, left);
      else if (this.lazy) this.refreshNear(this.slotOf[pickRoute], pickJob, after, pending, left);
      else this.fillColumn(this.slotOf[pickRoute], pending, left);
    }
  }

  /** The first empty vehicle of class c that job j may ride on, or -1. */
  private emptyVehicle(j: number, c: number): number {
    const list = this.members[c];
    const at = j * this.numClasses + c;
    let p = this.emptyCursor[at];
    while (p < list.length && (this.state.jobCount[list[p]] > 0 || !isAllowed(this.inst, j, list[p]))) p++;
    this.emptyCursor[at] = p;
    return p < list.length ? list[p] : -1;
  }

  private openSlot(r: number, pending: Int32Array, left: number): void {
    const s = this.numSlots++;
    this.slotOf[r] = s;
    this.slotRoute[s] = r;
    if (this.colCost.length <= s) {
      this.colCost.push(new Float64Array(this.inst.numJobs));
      this.colAfter.push(new Int32Array(this.inst.numJobs));
    }
    this.fillColumn(s, pending, left);
  }

  /**
   * Lazy refresh after job x went in after node p: re-price the pending jobs whose cached
   * position was p (now split by x) and x's granular neighbours (new positions next to x).
   */
  private refreshNear(s: number, x: number, p: number, pending: Int32Array, left: number): void {
    const after = this.colAfter[s];
    for (let i = 0; i < left; i++) if (after[pending[i]] === p) this.price(s, pending[i]);
    const { list, k } = this.neighbours!;
    for (let i = x * k; i < (x + 1) * k; i++) {
      const j = list[i];
      if (this.state.routeOf[j] < 0 && after[j] !== p) this.price(s, j);
    }
  }

  /** Best insertion of every pending job into the route of slot s. */
  private fillColumn(s: number, pending: Int32Array, left: number): void {
    for (let i = 0; i < left; i++) this.price(s, pending[i]);
  }

  /** Caches job j's best insertion into the route of slot s (Infinity when it has none). */
  private price(s: number, j: number): void {
    const ins = this.inserter;
    const found = ins.bestInRoute(j, this.slotRoute[s], Infinity, 0, null);
    this.colCost[s][j] = found ? ins.delta : Infinity;
    this.colAfter[s][j] = found ? ins.after : -1;
  }
}
