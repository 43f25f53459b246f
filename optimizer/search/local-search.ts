/**
 * Granular local search (HGS style): for each job u and each of its nearest neighbours v, try the
 * operators and apply the first improving move, until no move improves. A pair is only retried
 * when one of its two routes changed since u was last examined, so after a ruin-and-recreate step
 * the search touches only the neighbourhood of what changed.
 */
import { isAllowed, type Instance } from '../model/instance.ts';
import type { RouteState } from './route-state.ts';
import type { Rng } from './rng.ts';
import { MoveEval } from './operators/move-eval.ts';
import type { Operator } from './operators/operator.ts';
import { Relocate } from './operators/relocate.ts';
import { Swap } from './operators/swap.ts';
import { TwoOptStar } from './operators/two-opt-star.ts';
import { OrOpt } from './operators/or-opt.ts';
import { TwoOpt } from './operators/two-opt.ts';
import { CrossExchange } from './operators/cross-exchange.ts';

const EPS = 1e-9;

export class LocalSearch {
  readonly operators: Operator[];
  private readonly me: MoveEval;
  private readonly order: Int32Array;
  private readonly lastTested: Float64Array;
  /** Moves applied since construction, per operator name (for diagnostics). */
  readonly applied = new Map<string, number>();

  constructor(private readonly inst: Instance, private readonly st: RouteState, private readonly adj: Int32Array, private readonly adjK: number, private readonly k: number) {
    const me = new MoveEval(inst, st);
    this.me = me;
    this.operators = [
      new Relocate(me, false),
      new Relocate(me, true),
      new Swap(me),
      new TwoOptStar(me, false),
      new TwoOptStar(me, true),
      new OrOpt(me, 2, false),
      new OrOpt(me, 2, true),
      new OrOpt(me, 3, false),
      new TwoOpt(me),
      new CrossExchange(me, 2, 1),
      new CrossExchange(me, 1, 2),
      new CrossExchange(me, 2, 2),
    ];
    this.order = new Int32Array(inst.numJobs);
    for (let j = 0; j < inst.numJobs; j++) this.order[j] = j;
    this.lastTested = new Float64Array(inst.numJobs).fill(-1);
  }

  /** Runs to a local optimum; returns the number of moves applied. */
  run(rng: Rng, outOfTime: (() => boolean) | null = null): number {
    const st = this.st;
    const J = this.inst.numJobs;
    const order = this.order;
    for (let i = J - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    const ops = this.operators;
    let moves = 0;
    let improved = true;
    // Moves strictly improve, so this only guards against float noise ping-pong.
    const maxMoves = 100 * J + 1000;
    while (improved && moves < maxMoves) {
      improved = false;
      for (let i = 0; i < J; i++) {
        // Polled before skipping unrouted jobs: with many of those the check must still come.
        if (outOfTime !== null && (i & 15) === 0 && outOfTime()) return moves;
        const u = order[i];
        if (st.routeOf[u] < 0) continue;
        const since = this.lastTested[u];
        this.lastTested[u] = st.clock;
        const changed = st.changedAt;
        for (let t = 0; t < this.k; t++) {
          const v = this.adj[u * this.adjK + t];
          const rv = st.routeOf[v];
          if (rv < 0) continue;
          const ru = st.routeOf[u];
          if (changed[ru] <= since && changed[rv] <= since) continue;
          for (let o = 0; o < ops.length; o++) {
            const op = ops[o];
            if (op.evaluate(u, v) < -EPS) {
              op.apply(u, v);
              moves++;
              improved = true;
              break;
            }
            if (st.routeOf[u] < 0) break;
          }
        }
        if (st.changedAt[st.routeOf[u]] > since && this.tryEmptyRoute(u)) {
          moves++;
          improved = true;
        }
      }
    }
    return moves;
  }

  /** Moving u alone into an unused vehicle (one per class) when that pays off. */
  private tryEmptyRoute(u: number): boolean {
    const st = this.st;
    const inst = this.inst;
    const ru = st.routeOf[u];
    if (st.jobCount[ru] === 1) return false;
    const me = this.me;
    const removeGain = st.cost[ru] - me.join2(ru, st.jobCount[ru] - 1, st.prefix[st.prev[u]], st.suffix[st.next[u]]);
    for (let r = 0; r < st.numRoutes; r++) {
      if (st.isUsed(r) || !isAllowed(inst, u, r)) continue;
      const start = inst.startNode(r);
      const add = me.join3(r, 1, st.prefix[start], st.node[u], st.suffix[st.next[start]]);
      if (add - removeGain < -EPS) {
        st.remove(u);
        st.insertAfter(u, start);
        st.update(ru);
        st.update(r);
        return true;
      }
      return false;
    }
    return false;
  }
}
