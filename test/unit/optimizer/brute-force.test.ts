/**
 * Tiny instances against brute-force optima: every split of the jobs between two trucks, every
 * order, and for time windows every departure time (integer data, so the best departure is an
 * integer). The objective is the solver's own: fixed + per-km + per-hour cost. The time-window
 * cases are chosen so that the windows change the optimum (asserted), some optima wait for a
 * window, and some are bound by a maximum route duration, so they test more than capacity.
 */
import { describe, expect, it } from 'vitest';
import { solve, type Problem } from '../../../optimizer/index.ts';
import { problemOn, randomPoints, recheck } from './fixtures.ts';

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

interface Optimum {
  cost: number;
  distance: number;
  /** Whether the best schedule waits for a window somewhere. */
  waits: boolean;
}

/** Optimal objective over all splits of the jobs between the two vehicles, or cost Infinity. */
function bruteForce(problem: Problem): Optimum {
  const m = problem.matrix.distances as number[][];
  const t = problem.matrix.durations as number[][];
  const jobs = problem.jobs;
  const windows = jobs.some((j) => j.timeWindow);
  const none: Optimum = { cost: Infinity, distance: Infinity, waits: false };
  const route = (vi: number, order: number[]): Optimum => {
    if (order.length === 0) return { cost: 0, distance: 0, waits: false };
    const v = problem.vehicles[vi]!;
    const load = order.reduce((s, j) => s + (jobs[j]!.demand?.[0] ?? 0), 0);
    if (load > v.capacity[0]!) return none;
    const [s0, s1] = v.shift ?? [0, 10_000];
    let best = none;
    for (let depart = s0; depart <= (windows ? s1 : s0); depart++) {
      let time = depart;
      let at = v.start;
      let dist = 0;
      let waits = false;
      let late = false;
      for (const j of order) {
        const job = jobs[j]!;
        time += t[at]![job.location]!;
        dist += m[at]![job.location]!;
        at = job.location;
        const open = job.timeWindow?.[0] ?? -Infinity;
        if (open > time) waits = true;
        time = Math.max(time, open);
        if (time > (job.timeWindow?.[1] ?? Infinity)) late = true;
        time += job.serviceS ?? 0;
      }
      time += t[at]![v.start]!;
      dist += m[at]![v.start]!;
      const duration = time - depart;
      if (late || time > s1 || duration > (v.maxDurationS ?? Infinity)) continue;
      const cost = (v.fixedCost ?? 0) + ((v.costPerKm ?? 0) * dist) / 1000 + ((v.costPerHour ?? 0) * duration) / 3600;
      if (cost < best.cost - 1e-9) best = { cost, distance: dist, waits };
    }
    return best;
  };
  const bestOrder = (vi: number, set: number[]) => permutations(set).map((p) => route(vi, p)).reduce((a, b) => (b.cost < a.cost ? b : a), none);
  let opt = none;
  for (let mask = 0; mask < 1 << jobs.length; mask++) {
    const a = bestOrder(0, jobs.map((_, j) => j).filter((j) => mask & (1 << j)));
    const b = bestOrder(1, jobs.map((_, j) => j).filter((j) => !(mask & (1 << j))));
    const cost = a.cost + b.cost;
    if (cost < opt.cost - 1e-9) opt = { cost, distance: a.distance + b.distance, waits: a.waits || b.waits };
  }
  return opt;
}

interface Variant {
  windows: boolean;
  /** Per-hour cost of the trucks (the per-km cost is 1,000, so 1 m costs 1). */
  costPerHour: number;
  maxDurationS?: number;
}

function tiny(seed: number, variant: Variant): Problem {
  const pts = randomPoints(7, seed, 100);
  const jobs = pts.slice(1).map((_, i) => {
    const open = (seed * 53 + i * 97) % 400;
    return {
      id: `j${i}`,
      demand: [1 + ((seed + i) % 4)],
      serviceS: 5,
      ...(variant.windows ? { timeWindow: [open, open + 60] as const } : {}),
    };
  });
  const truck = (id: string) => ({
    id, start: 0, capacity: [8], costPerKm: 1000, costPerHour: variant.costPerHour, shift: [0, 1000] as const,
    ...(variant.maxDurationS !== undefined ? { maxDurationS: variant.maxDurationS } : {}),
  });
  return problemOn(pts, jobs, [truck('a'), truck('b')]);
}

async function expectOptimum(problem: Problem, opt: Optimum): Promise<void> {
  const sol = await solve(problem, { maxIterations: 400, seed: 1 });
  expect(sol.unassigned).toEqual([]);
  expect(recheck(problem, sol).feasible).toBe(true);
  expect(sol.cost.total).toBeCloseTo(opt.cost, 6);
}

describe('tiny instances vs brute force', () => {
  // (seed 2's demand exceeds the two trucks' capacity)
  for (const seed of [1, 3, 4, 5]) {
    it(`CVRP seed ${seed} reaches the optimum`, async () => {
      const problem = tiny(seed, { windows: false, costPerHour: 0 });
      const opt = bruteForce(problem);
      expect(Number.isFinite(opt.cost)).toBe(true);
      await expectOptimum(problem, opt);
    });
  }

  // Seeds whose windows bind: the VRPTW optimum is worse than the same instance without windows.
  const binding = Array.from({ length: 40 }, (_, i) => i + 1).filter((seed) => {
    const withWindows = bruteForce(tiny(seed, { windows: true, costPerHour: 0 }));
    return Number.isFinite(withWindows.cost) && withWindows.distance > bruteForce(tiny(seed, { windows: false, costPerHour: 0 })).distance;
  }).slice(0, 4);

  it('the time-window cases are ones where the windows change the optimum, and some optima wait', () => {
    expect(binding.length).toBe(4);
    expect(binding.some((seed) => bruteForce(tiny(seed, { windows: true, costPerHour: 0 })).waits)).toBe(true);
  });

  for (const k of [0, 1, 2, 3]) {
    it(`VRPTW binding case ${k + 1} reaches the optimum (distance only)`, async () => {
      const problem = tiny(binding[k]!, { windows: true, costPerHour: 0 });
      await expectOptimum(problem, bruteForce(problem));
    });
    it(`VRPTW binding case ${k + 1} reaches the optimum with an hourly cost (waiting and durations priced)`, async () => {
      const problem = tiny(binding[k]!, { windows: true, costPerHour: 36_000 });
      const opt = bruteForce(problem);
      expect(opt.cost).toBeGreaterThan(bruteForce(tiny(binding[k]!, { windows: true, costPerHour: 0 })).cost);
      await expectOptimum(problem, opt);
    });
  }

  it('a maximum route duration that binds changes the optimum, and the solver finds the new one', async () => {
    const seed = binding[0]!;
    const variant = { windows: true, costPerHour: 0 };
    const free = bruteForce(tiny(seed, variant));
    // The tightest limit that still has a solution, found by the brute force itself (bisection).
    const feasibleWithin = (limit: number) => Number.isFinite(bruteForce(tiny(seed, { ...variant, maxDurationS: limit })).cost);
    let lo = 0;
    let limit = 1000;
    while (limit - lo > 1) {
      const mid = Math.floor((lo + limit) / 2);
      if (feasibleWithin(mid)) limit = mid;
      else lo = mid;
    }
    const problem = tiny(seed, { ...variant, maxDurationS: limit });
    const bound = bruteForce(problem);
    expect(bound.cost).toBeGreaterThan(free.cost + 1e-9);
    await expectOptimum(problem, bound);
  });
});
