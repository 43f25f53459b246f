/**
 * The schedule the solver reports — arrival and service start at every stop, route duration and
 * the hourly part of the cost — is the one the independent checker computes on its own (issue 17
 * item 4). The checker shares no code with the solver's evaluation, so a wrong ETA cannot hide.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solve, type Problem, type Solution } from '../../../optimizer/index.ts';
import { independentCheck } from '../../checker/checker.ts';
import { arbProblem, stopsOf } from './fixtures.ts';
import { assertProperty } from '../../helpers/properties.ts';

/** The same problems, with an hourly cost on every truck so durations are priced. */
const hourly = arbProblem({ maxJobs: 12, maxDistance: false }).map((p): Problem => ({
  ...p,
  vehicles: p.vehicles.map((v, k) => ({ ...v, costPerKm: 1, costPerHour: 30 + 10 * k })),
}));

export function scheduleDifferences(problem: Problem, sol: Solution): string[] {
  const checked = independentCheck(problem, stopsOf(sol), false);
  const out: string[] = [];
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  for (const route of sol.routes) {
    const mine = checked.schedules.find((s) => s.vehicle === route.vehicle);
    if (!mine) {
      out.push(`${route.vehicle}: not driven according to the checker`);
      continue;
    }
    const steps = route.steps.filter((s) => s.type !== 'start' && s.type !== 'end');
    if (steps.length !== mine.stops.length) out.push(`${route.vehicle}: ${steps.length} stops, checker ${mine.stops.length}`);
    steps.forEach((s, i) => {
      const c = mine.stops[i];
      if (!c || c.id !== s.id) return void out.push(`${route.vehicle} stop ${i}: ${s.id}, checker ${c?.id}`);
      if (!near(s.arrival, c.arrival)) out.push(`${route.vehicle} ${s.id}: arrival ${s.arrival}, checker ${c.arrival}`);
      if (!near(s.serviceStart, c.serviceStart)) out.push(`${route.vehicle} ${s.id}: service ${s.serviceStart}, checker ${c.serviceStart}`);
      if (!near(s.waitingS, c.serviceStart - c.arrival)) out.push(`${route.vehicle} ${s.id}: waiting ${s.waitingS}, checker ${c.serviceStart - c.arrival}`);
    });
    if (!near(route.steps[0]!.serviceStart, mine.depart)) out.push(`${route.vehicle}: departs ${route.steps[0]!.serviceStart}, checker ${mine.depart}`);
    if (!near(route.steps.at(-1)!.arrival, mine.end)) out.push(`${route.vehicle}: back ${route.steps.at(-1)!.arrival}, checker ${mine.end}`);
    if (!near(route.durationS, mine.durationS)) out.push(`${route.vehicle}: duration ${route.durationS}, checker ${mine.durationS}`);
    if (!near(route.cost.total, mine.cost)) out.push(`${route.vehicle}: cost ${route.cost.total}, checker ${mine.cost}`);
  }
  return out;
}

describe('reported schedules agree with the independent checker', () => {
  it('arrivals, service starts, waiting, durations and hourly costs', async () => {
    await assertProperty('schedule-agrees', fc.asyncProperty(hourly, async (problem) => {
      const sol = await solve(problem, { maxIterations: 30, seed: 11 });
      expect(scheduleDifferences(problem, sol)).toEqual([]);
    }), 80);
  });

  it('waiting for a window that opens late is reported, and the truck leaves late instead of waiting when it can', async () => {
    // One job 100 s away that opens at 1,000 s: the truck leaves at 900 s, arrives as it opens.
    const problem: Problem = {
      matrix: { durations: [[0, 100], [100, 0]], distances: [[0, 100], [100, 0]] },
      vehicles: [{ id: 'v', start: 0, capacity: [1], shift: [0, 5000], costPerHour: 36 }],
      jobs: [{ id: 'j', location: 1, demand: [1], serviceS: 50, timeWindow: [1000, 1200] }],
    };
    const sol = await solve(problem, { maxIterations: 5, seed: 1 });
    expect(scheduleDifferences(problem, sol)).toEqual([]);
    const [start, job, end] = sol.routes[0]!.steps;
    expect(start!.serviceStart).toBe(900);
    expect(job).toMatchObject({ arrival: 1000, serviceStart: 1000, waitingS: 0 });
    expect(end!.arrival).toBe(1150);
    expect(sol.routes[0]!.durationS).toBe(250);
    expect(sol.routes[0]!.cost.time).toBeCloseTo(36 * 250 / 3600, 9);
  });
});
