/**
 * Penalty weights for infeasibility, managed in one place and adapted during search (as in
 * HGS/PyVRP): when too few recent solutions satisfy a constraint its weight grows, when nearly all
 * do it shrinks, so the search can cross infeasible space without living there.
 */
import type { Instance } from '../model/instance.ts';

export interface PenaltyParams {
  /** Share of feasible solutions the adaptation aims at. */
  readonly targetFeasible: number;
  /** Registrations between two updates. */
  readonly window: number;
  readonly increase: number;
  readonly decrease: number;
}

export const DEFAULT_PENALTY_PARAMS: PenaltyParams = { targetFeasible: 0.6, window: 20, increase: 1.3, decrease: 0.85 };

export class Penalties {
  /** Cost per unit of load above capacity (summed over dimensions). */
  load: number;
  /** Cost per second of time warp or duration above the maximum. */
  time: number;
  /** Cost per metre above the maximum distance. */
  dist: number;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private loadOk = 0;
  private timeOk = 0;
  private distOk = 0;
  private count = 0;

  constructor(inst: Instance, private readonly params: PenaltyParams = DEFAULT_PENALTY_PARAMS) {
    // Scale from the data: an average arc cost per average demand / duration / distance.
    const V = inst.numVehicles;
    let perM = 0;
    let perS = 0;
    for (let v = 0; v < V; v++) {
      perM += inst.costPerM[v] / V;
      perS += inst.costPerS[v] / V;
    }
    let sumDist = 0;
    let sumDur = 0;
    const n = inst.size;
    const step = Math.max(1, Math.floor((n * n) / 20000));
    let cnt = 0;
    for (let i = 0; i < n * n; i += step) {
      if (Number.isFinite(inst.dist[i]) && Number.isFinite(inst.dur[i])) {
        sumDist += inst.dist[i];
        sumDur += inst.dur[i];
        cnt++;
      }
    }
    const avgDist = Math.max(1e-9, sumDist / Math.max(1, cnt));
    const avgDur = Math.max(1e-9, sumDur / Math.max(1, cnt));
    // Fixing a violation may take another vehicle, so its fixed cost belongs to the scale.
    let maxFixed = 0;
    for (let v = 0; v < V; v++) maxFixed = Math.max(maxFixed, inst.fixedCost[v]);
    const avgArcCost = Math.max(1e-9, perM * avgDist + perS * avgDur + maxFixed);
    let demand = 0;
    for (let j = 0; j < inst.numJobs * inst.dims; j++) demand += inst.demand[j];
    const avgDemand = Math.max(1e-9, demand / Math.max(1, inst.numJobs));
    // Start strict (10× the break-even scale) so construction lands near feasibility.
    this.load = (10 * avgArcCost) / avgDemand;
    this.time = (10 * avgArcCost) / avgDur;
    this.dist = (10 * avgArcCost) / avgDist;
    this.min = Float64Array.of(this.load * 1e-4, this.time * 1e-4, this.dist * 1e-4);
    this.max = Float64Array.of(this.load * 1e3, this.time * 1e3, this.dist * 1e3);
  }

  /** Records whether a solution met each constraint kind; returns true when weights changed. */
  register(loadFeasible: boolean, timeFeasible: boolean, distFeasible: boolean): boolean {
    if (loadFeasible) this.loadOk++;
    if (timeFeasible) this.timeOk++;
    if (distFeasible) this.distOk++;
    if (++this.count < this.params.window) return false;
    this.load = this.adapt(this.load, this.loadOk, 0);
    this.time = this.adapt(this.time, this.timeOk, 1);
    this.dist = this.adapt(this.dist, this.distOk, 2);
    this.loadOk = this.timeOk = this.distOk = this.count = 0;
    return true;
  }

  private adapt(weight: number, ok: number, k: number): number {
    const share = ok / this.count;
    const { targetFeasible, increase, decrease } = this.params;
    let w = weight;
    if (share < targetFeasible - 0.05) w *= increase;
    else if (share > targetFeasible + 0.05) w *= decrease;
    return Math.min(this.max[k], Math.max(this.min[k], w));
  }
}
