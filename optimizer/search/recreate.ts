/**
 * Recreate step of SISR (Christiaens & Vanden Berghe 2020): reinsert removed jobs one by one at
 * their cheapest position, in a randomly chosen order (random, largest demand, farthest, closest),
 * skipping each position with a small probability ("blinks") for diversity.
 */
import { isAllowed, type Instance } from '../model/instance.ts';
import { Inserter } from './insertion.ts';
import type { RouteState } from './route-state.ts';
import type { Rng } from './rng.ts';

export class Recreate {
  private readonly inserter: Inserter;
  private readonly keys: Float64Array;
  private readonly emptySeen: Uint8Array;
  private readonly numClasses: number;
  private readonly depotDist: Float64Array;
  private readonly totalDemand: Float64Array;

  constructor(private readonly inst: Instance, private readonly state: RouteState, readonly blink = 0.01) {
    this.inserter = new Inserter(inst, state);
    this.keys = new Float64Array(inst.numJobs);
    let classes = 0;
    for (let v = 0; v < inst.numVehicles; v++) classes = Math.max(classes, inst.vehicleClass[v] + 1);
    this.numClasses = classes;
    this.emptySeen = new Uint8Array(classes);
    this.depotDist = new Float64Array(inst.numJobs);
    this.totalDemand = new Float64Array(inst.numJobs);
    const s = inst.loc[inst.startNode(0)];
    for (let j = 0; j < inst.numJobs; j++) {
      this.depotDist[j] = inst.dist[s * inst.size + inst.loc[j]];
      for (let k = 0; k < inst.dims; k++) this.totalDemand[j] += inst.demand[j * inst.dims + k] / Math.max(1e-9, inst.capacity[k]);
    }
  }

  /** Orders `jobs[0..count)` by one of SISR's sort criteria, chosen at random (weights 4/4/2/1). */
  sortJobs(jobs: Int32Array, count: number, rng: Rng): void {
    const u = rng.next() * 11;
    const keys = this.keys;
    for (let i = 0; i < count; i++) {
      const j = jobs[i];
      keys[j] = u < 4 ? rng.next() : u < 8 ? -this.totalDemand[j] : u < 10 ? -this.depotDist[j] : this.depotDist[j];
    }
    // Insertion sort: count is small (tens of jobs).
    for (let i = 1; i < count; i++) {
      const x = jobs[i];
      const kx = keys[x];
      let k = i - 1;
      while (k >= 0 && keys[jobs[k]] > kx) {
        jobs[k + 1] = jobs[k];
        k--;
      }
      jobs[k + 1] = x;
    }
  }

  /** Inserts each job at its best position; returns the number left unassigned. */
  insertAll(jobs: Int32Array, count: number, rng: Rng | null): number {
    let left = 0;
    for (let i = 0; i < count; i++) if (!this.insertOne(jobs[i], rng)) left++;
    return left;
  }

  /** Best insertion over used routes and one empty route per vehicle class. */
  insertOne(j: number, rng: Rng | null): boolean {
    const inst = this.inst;
    const st = this.state;
    const ins = this.inserter;
    this.emptySeen.fill(0);
    const blink = rng === null ? 0 : this.blink;
    let best = inst.required[j] ? Infinity : st.missCost[j];
    let bestAfter = -1;
    for (let r = 0; r < st.numRoutes; r++) {
      if (st.jobCount[r] === 0) {
        const c = inst.vehicleClass[r];
        if (this.emptySeen[c]) continue;
        // One empty vehicle per class is enough, once one that may take the job was tried.
        if (!isAllowed(inst, j, r)) continue;
        this.emptySeen[c] = 1;
        if (!ins.bestInRoute(j, r, best, 0, null)) continue;
      } else if (!ins.bestInRoute(j, r, best, blink, rng)) continue;
      best = ins.delta;
      bestAfter = ins.after;
    }
    if (bestAfter < 0) return false;
    const r = st.routeOf[bestAfter];
    st.insertAfter(j, bestAfter);
    st.update(r);
    return true;
  }

  get classes(): number {
    return this.numClasses;
  }
}
