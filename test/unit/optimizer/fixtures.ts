/** Small problem builders for the optimizer tests (Euclidean points, seconds = metres). */
import fc from 'fast-check';
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

/**
 * Random small problems with every kind of constraint (windows, breaks, restricted vehicles,
 * optional jobs, two capacity dimensions, optionally a distance limit and disposal trips), for
 * property tests against the independent checker.
 */
export function arbProblem(options: { maxJobs: number; maxDistance: boolean }): fc.Arbitrary<Problem> {
  return fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    jobs: fc.integer({ min: 1, max: options.maxJobs }),
    vehicles: fc.integer({ min: 1, max: 3 }),
    windows: fc.boolean(),
    breaks: fc.boolean(),
    restricted: fc.boolean(),
    optional: fc.boolean(),
    maxDistance: options.maxDistance ? fc.boolean() : fc.constant(false),
    capacity: fc.integer({ min: 3, max: 20 }),
    facility: fc.boolean(),
  }).map((c): Problem => {
    // The last point is a disposal facility when `facility` is set.
    const pts = randomPoints(c.jobs + 2, c.seed, 200);
    const vehicles: Vehicle[] = Array.from({ length: c.vehicles }, (_, k) => ({
      id: `v${k}`, start: 0, capacity: [c.capacity, c.capacity * 2], shift: [0, 3000] as const,
      ...(c.breaks && k === 0 ? { breaks: [{ id: `b${k}`, window: [200, 400] as const, durationS: 60 }] } : {}),
      ...(c.maxDistance ? { maxDistanceM: 900 } : {}),
      fixedCost: k * 3,
    }));
    const base = problemOn(pts, Array.from({ length: c.jobs }, (_, i) => {
      const open = (c.seed + i * 97) % 1500;
      return {
        id: `j${i}`, serviceS: 20, demand: [1 + ((c.seed + i) % 3), (c.seed * i) % 5],
        ...(c.windows ? { timeWindow: [open, open + 300] as const } : {}),
        ...(c.restricted && i % 3 === 0 ? { allowedVehicles: [`v${i % c.vehicles}`] } : {}),
        ...(c.optional && i % 2 === 1 ? { prize: (i * 37) % 500 } : {}),
      };
    }), vehicles);
    return c.facility ? { ...base, disposalTrips: true, facilities: [{ id: 'landfill', location: c.jobs + 1, unloadS: 30, openWindow: [0, 2800] as const }] } : base;
  });
}
