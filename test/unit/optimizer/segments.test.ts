/**
 * Concatenation segments against step-by-step simulation: for random routes with time windows and
 * breaks, the segment's distance, time warp and duration match `check`, and every split
 * prefix ⊕ suffix gives the same summary as the whole route.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check, type Problem } from '../../../optimizer/index.ts';
import { buildInstance } from '../../../optimizer/model/instance.ts';
import { Segment, SegmentOps } from '../../../optimizer/eval/segment.ts';
import { Penalties } from '../../../optimizer/eval/penalties.ts';
import { RouteState } from '../../../optimizer/search/route-state.ts';
import { problemOn, randomPoints } from './fixtures.ts';

function randomProblem(seed: number, jobs: number, withBreak: boolean): Problem {
  const pts = randomPoints(jobs + 1, seed, 100);
  return problemOn(pts, Array.from({ length: jobs }, (_, i) => {
    const open = (seed * 13 + i * 71) % 400;
    return { id: `j${i}`, serviceS: 10, demand: [1], timeWindow: [open, open + 60 + ((seed + i) % 5) * 40] as const };
  }), [{
    id: 'v', start: 0, capacity: [100], shift: [0, 2000],
    ...(withBreak ? { breaks: [{ id: 'brk', window: [150, 260] as const, durationS: 45 }] } : {}),
  }]);
}

describe('segments', () => {
  it('match a step-by-step simulation and are split-invariant', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 7 }), fc.boolean(), fc.integer({ min: 0, max: 7 }), (seed, n, withBreak, breakAt) => {
      const problem = randomProblem(seed, n, withBreak);
      const inst = buildInstance(problem);
      const ops = new SegmentOps(inst);
      const st = new RouteState(inst, ops, new Penalties(inst), 1e9);
      const start = inst.startNode(0);
      // Jobs in index order; the break (if any) placed after `breakAt` jobs.
      const order: number[] = [];
      for (let j = 0; j < n; j++) order.push(j);
      if (withBreak) {
        const b = inst.breakNodes[0][0];
        st.remove(b);
        order.splice(Math.min(breakAt, n), 0, b);
      }
      let after = start;
      for (const x of order) {
        st.insertAfter(x, after);
        after = x;
      }
      st.update(0);
      const whole = st.routeSegment(0);
      const ids = order.map((x) => (x < n ? problem.jobs[x].id : 'brk'));
      const sim = check(problem, [{ vehicle: 'v', jobs: ids }]);
      const timeOk = !sim.violations.some((v) => v.constraint === 'time-window' || v.constraint === 'break' || v.constraint === 'shift');
      expect(whole.dist).toBeCloseTo(sim.routes[0].distanceM, 6);
      expect(whole.warp < 1e-6).toBe(timeOk);
      if (timeOk) expect(whole.dur).toBeCloseTo(sim.routes[0].durationS, 6);
      const tmp = new Segment(inst.dims);
      for (let x = start; x !== inst.endNode(0); x = st.next[x]) {
        ops.concat(st.prefix[x], st.suffix[st.next[x]], tmp);
        expect(tmp.dist).toBeCloseTo(whole.dist, 6);
        expect(tmp.warp).toBeCloseTo(whole.warp, 6);
        expect(tmp.dur).toBeCloseTo(whole.dur, 6);
      }
    }), { numRuns: 300 });
  });
});
