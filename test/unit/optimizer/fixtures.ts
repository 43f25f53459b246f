/** Small problem builders for the optimizer tests (Euclidean points, seconds = metres). */
import type { Job, Problem, Vehicle } from '../../../optimizer/index.ts';
import { independentCheck } from '../../checker/checker.ts';
import type { Solution } from '../../../optimizer/index.ts';

export function euclidean(points: readonly (readonly [number, number])[]): number[][] {
  return points.map((a) => points.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]))));
}

/** Location 0 is the depot; job i sits at location i + 1. */
export function problemOn(points: readonly (readonly [number, number])[], jobs: Omit<Job, 'location'>[], vehicles: Vehicle[]): Problem {
  const m = euclidean(points);
  return { matrix: { durations: m, distances: m }, vehicles, jobs: jobs.map((j, i) => ({ ...j, location: i + 1 })) };
}

export function stopsOf(sol: Solution): { vehicle: string; stops: string[] }[] {
  return sol.routes.map((r) => ({ vehicle: r.vehicle, stops: r.steps.filter((s) => s.type === 'job' || s.type === 'break' || s.type === 'unload').map((s) => s.id) }));
}

export function routeOf(sol: Solution, jobId: string): string | undefined {
  return sol.routes.find((r) => r.steps.some((s) => s.type === 'job' && s.id === jobId))?.vehicle;
}

/** Independent re-check of a solution; required jobs the solver reported unassigned are allowed. */
export function recheck(problem: Problem, sol: Solution) {
  return independentCheck(problem, stopsOf(sol), false);
}

/** Deterministic pseudo-random points for generated instances. */
export function randomPoints(n: number, seed: number, span = 1000): [number, number][] {
  let s = seed >>> 0;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  return Array.from({ length: n }, () => [Math.floor(rnd() * span), Math.floor(rnd() * span)] as [number, number]);
}
