/**
 * Waste-collection rules decided inside the search (issue 8): small cases whose optimum needs the
 * rule, so each test fails when the engine ignores it. Every solution is replayed by the
 * independent checker as well.
 */
import { describe, expect, it } from 'vitest';
import { check, solve, type Problem, type Solution } from '../../../optimizer/index.ts';
import { independentCheck } from '../../checker/checker.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWcvrptw } from '../../../optimizer/bench/readers/wcvrptw.ts';
import { euclidean, recheck } from './fixtures.ts';

const WCVRPTW_DIR = join(import.meta.dirname, '../../../../shared/bench/wcvrptw');

/** Locations on a line: index i at x = xs[i]. */
function line(xs: readonly number[]): { durations: number[][]; distances: number[][] } {
  const m = euclidean(xs.map((x) => [x, 0] as const));
  return { durations: m, distances: m };
}

const stops = (sol: Solution, vehicle: string) => sol.routes.find((r) => r.vehicle === vehicle)?.steps.filter((s) => s.type === 'job' || s.type === 'unload').map((s) => s.id) ?? [];
const unloadsOf = (sol: Solution) => sol.routes.flatMap((r) => r.steps.filter((s) => s.type === 'unload').map((s) => s.id));

async function solved(p: Problem, iterations = 300): Promise<Solution> {
  const sol = await solve(p, { maxIterations: iterations, seed: 3 });
  expect(recheck(p, sol).errors).toEqual([]);
  expect(sol.feasible).toBe(true);
  return sol;
}

describe('waste extensions', () => {
  it('closes the route at the facility on the way home, not the one nearest the depot', async () => {
    // 0 depot at x=0; 1 facility "near" at x=-10 (nearest the depot); 2 facility "onway" at x=90;
    // containers at x=100 and 110. Unloading at "onway": 110 + 20 + 90 = 220; at "near": 240.
    const p: Problem = {
      matrix: line([0, -10, 90, 100, 110]),
      vehicles: [{ id: 'truck', start: 0, capacity: [10] }],
      jobs: [{ id: 'a', location: 3, demand: [4] }, { id: 'b', location: 4, demand: [4] }],
      facilities: [{ id: 'near', location: 1 }, { id: 'onway', location: 2 }],
      disposalTrips: true,
    };
    const sol = await solved(p);
    expect(unloadsOf(sol)).toEqual(['onway']);
    expect(sol.distanceM).toBeCloseTo(220, 6);
  });

  it('unloads mid-route when the second trip is cheaper than a second truck', async () => {
    // Two full loads on a line past the facility; one truck, capacity one load.
    const p: Problem = {
      matrix: line([0, 50, 100, 120]),
      vehicles: [{ id: 'truck', start: 0, capacity: [10] }],
      jobs: [{ id: 'a', location: 2, demand: [10] }, { id: 'b', location: 3, demand: [10] }],
      facilities: [{ id: 'landfill', location: 1 }],
      disposalTrips: true,
    };
    const sol = await solved(p);
    expect(unloadsOf(sol)).toEqual(['landfill', 'landfill']);
    const seq = stops(sol, 'truck');
    expect(seq[seq.length - 1]).toBe('landfill');
    expect(seq.indexOf('landfill')).toBeLessThan(seq.length - 1);
  });

  it('takes glass to the facility that accepts it, though another is nearer', async () => {
    // 0 depot; 1 "plant" (no glass) at x=10; 2 "glassyard" at x=-60; a glass and a paper bank.
    const base = {
      matrix: line([0, 10, -60, 40, 45]),
      facilities: [
        { id: 'plant', location: 1, acceptedFractions: ['paper', 'residual'] },
        { id: 'glassyard', location: 2, acceptedFractions: ['glass'] },
      ],
      disposalTrips: true,
    };
    const p: Problem = {
      ...base,
      vehicles: [{ id: 'glass-truck', start: 0, capacity: [10], fractions: ['glass'] }, { id: 'paper-truck', start: 0, capacity: [10], fractions: ['paper'] }],
      jobs: [{ id: 'glass-bank', location: 3, demand: [3], fraction: 'glass' }, { id: 'paper-bank', location: 4, demand: [3], fraction: 'paper' }],
    };
    const sol = await solved(p);
    expect(stops(sol, 'glass-truck')).toEqual(['glass-bank', 'glassyard']);
    expect(stops(sol, 'paper-truck')).toEqual(['paper-bank', 'plant']);
  });

  it('keeps fractions apart per trip without compartments, mixes them with compartments', async () => {
    // One truck, paper and glass banks next to each other, one facility taking both.
    const p = (compartments: boolean): Problem => ({
      matrix: line([0, 20, 100, 101]),
      vehicles: [{ id: 'truck', start: 0, capacity: [10], compartments }],
      jobs: [{ id: 'glass', location: 2, demand: [2], fraction: 'glass' }, { id: 'paper', location: 3, demand: [2], fraction: 'paper' }],
      facilities: [{ id: 'yard', location: 1 }],
      disposalTrips: true,
    });
    expect(unloadsOf(await solved(p(false)))).toHaveLength(2);
    expect(unloadsOf(await solved(p(true)))).toHaveLength(1);
  });

  it('respects the daily total: a second truck instead of a second trip', async () => {
    const p: Problem = {
      matrix: line([0, 5, 100, 101]),
      vehicles: ['t1', 't2'].map((id) => ({ id, start: 0, capacity: [10], maxDailyLoad: [10] })),
      jobs: [{ id: 'a', location: 2, demand: [8] }, { id: 'b', location: 3, demand: [8] }],
      facilities: [{ id: 'landfill', location: 1 }],
      disposalTrips: true,
    };
    const sol = await solved(p);
    expect(sol.vehiclesUsed).toBe(2);
    // Without the limit one truck does both trips (shorter in total).
    const free = await solved({ ...p, vehicles: p.vehicles.map(({ maxDailyLoad: _, ...v }) => v) });
    expect(free.vehiclesUsed).toBe(1);
  });

  it('respects stops and trips per day', async () => {
    const p: Problem = {
      matrix: line([0, 5, 100, 101, 102, 103]),
      vehicles: ['t1', 't2'].map((id) => ({ id, start: 0, capacity: [10], maxStops: 2 })),
      jobs: [2, 3, 4, 5].map((loc, i) => ({ id: `c${i}`, location: loc, demand: [1] })),
      facilities: [{ id: 'landfill', location: 1 }],
      disposalTrips: true,
    };
    const sol = await solved(p);
    expect(sol.routes.map((r) => r.steps.filter((s) => s.type === 'job').length)).toEqual([2, 2]);

    const trips: Problem = {
      ...p,
      vehicles: ['t1', 't2'].map((id) => ({ id, start: 0, capacity: [2], maxTrips: 1 })),
    };
    const sol2 = await solved(trips);
    expect(sol2.vehiclesUsed).toBe(2);
    for (const r of sol2.routes) expect(r.steps.filter((s) => s.type === 'unload')).toHaveLength(1);
  });
});

