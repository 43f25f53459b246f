/** Determinism for a seed, the time limit as a stop criterion, progress reports and aborts. */
import { describe, expect, it } from 'vitest';
import { solve, type Problem } from '../../../optimizer/index.ts';
import { problemOn, randomPoints, stopsOf } from './fixtures.ts';

function cvrp(n: number, seed: number): Problem {
  const pts = randomPoints(n + 1, seed);
  return problemOn(pts, pts.slice(1).map((_, i) => ({ id: `j${i}`, demand: [1 + (i % 7)] })),
    Array.from({ length: Math.ceil(n / 5) }, (_, k) => ({ id: `v${k}`, start: 0, capacity: [20] })));
}

describe('solve', () => {
  it('is deterministic for a seed and an iteration budget', async () => {
    const p = cvrp(60, 11);
    const a = await solve(p, { maxIterations: 150, seed: 5 });
    const b = await solve(p, { maxIterations: 150, seed: 5 });
    expect(stopsOf(a)).toEqual(stopsOf(b));
    expect(a.cost.total).toBe(b.cost.total);
  });

  /** A clock that moves 1 ms each time it is read: the stopping rule sees time pass at a fixed pace. */
  const ticking = () => {
    let t = 0;
    return { now: () => ++t, read: () => t };
  };

  it('stops as soon as the time limit has passed, and reports a best cost that only improves', async () => {
    const p = cvrp(150, 12);
    const clock = ticking();
    const reports: number[] = [];
    const sol = await solve(p, { timeLimitMs: 600, seed: 1, clock: clock.now, onProgress: (r) => reports.push(r.bestCost) });
    // The limit is checked once per iteration: the search stops within one iteration of it.
    expect(sol.stats.elapsedMs).toBeGreaterThanOrEqual(600);
    const perIteration = sol.stats.elapsedMs / Math.max(1, sol.stats.iterations);
    expect(sol.stats.elapsedMs).toBeLessThanOrEqual(600 + 2 * perIteration + 2);
    expect(sol.stats.iterations).toBeGreaterThan(0);
    expect(reports.length).toBeGreaterThan(0);
    for (let i = 1; i < reports.length; i++) expect(reports[i]).toBeLessThanOrEqual(reports[i - 1]);
    // and the same clock gives the same run
    const again = await solve(p, { timeLimitMs: 600, seed: 1, clock: ticking().now });
    expect(stopsOf(again)).toEqual(stopsOf(sol));
  });

  it('returns the best solution so far when aborted', async () => {
    const p = cvrp(80, 13);
    const ctrl = new AbortController();
    // Abort at the first progress report, which comes after construction, whatever the machine's speed.
    const sol = await solve(p, { timeLimitMs: 30_000, seed: 1, signal: ctrl.signal, clock: ticking().now, onProgress: () => ctrl.abort() });
    expect(ctrl.signal.aborted).toBe(true);
    expect(sol.stats.elapsedMs).toBeLessThan(30_000);
    expect(sol.unassigned).toEqual([]);
    expect(sol.feasible).toBe(true);
  });
});

describe('the time limit inside one iteration', () => {
  it('an iteration\'s local search polls the time limit (a long one cannot overrun it)', async () => {
    const { buildInstance } = await import('../../../optimizer/model/instance.ts');
    const { Engine } = await import('../../../optimizer/search/solve.ts');
    const inst = buildInstance(cvrp(60, 21));
    let polls = 0;
    let out = false;
    const engine = new Engine(inst, { seed: 3 }, [], () => {
      polls++;
      return out;
    });
    const afterConstruction = polls;
    out = true;
    engine.step(0.5);
    expect(polls).toBeGreaterThan(afterConstruction);
  });
});
