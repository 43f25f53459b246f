/**
 * 2-opt*: exchange the tails of two routes. Variant "after": u then v's successor's tail, and v
 * then u's successor's tail; variant "before": u then v's tail, v's predecessor then u's tail.
 * Tails may only move when the vehicles end at the same place at the same time limits.
 */
import type { MoveEval } from './move-eval.ts';
import type { Operator } from './operator.ts';

export class TwoOptStar implements Operator {
  readonly name: string;
  constructor(private readonly me: MoveEval, private readonly before: boolean) {
    this.name = before ? '2-opt*-before' : '2-opt*-after';
  }

  private sameEnds(ru: number, rv: number): boolean {
    const inst = this.me.inst;
    const eu = inst.endNode(ru);
    const ev = inst.endNode(rv);
    return inst.loc[eu] === inst.loc[ev] && inst.twLate[eu] === inst.twLate[ev] && inst.twEarly[eu] === inst.twEarly[ev];
  }

  evaluate(u: number, v: number): number {
    const me = this.me;
    const st = me.st;
    const ru = st.routeOf[u];
    const rv = st.routeOf[v];
    if (ru === rv || !this.sameEnds(ru, rv)) return Infinity;
    // Route u keeps start..u and takes tailV; route v keeps start..headV and takes tailU.
    const tailV = this.before ? v : st.next[v];
    const headV = this.before ? st.prev[v] : v;
    const tailU = st.next[u];
    // Distance bound first: u→tailV and headV→tailU replace u→tailU and headV→tailV.
    const distU = st.prefix[u].dist + me.d(me.after(u), me.into(tailV)) + st.suffix[tailV].dist;
    const distV = st.prefix[headV].dist + me.d(me.after(headV), me.into(tailU)) + st.suffix[tailU].dist;
    // Route v may end up empty, so its fixed cost is left out of the bound.
    const inst = me.inst;
    if (me.bound(ru, 1, distU) + inst.costPerM[rv] * distV >= st.cost[ru] + st.cost[rv]) return Infinity;
    // Each route must keep its number of breaks (see MoveEval.tailBreaks).
    const breaksV = me.tailBreaks(tailV, ru);
    if (breaksV < 0) return Infinity;
    const breaksU = me.tailBreaks(tailU, rv);
    if (breaksU !== breaksV) return Infinity;
    const jobsTailU = st.suffix[tailU].jobs;
    const jobsTailV = st.suffix[tailV].jobs;
    const jobsU = st.jobCount[ru] - jobsTailU + jobsTailV;
    const jobsV = st.jobCount[rv] - jobsTailV + jobsTailU;
    const newU = me.join2(ru, jobsU, st.prefix[u], st.suffix[tailV]);
    const newV = me.join2(rv, jobsV, st.prefix[headV], st.suffix[tailU]);
    return newU + newV - st.cost[ru] - st.cost[rv];
  }

  apply(u: number, v: number): void {
    const st = this.me.st;
    const inst = this.me.inst;
    const ru = st.routeOf[u];
    const rv = st.routeOf[v];
    const tailV = this.before ? v : st.next[v];
    const headV = this.before ? st.prev[v] : v;
    const tailU = st.next[u];
    const endU = inst.endNode(ru);
    const endV = inst.endNode(rv);
    const lastU = st.prev[endU];
    const lastV = st.prev[endV];
    // Relink: u → tailV … lastV → endU and headV → tailU … lastU → endV.
    const link = (a: number, b: number, r: number) => {
      st.next[a] = b;
      st.prev[b] = a;
      st.routeOf[b] = r;
    };
    st.saveRoute(ru);
    st.saveRoute(rv);
    if (tailV !== endV) {
      link(u, tailV, ru);
      for (let x = tailV; x !== lastV; x = st.next[x]) st.routeOf[st.next[x]] = ru;
      link(lastV, endU, ru);
    } else link(u, endU, ru);
    if (tailU !== endU) {
      link(headV, tailU, rv);
      for (let x = tailU; x !== lastU; x = st.next[x]) st.routeOf[st.next[x]] = rv;
      link(lastU, endV, rv);
    } else link(headV, endV, rv);
    st.update(ru);
    st.update(rv);
  }
}
