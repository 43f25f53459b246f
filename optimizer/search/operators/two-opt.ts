/** 2-opt within a route: reverse the stretch between u's successor and v. */
import type { MoveEval } from './move-eval.ts';
import type { Operator } from './operator.ts';

export class TwoOpt implements Operator {
  readonly name = '2-opt';
  private readonly buf: Int32Array;

  constructor(private readonly me: MoveEval, private readonly maxLength = 60) {
    this.buf = new Int32Array(me.inst.numNodes);
  }

  evaluate(u: number, v: number): number {
    const me = this.me;
    const st = me.st;
    const r = st.routeOf[u];
    if (st.routeOf[v] !== r) return Infinity;
    const len = st.pos[v] - st.pos[u];
    if (len < 2 || len > this.maxLength) return Infinity;
    me.reversed(st.next[u], v, me.mid);
    return me.join3(r, st.jobCount[r], st.prefix[u], me.mid, st.suffix[st.next[v]]) - st.cost[r];
  }

  apply(u: number, v: number): void {
    const st = this.me.st;
    const r = st.routeOf[u];
    let n = 0;
    for (let x = st.next[u]; ; x = st.next[x]) {
      this.buf[n++] = x;
      if (x === v) break;
    }
    for (let i = 0; i < n; i++) st.remove(this.buf[i]);
    let after = u;
    for (let i = n - 1; i >= 0; i--) {
      st.insertAfter(this.buf[i], after);
      after = this.buf[i];
    }
    st.update(r);
  }
}
