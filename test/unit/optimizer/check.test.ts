/** check(): a dispatcher-edited plan gets its violations named, its schedule and its cost. */
import { describe, expect, it } from 'vitest';
import { check } from '../../../optimizer/index.ts';
import { problemOn } from './fixtures.ts';

const problem = problemOn([[0, 0], [10, 0], [20, 0]], [
  { id: 'a', demand: [6], timeWindow: [0, 15] },
  { id: 'b', demand: [6], allowedVehicles: ['w'] },
], [
  { id: 'v', start: 0, capacity: [10], maxDistanceM: 30 },
  { id: 'w', start: 0, capacity: [10] },
]);

describe('check', () => {
  it('accepts a valid plan and prices it', () => {
    const res = check(problem, [{ vehicle: 'v', jobs: ['a'] }, { vehicle: 'w', jobs: ['b'] }]);
    expect(res.violations).toEqual([]);
    expect(res.feasible).toBe(true);
    expect(res.cost.distance).toBeCloseTo((20 + 40) / 1000, 9);
  });

  it('names job and constraint for each broken rule', () => {
    const res = check(problem, [{ vehicle: 'v', jobs: ['b', 'a'] }]);
    const found = res.violations.map((v) => `${v.name}:${v.constraint}`);
    expect(found).toEqual(expect.arrayContaining(['b:allowed-vehicles', 'a:time-window', 'a:capacity', 'v:max-distance']));
  });

  it('reports missing and duplicate jobs', () => {
    const res = check(problem, [{ vehicle: 'w', jobs: ['b', 'b'] }]);
    const found = res.violations.map((v) => `${v.name}:${v.constraint}`);
    expect(found).toEqual(expect.arrayContaining(['b:duplicate-job', 'a:missing-job']));
  });
});
