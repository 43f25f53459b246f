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

  it('stops within 10 % of the time limit and reports progress', async () => {
    const p = cvrp(150, 12);
    const reports: number[] = [];
    const t0 = performance.now();
    const sol = await solve(p, { timeLimitMs: 600, seed: 1, onProgress: (r) => reports.push(r.bestCost) });
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThanOrEqual(660);
    expect(elapsed).toBeGreaterThanOrEqual(590);
    expect(sol.stats.iterations).toBeGreaterThan(0);
    expect(reports.length).toBeGreaterThan(0);
    // Best cost only ever improves.
    for (let i = 1; i < reports.length; i++) expect(reports[i]).toBeLessThanOrEqual(reports[i - 1]);
  });

  it('returns the best solution so far when aborted', async () => {
    const p = cvrp(80, 13);
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 150);
    const t0 = performance.now();
    const sol = await solve(p, { timeLimitMs: 30_000, seed: 1, signal: ctrl.signal });
    expect(performance.now() - t0).toBeLessThan(1000);
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
