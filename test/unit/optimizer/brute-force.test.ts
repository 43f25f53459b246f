/** Tiny instances against brute-force optima (every assignment of jobs to vehicles, every order). */
import { describe, expect, it } from 'vitest';
import { solve, type Problem } from '../../../optimizer/index.ts';
import { problemOn, randomPoints, recheck } from './fixtures.ts';

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Optimal total distance over all splits of the jobs between two vehicles, or Infinity. */
function bruteForce(problem: Problem): number {
  const m = problem.matrix.distances as number[][];
  const t = problem.matrix.durations as number[][];
  const jobs = problem.jobs;
  const routeCost = (vi: number, order: number[]): number => {
    const v = problem.vehicles[vi];
    let load = 0;
    let time = v.shift?.[0] ?? 0;
    let at = v.start;
    let dist = 0;
    for (const j of order) {
      const job = jobs[j];
      load += job.demand?.[0] ?? 0;
      time += t[at][job.location];
      dist += m[at][job.location];
      at = job.location;
      time = Math.max(time, job.timeWindow?.[0] ?? -Infinity);
      if (time > (job.timeWindow?.[1] ?? Infinity)) return Infinity;
      time += job.serviceS ?? 0;
    }
    if (load > v.capacity[0]) return Infinity;
    time += t[at][v.start];
    if (time > (v.shift?.[1] ?? Infinity)) return Infinity;
    return dist + m[at][v.start];
  };
  const best = (vi: number, set: number[]) => (set.length === 0 ? 0 : Math.min(...permutations(set).map((p) => routeCost(vi, p))));
  let opt = Infinity;
  for (let mask = 0; mask < 1 << jobs.length; mask++) {
    const a = jobs.map((_, j) => j).filter((j) => mask & (1 << j));
    const b = jobs.map((_, j) => j).filter((j) => !(mask & (1 << j)));
    opt = Math.min(opt, best(0, a) + best(1, b));
  }
  return opt;
}

function tiny(seed: number, withWindows: boolean): Problem {
  const pts = randomPoints(7, seed, 100);
  const jobs = pts.slice(1).map((_, i) => ({
    id: `j${i}`,
    demand: [1 + ((seed + i) % 4)],
    serviceS: 5,
    ...(withWindows ? { timeWindow: [((seed * 7 + i * 37) % 150), ((seed * 7 + i * 37) % 150) + 120] as const } : {}),
  }));
  return problemOn(pts, jobs, [
    { id: 'a', start: 0, capacity: [8], costPerKm: 1000, shift: [0, 1000] },
    { id: 'b', start: 0, capacity: [8], costPerKm: 1000, shift: [0, 1000] },
  ]);
}

describe('tiny instances vs brute force', () => {
  for (const withWindows of [false, true]) {
    for (const seed of [1, 2, 3, 4]) {
      it(`${withWindows ? 'VRPTW' : 'CVRP'} seed ${seed} reaches the optimum`, async () => {
        const problem = tiny(seed, withWindows);
        const opt = bruteForce(problem);
        const sol = await solve(problem, { maxIterations: 300, seed: 1 });
        if (!Number.isFinite(opt)) {
          expect(sol.unassigned.length).toBeGreaterThan(0);
          return;
        }
        expect(sol.unassigned).toEqual([]);
        expect(recheck(problem, sol).feasible).toBe(true);
        expect(sol.distanceM).toBeCloseTo(opt, 6);
      });
    }
  }
});
