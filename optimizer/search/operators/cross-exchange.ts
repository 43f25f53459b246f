/**
 * Cross-exchange: swap a string of `lu` jobs starting at u with a string of `lv` jobs starting
 * at v, between two routes (lengths 1..3; 1-for-1 is plain swap).
 */
import { isAllowed } from '../../model/instance.ts';
import type { MoveEval } from './move-eval.ts';
import type { Operator } from './operator.ts';

export class CrossExchange implements Operator {
  readonly name: string;
  private readonly a = new Int32Array(3);
  private readonly b = new Int32Array(3);

  constructor(private readonly me: MoveEval, private readonly lu: number, private readonly lv: number) {
    this.name = `cross-${lu}-${lv}`;
  }

  private collect(x: number, len: number, out: Int32Array, r: number): boolean {
    const me = this.me;
    for (let i = 0; i < len; i++) {
      if (!me.isJob(x) || !isAllowed(me.inst, x, r)) return false;
      out[i] = x;
      x = me.st.next[x];
    }
    return true;
  }

  evaluate(u: number, v: number): number {
    const me = this.me;
    const st = me.st;
    const ru = st.routeOf[u];
    const rv = st.routeOf[v];
    if (ru === rv) return Infinity;
    if (!this.collect(u, this.lu, this.a, rv) || !this.collect(v, this.lv, this.b, ru)) return Infinity;
    const la = this.a[this.lu - 1];
    const lb = this.b[this.lv - 1];
    const au = me.after(st.prev[u]);
    const bu = me.into(st.next[la]);
    const av = me.after(st.prev[v]);
    const bv = me.into(st.next[lb]);
    const fu = me.inst.loc[u];
    const eu = me.inst.loc[la];
    const fv = me.inst.loc[v];
    const ev = me.inst.loc[lb];
    const innerU = st.prefix[la].dist - st.prefix[u].dist;
    const innerV = st.prefix[lb].dist - st.prefix[v].dist;
    const dU = me.d(au, fv) + innerV + me.d(ev, bu) - me.d(au, fu) - innerU - me.d(eu, bu);
    const dV = me.d(av, fu) + innerU + me.d(eu, bv) - me.d(av, fv) - innerV - me.d(ev, bv);
    const dd = this.lv - this.lu;
    if (me.bound(ru, st.jobCount[ru] + dd, me.routeDist(ru) + dU) + me.bound(rv, st.jobCount[rv] - dd, me.routeDist(rv) + dV) >= st.cost[ru] + st.cost[rv]) return Infinity;
    me.stretch(u, this.a[this.lu - 1], me.str);
    me.stretch(v, this.b[this.lv - 1], me.str2);
    const d = this.lv - this.lu;
    const newU = me.join3(ru, st.jobCount[ru] + d, st.prefix[st.prev[u]], me.str2, st.suffix[st.next[this.a[this.lu - 1]]]);
    const newV = me.join3(rv, st.jobCount[rv] - d, st.prefix[st.prev[v]], me.str, st.suffix[st.next[this.b[this.lv - 1]]]);
    return newU + newV - st.cost[ru] - st.cost[rv];
  }

  apply(u: number, v: number): void {
    const st = this.me.st;
    const ru = st.routeOf[u];
    const rv = st.routeOf[v];
    this.collect(u, this.lu, this.a, rv);
    this.collect(v, this.lv, this.b, ru);
    const pu = st.prev[u];
    const pv = st.prev[v];
    for (let i = 0; i < this.lu; i++) st.remove(this.a[i]);
    for (let i = 0; i < this.lv; i++) st.remove(this.b[i]);
    let after = pu;
    for (let i = 0; i < this.lv; i++) {
      st.insertAfter(this.b[i], after);
      after = this.b[i];
    }
    after = pv;
    for (let i = 0; i < this.lu; i++) {
      st.insertAfter(this.a[i], after);
      after = this.a[i];
    }
    st.update(ru);
    st.update(rv);
  }
}
