/** Swap: exchange jobs u and v, within or between routes. */
import { isAllowed } from '../../model/instance.ts';
import type { MoveEval } from './move-eval.ts';
import type { Operator } from './operator.ts';

export class Swap implements Operator {
  readonly name = 'swap';
  constructor(private readonly me: MoveEval) {}

  evaluate(u: number, v: number): number {
    const me = this.me;
    const st = me.st;
    const ru = st.routeOf[u];
    const rv = st.routeOf[v];
    if (!me.isJob(v) || u === v) return Infinity;
    if (ru !== rv) {
      if (!isAllowed(me.inst, u, rv) || !isAllowed(me.inst, v, ru)) return Infinity;
      const lu = me.inst.loc[u];
      const lv = me.inst.loc[v];
      const au = me.after(st.prev[u]);
      const bu = me.into(st.next[u]);
      const av = me.after(st.prev[v]);
      const bv = me.into(st.next[v]);
      const dU = me.d(au, lv) + me.d(lv, bu) - me.d(au, lu) - me.d(lu, bu);
      const dV = me.d(av, lu) + me.d(lu, bv) - me.d(av, lv) - me.d(lv, bv);
      const lb = me.bound(ru, st.jobCount[ru], me.routeDist(ru) + dU) + me.bound(rv, st.jobCount[rv], me.routeDist(rv) + dV);
      if (lb >= st.cost[ru] + st.cost[rv]) return Infinity;
      const newU = me.join3(ru, st.jobCount[ru], st.prefix[st.prev[u]], st.node[v], st.suffix[st.next[u]]);
      const newV = me.join3(rv, st.jobCount[rv], st.prefix[st.prev[v]], st.node[u], st.suffix[st.next[v]]);
      return newU + newV - st.cost[ru] - st.cost[rv];
    }
    const a = st.pos[u] < st.pos[v] ? u : v;
    const b = a === u ? v : u;
    const jobs = st.jobCount[ru];
    if (st.next[a] === b) return me.join4(ru, jobs, st.prefix[st.prev[a]], st.node[b], st.node[a], st.suffix[st.next[b]]) - st.cost[ru];
    me.stretch(st.next[a], st.prev[b], me.mid);
    return me.join5(ru, jobs, st.prefix[st.prev[a]], st.node[b], me.mid, st.node[a], st.suffix[st.next[b]]) - st.cost[ru];
  }

  apply(u: number, v: number): void {
    const st = this.me.st;
    const ru = st.routeOf[u];
    const rv = st.routeOf[v];
    // Put u where v was and v where u was, using the neighbours that do not move.
    const pu = st.prev[u];
    const pv = st.prev[v];
    if (pv === u) {
      st.remove(v);
      st.insertAfter(v, pu);
    } else if (pu === v) {
      st.remove(u);
      st.insertAfter(u, pv);
    } else {
      st.remove(u);
      st.remove(v);
      st.insertAfter(v, pu);
      st.insertAfter(u, pv);
    }
    st.update(ru);
    if (rv !== ru) st.update(rv);
  }
}