describe('waste extensions on a real instance', () => {
  it('plans Kim et al.\'s 102-stop instance within every rule (lunch moved between identical trucks included)', async () => {
    const text = readFileSync(join(WCVRPTW_DIR, '102_stop.txt'), 'utf8');
    const { problem } = parseWcvrptw('102_stop', text, { vehicles: 3 });
    const sol = await solve(problem, { maxIterations: 400, seed: 5 });
    expect(sol.unassigned).toEqual([]);
    expect(recheck(problem, sol).errors).toEqual([]);
    expect(sol.feasible).toBe(true);
    for (const r of sol.routes) {
      const breaks = r.steps.filter((s) => s.type === 'break').map((s) => s.id);
      expect(breaks).toEqual(problem.vehicles.find((v) => v.id === r.vehicle)!.breaks!.map((b) => b.id));
    }
  });
});

describe('load on board at the start (re-optimising during the day)', () => {
  const base: Problem = {
    matrix: line([0, 50, 100, 110]),
    vehicles: [{ id: 'truck', start: 0, capacity: [10], initialLoad: [8] }],
    jobs: [{ id: 'a', location: 2, demand: [4] }, { id: 'b', location: 3, demand: [4] }],
    facilities: [{ id: 'landfill', location: 1 }],
    disposalTrips: true,
  };

  it('fills the first trip only: the truck unloads before the first container that no longer fits', async () => {
    const sol = await solved(base);
    const seq = stops(sol, 'truck');
    expect(seq[0]).toBe('landfill');
    expect(seq[seq.length - 1]).toBe('landfill');
    expect(sol.unassigned).toEqual([]);
  });

  it('unloads first when even a single container no longer fits', async () => {
    const sol = await solved({ ...base, vehicles: [{ id: 'truck', start: 0, capacity: [10], initialLoad: [9.5] }], jobs: [{ id: 'a', location: 2, demand: [1] }] });
    expect(stops(sol, 'truck')).toEqual(['landfill', 'a', 'landfill']);
  });

  it('takes the load on board of a one-fraction truck to a facility that accepts that fraction', async () => {
    const p: Problem = {
      matrix: line([0, 10, 80]),
      vehicles: [{ id: 'truck', start: 0, capacity: [10], fractions: ['residual'], initialLoad: [8] }],
      jobs: [],
      facilities: [{ id: 'glass-only', location: 1, acceptedFractions: ['glass'] }, { id: 'incinerator', location: 2, acceptedFractions: ['residual'] }],
      disposalTrips: true,
    };
    const sol = await solved(p);
    expect(stops(sol, 'truck')).toEqual(['incinerator']);
    expect(check(p, [{ vehicle: 'truck', jobs: ['glass-only'] }]).violations.map((v) => `${v.name}:${v.constraint}`)).toEqual(['glass-only:fraction']);
  });

  it('still drives a loaded truck without containers to a facility before the depot', async () => {
    const sol = await solved({ ...base, jobs: [] });
    expect(stops(sol, 'truck')).toEqual(['landfill']);
  });

  it('is checked by check mode and the independent checker', () => {
    const res = check(base, [{ vehicle: 'truck', jobs: ['a', 'landfill', 'b', 'landfill'] }]);
    expect(res.violations.map((v) => `${v.name}:${v.constraint}`)).toContain('a:capacity');
    expect(independentCheck(base, [{ vehicle: 'truck', stops: ['a', 'landfill', 'b', 'landfill'] }]).feasible).toBe(false);
  });
});
