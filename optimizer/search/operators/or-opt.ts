/** Or-opt: move a string of 2 or 3 consecutive jobs starting at u after v, optionally reversed. */
import { isAllowed } from '../../model/instance.ts';
import type { MoveEval } from './move-eval.ts';
import type { Operator } from './operator.ts';

export class OrOpt implements Operator {
  readonly name: string;
  private readonly nodes = new Int32Array(3);

  constructor(private readonly me: MoveEval, private readonly length: number, private readonly reverse: boolean) {
    this.name = `or-opt-${length}${reverse ? '-reversed' : ''}`;
  }

  /** Fills `nodes` with the string; false when it would run past the route or hit a break. */
  private collect(u: number): boolean {
    const me = this.me;
    let x = u;
    for (let i = 0; i < this.length; i++) {
      if (!me.isJob(x)) return false;
      this.nodes[i] = x;
      x = me.st.next[x];
    }
    return true;
  }

  evaluate(u: number, v: number): number {
    const me = this.me;
    const st = me.st;
    if (!this.collect(u)) return Infinity;
    const L = this.length;
    const last = this.nodes[L - 1];
    const ru = st.routeOf[u];
    const rv = st.routeOf[v];
    if (ru === rv && st.pos[v] >= st.pos[u] - 1 && st.pos[v] <= st.pos[last]) return Infinity;
    const lFirst = me.inst.loc[this.reverse ? last : u];
    const lLast = me.inst.loc[this.reverse ? u : last];
    const a = me.after(st.prev[u]);
    const b = me.into(st.next[last]);
    const vl = me.after(v);
    const wl = me.into(st.next[v]);
    const dU = me.d(a, b) - me.d(a, me.inst.loc[u]) - me.d(me.inst.loc[last], b);
    let dV = me.d(vl, lFirst) + me.d(lLast, wl) - me.d(vl, wl);
    if (this.reverse) {
      // Driving the string backwards changes its inner distance on asymmetric matrices.
      for (let i = 0; i + 1 < L; i++) {
        const x = me.inst.loc[this.nodes[i]];
        const y = me.inst.loc[this.nodes[i + 1]];
        dV += me.d(y, x) - me.d(x, y);
      }
    }
    if (ru !== rv) {
      if (me.bound(ru, st.jobCount[ru] - L, me.routeDist(ru) + dU) + me.bound(rv, st.jobCount[rv] + L, me.routeDist(rv) + dV) >= st.cost[ru] + st.cost[rv]) return Infinity;
    } else if (me.bound(ru, st.jobCount[ru], me.routeDist(ru) + dU + dV) >= st.cost[ru]) return Infinity;
    const ops = me.ops;
    const first = this.reverse ? last : u;
    ops.copy(st.node[first], me.str);
    for (let i = 1; i < L; i++) ops.concat(me.str, st.node[this.nodes[this.reverse ? L - 1 - i : i]], me.str);
    if (ru !== rv) {
      for (let i = 0; i < L; i++) if (!isAllowed(me.inst, this.nodes[i], rv)) return Infinity;
      const newU = me.join2(ru, st.jobCount[ru] - L, st.prefix[st.prev[u]], st.suffix[st.next[last]]);
      const newV = me.join3(rv, st.jobCount[rv] + L, st.prefix[v], me.str, st.suffix[st.next[v]]);
      return newU + newV - st.cost[ru] - st.cost[rv];
    }
    const jobs = st.jobCount[ru];
    if (st.pos[v] < st.pos[u]) {
      me.stretch(st.next[v], st.prev[u], me.mid);
      return me.join4(ru, jobs, st.prefix[v], me.str, me.mid, st.suffix[st.next[last]]) - st.cost[ru];
    }
    me.stretch(st.next[last], v, me.mid);
    return me.join4(ru, jobs, st.prefix[st.prev[u]], me.mid, me.str, st.suffix[st.next[v]]) - st.cost[ru];
  }

  apply(u: number, v: number): void {
    const st = this.me.st;
    this.collect(u);
    const L = this.length;
    const ru = st.routeOf[u];
    const rv = st.routeOf[v];
    for (let i = 0; i < L; i++) st.remove(this.nodes[i]);
    let after = v;
    for (let i = 0; i < L; i++) {
      const x = this.nodes[this.reverse ? L - 1 - i : i];
      st.insertAfter(x, after);
      after = x;
    }
    st.update(ru);
    if (rv !== ru) st.update(rv);
  }
}
