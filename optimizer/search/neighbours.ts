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
  // Per job, a bounded sorted buffer of the kk nearest: O(J·kk) worst case, near O(J) typically.
  const bestKey = new Float64Array(kk);
  const bestIdx = new Int32Array(kk);
  for (let i = 0; i < J; i++) {
    let filled = 0;
    for (let j = 0; j < J; j++) {
      if (j === i) continue;
      const key = Math.min(proximity(inst, i, j), proximity(inst, j, i));
      if (filled === kk && key >= bestKey[kk - 1]) continue;
      let at = filled < kk ? filled++ : kk - 1;
      while (at > 0 && bestKey[at - 1] > key) {
        bestKey[at] = bestKey[at - 1];
        bestIdx[at] = bestIdx[at - 1];
        at--;
      }
      bestKey[at] = key;
      bestIdx[at] = j;
    }
    list.set(bestIdx.subarray(0, kk), i * kk);
  }
  return { list, k: kk };
}
