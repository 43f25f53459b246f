/**
 * Granular neighbourhoods (Toth & Vigo; HGS): for each job the jobs nearest to it, by travel
 * cost plus the waiting or lateness their time windows would force (as in PyVRP). Moves only
 * consider these pairs, which keeps local search near-linear.
 */
import type { Instance } from '../model/instance.ts';

export interface Neighbours {
  /** numJobs × k, nearest first. */
  readonly list: Int32Array;
  readonly k: number;
}

/** Proximity from job i to job j for vehicle 0's cost rates. */
export function proximity(inst: Instance, i: number, j: number): number {
  const size = inst.size;
  const a = inst.loc[i] * size + inst.loc[j];
  const cost = inst.costPerM[0] * inst.dist[a] + inst.costPerS[0] * inst.dur[a];
  const t = inst.dur[a];
  const wait = inst.twEarly[j] - t - inst.service[i] - inst.twLate[i];
  const warp = inst.twEarly[i] + inst.service[i] + t - inst.twLate[j];
  const scale = cost / Math.max(1e-9, t);
  return cost + 0.2 * scale * (wait > 0 && wait < Infinity ? wait : 0) + scale * (warp > 0 && warp < Infinity ? warp : 0);
}

export function buildNeighbours(inst: Instance, k: number): Neighbours {
  const J = inst.numJobs;
  const kk = Math.max(0, Math.min(k, J - 1));
  const list = new Int32Array(J * kk);
  const keys = new Float64Array(J);
  const idx = new Int32Array(J);
  for (let i = 0; i < J; i++) {
    for (let j = 0; j < J; j++) {
      keys[j] = j === i ? Infinity : Math.min(proximity(inst, i, j), proximity(inst, j, i));
      idx[j] = j;
    }
    // Partial selection: sort only what we need via a typed-array sort on packed keys.
    const order = Array.from(idx).sort((x, y) => keys[x] - keys[y] || x - y);
    for (let t = 0; t < kk; t++) list[i * kk + t] = order[t];
  }
  return { list, k: kk };
}
