/**
 * Every local-search operator: on random solutions (time windows, two capacity dimensions,
 * breaks, restricted jobs), the delta `evaluate` predicts equals the change of the penalised
 * route costs after `apply`, and `apply` keeps every job exactly once with breaks at home.
 */
import { describe, expect, it } from 'vitest';
import { buildInstance, KIND_BREAK } from '../../../optimizer/model/instance.ts';
import { SegmentOps } from '../../../optimizer/eval/segment.ts';
import { Penalties } from '../../../optimizer/eval/penalties.ts';
import { RouteState } from '../../../optimizer/search/route-state.ts';
import { MoveEval } from '../../../optimizer/search/operators/move-eval.ts';
import { Relocate } from '../../../optimizer/search/operators/relocate.ts';
import { Swap } from '../../../optimizer/search/operators/swap.ts';
import { TwoOptStar } from '../../../optimizer/search/operators/two-opt-star.ts';
import { OrOpt } from '../../../optimizer/search/operators/or-opt.ts';
import { TwoOpt } from '../../../optimizer/search/operators/two-opt.ts';
import { CrossExchange } from '../../../optimizer/search/operators/cross-exchange.ts';
import type { Operator } from '../../../optimizer/search/operators/operator.ts';
import { Rng } from '../../../optimizer/search/rng.ts';
import { problemOn, randomPoints } from './fixtures.ts';

function randomState(seed: number) {
  const n = 24;
  const problem = problemOn(randomPoints(n + 1, seed, 300), Array.from({ length: n }, (_, i) => {
    const open = (seed * 31 + i * 53) % 900;
    return {
      id: `j${i}`, serviceS: 15, demand: [1 + (i % 4), i % 3],
      ...(i % 2 === 0 ? { timeWindow: [open, open + 250] as const } : {}),
      ...(i % 7 === 0 ? { allowedVehicles: ['v0', 'v1'] } : {}),
    };
  }), Array.from({ length: 4 }, (_, k) => ({
    id: `v${k}`, start: 0, capacity: [14, 6], shift: [0, 2500] as const, maxDistanceM: 2500,
    ...(k % 2 === 0 ? { breaks: [{ id: `b${k}`, window: [300, 700] as const, durationS: 40 }] } : {}),
  })));
  const inst = buildInstance(problem);
  const st = new RouteState(inst, new SegmentOps(inst), new Penalties(inst), 1e6);
  const rng = new Rng(seed);
  for (let j = 0; j < n; j++) {
    // Random feasible-or-not assignment: the operators must be exact either way.
    let r = rng.int(4);
    while (inst.allowed && !inst.allowed[j * 4 + r]) r = rng.int(4);
    const nodes: number[] = [inst.startNode(r)];
    for (let x = st.next[inst.startNode(r)]; x !== inst.endNode(r); x = st.next[x]) nodes.push(x);
    st.insertAfter(j, nodes[rng.int(nodes.length)]);
    st.update(r);
  }
  return { inst, st, rng };
}

function total(st: RouteState): number {
  let c = 0;
  for (let r = 0; r < st.numRoutes; r++) c += st.cost[r];
  return c;
}

describe('local-search operators', () => {
  const makers: [string, (me: MoveEval) => Operator][] = [
    ['relocate-after', (me) => new Relocate(me, false)],
    ['relocate-before', (me) => new Relocate(me, true)],
    ['swap', (me) => new Swap(me)],
    ['2-opt*-after', (me) => new TwoOptStar(me, false)],
    ['2-opt*-before', (me) => new TwoOptStar(me, true)],
    ['or-opt-2', (me) => new OrOpt(me, 2, false)],
    ['or-opt-3-reversed', (me) => new OrOpt(me, 3, true)],
    ['2-opt', (me) => new TwoOpt(me)],
    ['cross-2-1', (me) => new CrossExchange(me, 2, 1)],
    ['cross-2-2', (me) => new CrossExchange(me, 2, 2)],
  ];
  for (const [name, make] of makers) {
    it(`${name}: evaluate predicts apply exactly`, () => {
      let checked = 0;
      for (let seed = 1; seed <= 25; seed++) {
        const { inst, st, rng } = randomState(seed);
        const op = make(new MoveEval(inst, st));
        for (let t = 0; t < 60; t++) {
          const u = rng.int(inst.numJobs);
          const v = rng.int(inst.numJobs);
          if (u === v) continue;
          const delta = op.evaluate(u, v);
          if (!Number.isFinite(delta)) continue;
          const before = total(st);
          op.apply(u, v);
          expect(total(st) - before).toBeCloseTo(delta, 6);
          checked++;
          // Structure: every job once; breaks stay with their vehicle, or (2-opt*) with a vehicle
          // of the same class whose single break is identical; each route keeps its break count.
          const seen = new Set<number>();
          for (let r = 0; r < st.numRoutes; r++) {
            let breaks = 0;
            for (let x = st.next[inst.startNode(r)]; x !== inst.endNode(r); x = st.next[x]) {
              expect(seen.has(x)).toBe(false);
              seen.add(x);
              if (inst.kind[x] === KIND_BREAK) {
                breaks++;
                const owner = inst.nodeVehicle[x];
                if (owner !== r) {
                  expect(inst.vehicleClass[owner]).toBe(inst.vehicleClass[r]);
                  expect(inst.breakNodes[r]).toHaveLength(1);
                }
              }
              expect(st.routeOf[x]).toBe(r);
            }
            expect(breaks).toBe(inst.breakNodes[r].length);
          }
          expect([...seen].filter((x) => x < inst.numJobs)).toHaveLength(inst.numJobs);
        }
      }
      expect(checked).toBeGreaterThan(20);
    });
  }
});
