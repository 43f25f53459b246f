/**
 * Ruin step of SISR (Christiaens & Vanden Berghe 2020): remove strings of consecutive jobs from a
 * few routes near a random seed job, sometimes keeping a substring in the middle ("split string"),
 * so that the removed jobs are geographically related and can be recombined.
 */
import type { Instance } from '../model/instance.ts';
import type { RouteState } from './route-state.ts';
import type { Rng } from './rng.ts';

export interface RuinParams {
  /** Average number of removed jobs (SISR's c̄). */
  readonly avgRemoved: number;
  /** Maximum string length (SISR's L_max). */
  readonly maxString: number;
  /** Probability parameter of the preserved substring length in split strings. */
  readonly splitRate: number;
}

export const DEFAULT_RUIN: RuinParams = { avgRemoved: 10, maxString: 10, splitRate: 0.5 };

export class StringRuin {
  private readonly ruined: Uint8Array;
  private readonly routeBuf: Int32Array;
  private readonly jobsBuf: Int32Array;

  constructor(private readonly inst: Instance, private readonly state: RouteState, private readonly adjacency: Int32Array, private readonly adjK: number, public params: RuinParams = DEFAULT_RUIN) {
    this.ruined = new Uint8Array(inst.numVehicles);
    this.routeBuf = new Int32Array(inst.numNodes);
    this.jobsBuf = new Int32Array(inst.numNodes);
  }

  /** Removes jobs, appending them to `out` from index `count`; returns the new count. */
  ruin(rng: Rng, out: Int32Array, count: number): number {
    const st = this.state;
    const J = this.inst.numJobs;
    let used = 0;
    let assigned = 0;
    for (let r = 0; r < st.numRoutes; r++) if (st.jobCount[r] > 0) { used++; assigned += st.jobCount[r]; }
    if (assigned === 0) return count;
    const { avgRemoved, maxString, splitRate } = this.params;
    const lsMax = Math.min(maxString, assigned / used);
    const ksMax = (4 * avgRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    let seed = rng.int(J);
    for (let tries = 0; st.routeOf[seed] < 0 && tries < 4 * J; tries++) seed = rng.int(J);
    if (st.routeOf[seed] < 0) return count;
    this.ruined.fill(0);
    let done = 0;
    const adj = this.adjacency;
    const k = this.adjK;
    for (let t = -1; t < k && done < ks; t++) {
      const c = t < 0 ? seed : adj[seed * k + t];
      const r = st.routeOf[c];
      if (r < 0 || this.ruined[r]) continue;
      const lMax = Math.min(st.jobCount[r], lsMax);
      const l = Math.floor(rng.next() * lMax) + 1;
      count = rng.next() < 0.5 ? this.removeString(c, r, l, rng, out, count) : this.removeSplit(c, r, l, splitRate, rng, out, count);
      this.ruined[r] = 1;
      done++;
    }
    return count;
  }

  /** Jobs of route r in order (breaks skipped); returns the index of c among them. */
  private collect(c: number, r: number): { n: number; at: number } {
    const st = this.state;
    const end = this.inst.endNode(r);
    let n = 0;
    let at = 0;
    for (let x = st.next[this.inst.startNode(r)]; x !== end; x = st.next[x]) {
      if (x >= this.inst.numJobs) continue;
      if (x === c) at = n;
      this.jobsBuf[n++] = x;
    }
    return { n, at };
  }

  private removeString(c: number, r: number, l: number, rng: Rng, out: Int32Array, count: number): number {
    const { n, at } = this.collect(c, r);
    const lo = Math.max(0, at - l + 1);
    const hi = Math.min(at, n - l);
    const first = lo + rng.int(hi - lo + 1);
    for (let i = first; i < first + l; i++) {
      const j = this.jobsBuf[i];
      this.state.remove(j);
      out[count++] = j;
    }
    this.state.update(r);
    return count;
  }

  private removeSplit(c: number, r: number, l: number, rate: number, rng: Rng, out: Int32Array, count: number): number {
    const { n, at } = this.collect(c, r);
    if (l >= n) return this.removeString(c, r, l, rng, out, count);
    let m = 1;
    while (l + m < n && rng.next() >= rate) m++;
    const total = l + m;
    const lo = Math.max(0, at - total + 1);
    const hi = Math.min(at, n - total);
    const first = lo + rng.int(hi - lo + 1);
    const keepAt = first + rng.int(l + 1);
    for (let i = first; i < first + total; i++) {
      if (i >= keepAt && i < keepAt + m) continue;
      const j = this.jobsBuf[i];
      this.state.remove(j);
      out[count++] = j;
    }
    this.state.update(r);
    return count;
  }
}
