/** Relocate: move job u right after v (or right before v), within or between routes. */
import { isAllowed } from '../../model/instance.ts';
import type { MoveEval } from './move-eval.ts';
import type { Operator } from './operator.ts';

export class Relocate implements Operator {
  readonly name: string;
  constructor(private readonly me: MoveEval, private readonly before: boolean) {
    this.name = before ? 'relocate-before' : 'relocate-after';
  }

  /** The node u would follow. */
  private anchor(v: number): number {
    return this.before ? this.me.st.prev[v] : v;
  }

  evaluate(u: number, v: number): number {
    const me = this.me;
    const st = me.st;
    const p = this.anchor(v);
    if (p === u || p === st.prev[u]) return Infinity;
    const ru = st.routeOf[u];
    const rv = st.routeOf[p];
    const lu = me.inst.loc[u];
    const a = me.after(st.prev[u]);
    const b = me.into(st.next[u]);
    const pl = me.after(p);
    const ql = me.into(st.next[p]);
    const dU = me.d(a, b) - me.d(a, lu) - me.d(lu, b);
    const dV = me.d(pl, lu) + me.d(lu, ql) - me.d(pl, ql);
    if (ru !== rv) {
      if (!isAllowed(me.inst, u, rv)) return Infinity;
      const lb = me.bound(ru, st.jobCount[ru] - 1, me.routeDist(ru) + dU) + me.bound(rv, st.jobCount[rv] + 1, me.routeDist(rv) + dV);
      if (lb >= st.cost[ru] + st.cost[rv]) return Infinity;
      const newU = me.join2(ru, st.jobCount[ru] - 1, st.prefix[st.prev[u]], st.suffix[st.next[u]]);
      const newV = me.join3(rv, st.jobCount[rv] + 1, st.prefix[p], st.node[u], st.suffix[st.next[p]]);
      return newU + newV - st.cost[ru] - st.cost[rv];
    }
    const jobs = st.jobCount[ru];
    if (me.bound(ru, jobs, me.routeDist(ru) + dU + dV) >= st.cost[ru]) return Infinity;
    if (st.pos[p] < st.pos[u]) {
      me.stretch(st.next[p], st.prev[u], me.mid);
      return me.join4(ru, jobs, st.prefix[p], st.node[u], me.mid, st.suffix[st.next[u]]) - st.cost[ru];
    }
    me.stretch(st.next[u], p, me.mid);
    return me.join4(ru, jobs, st.prefix[st.prev[u]], me.mid, st.node[u], st.suffix[st.next[p]]) - st.cost[ru];
  }

  apply(u: number, v: number): void {
    const st = this.me.st;
    const p = this.anchor(v);
    const ru = st.remove(u);
    const rv = st.routeOf[p];
    st.insertAfter(u, p);
    st.update(ru);
    if (rv !== ru) st.update(rv);
  }
}
