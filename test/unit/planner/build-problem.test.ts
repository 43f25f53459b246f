import { describe, expect, it } from 'vitest';
import { breakIdOf, buildProblem, collectLocations, selectContainers, toOptimizerVehicle, DEFAULT_POLICY } from '../../../planner/index.ts';
import type { PlanningContainer, PlanningVehicle } from '../../../planner/index.ts';

const container = (id: string, fraction: PlanningContainer['fraction'], dx: number): PlanningContainer => ({
  id, location: [7.42 + dx, 43.73], fraction, volumeM3: 2, serviceS: 90, fillLevel: 0.9,
});
const vehicle = (id: string, fractions: PlanningVehicle['fractions'], extra: Partial<PlanningVehicle> = {}): PlanningVehicle => ({
  id, depotId: 'd1', depotLocation: [7.41, 43.72], capacityKg: 8000, capacityM3: 20, compactionFactor: 3, fractions,
  shiftStartS: 25_200, shiftEndS: 55_800, breakDurationS: 1800, breakWindowS: [39_600, 46_800], fixedCost: 50, costPerKm: 1.2, costPerHour: 40, ...extra,
});

describe('problem building', () => {
  const containers = [container('r1', 'residual', 0.001), container('p1', 'paper', 0.002)];
  const vehicles = [vehicle('mixed', ['residual', 'paper']), vehicle('paper-only', ['paper'], { startLocation: [7.43, 43.74] })];
  const selection = selectContainers(containers, DEFAULT_POLICY);
  const locations = collectLocations(selection, vehicles, [{ id: 'f1', location: [7.4, 43.7], fractions: ['paper'], unloadS: 600 }]);
  const n = locations.points.length;
  const zero = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const problem = buildProblem(selection, vehicles, [{ id: 'f1', location: [7.4, 43.7], fractions: ['paper'], unloadS: 600 }], locations, {
    durations: zero, distances: zero, unreachable: new Set(),
  });

  it('puts each depot and facility once, a current position per re-planned vehicle, then the containers', () => {
    expect(locations.labels).toEqual(['depot d1', 'vehicle paper-only', 'facility f1', 'container r1', 'container p1']);
    expect(problem.vehicles.map((v) => [v.id, v.start, v.end])).toEqual([['mixed', 0, undefined], ['paper-only', 1, 0]]);
  });

  it('counts truck volume in loose m³ and keeps shift, break and costs', () => {
    expect(problem.vehicles[0]).toMatchObject({
      capacity: [8000, 60], shift: [25_200, 55_800], fixedCost: 50, costPerKm: 1.2, costPerHour: 40,
      breaks: [{ id: breakIdOf('mixed'), window: [39_600, 46_800], durationS: 1800 }],
    });
  });

  it('lets only trucks that take the fraction serve a container, and demands mass and loose volume', () => {
    const [r1, p1] = problem.jobs;
    expect(r1).toMatchObject({ id: 'r1', location: 3, serviceS: 90, allowedVehicles: ['mixed'] });
    expect(r1!.demand![0]).toBeCloseTo(0.9 * 2 * 150);
    expect(r1!.demand![1]).toBeCloseTo(1.8);
    expect(p1!.allowedVehicles).toBeUndefined();
    expect(problem.facilities).toEqual([{ id: 'f1', location: 2, unloadS: 600, acceptedFractions: ['paper'] }]);
  });

  it('plans disposal trips when there are facilities, with each container\'s fraction and what each truck may take', () => {
    expect(problem.disposalTrips).toBe(true);
    expect(problem.jobs.map((j) => [j.id, j.fraction])).toEqual([['r1', 'residual'], ['p1', 'paper']]);
    expect(problem.vehicles.map((v) => [v.id, v.fractions])).toEqual([['mixed', ['residual', 'paper']], ['paper-only', ['paper']]]);
    // no assignment: fractions are mixed (policy mixFractions), i.e. trucks with compartments
    expect(problem.vehicles.every((v) => v.compartments === true)).toBe(true);
  });

  it('one fraction per truck today: the vehicle takes only its assigned fraction (none when it stays home), jobs only ride on such trucks', () => {
    const assigned = new Map([['mixed', 'paper' as const]]);
    const oneEach = buildProblem(selection, vehicles, [], locations, { durations: zero, distances: zero, unreachable: new Set() }, assigned);
    expect(oneEach.vehicles.map((v) => [v.id, v.fractions])).toEqual([['mixed', ['paper']], ['paper-only', []]]);
    expect(oneEach.jobs.map((j) => [j.id, j.allowedVehicles])).toEqual([['r1', []], ['p1', ['mixed']]]);
    expect(oneEach.vehicles.every((v) => v.compartments === undefined)).toBe(true);
    // no facility: single trips, as before
    expect(oneEach.disposalTrips).toBeUndefined();
  });
});

describe('load on board when re-planning a running day', () => {
  // capacity [8000 kg, 20 m³ × 3 = 60 loose m³]
  const loaded = vehicle('truck', ['residual'], { loadOnBoard: { kg: 7000, looseM3: 50 } });
  const noneAssigned = new Map<string, 'residual'>();

  it('with facilities it is the optimizer\'s initial load and the capacity stays the truck\'s', () => {
    expect(toOptimizerVehicle(loaded, 0, 0, undefined, true)).toMatchObject({ capacity: [8000, 60], initialLoad: [7000, 50] });
  });

  it('without facilities (one trip) it takes room from the capacity instead', () => {
    const v = toOptimizerVehicle(loaded, 0, 0, undefined, false);
    expect(v.capacity).toEqual([8000 - 7000, 60 - 50]);
    expect(v.initialLoad).toBeUndefined();
  });

  it('is capped at what the truck holds, and an empty truck has none', () => {
    const over = vehicle('truck', ['residual'], { loadOnBoard: { kg: 9000, looseM3: 10 } });
    expect(toOptimizerVehicle(over, 0, 0, undefined, true).initialLoad).toEqual([8000, 10]);
    expect(toOptimizerVehicle(over, 0, 0, undefined, false).capacity).toEqual([0, 50]);
    const empty = vehicle('truck', ['residual'], { loadOnBoard: { kg: 0, looseM3: 0 } });
    expect(toOptimizerVehicle(empty, 0, 0, undefined, true).initialLoad).toBeUndefined();
  });

  it('a loaded truck given nothing to collect keeps its fractions, so that it unloads where its waste is taken', () => {
    expect(toOptimizerVehicle(loaded, 0, 0, noneAssigned, true).fractions).toEqual(['residual']);
    expect(toOptimizerVehicle(vehicle('truck', ['residual']), 0, 0, noneAssigned, true).fractions).toEqual([]);
  });
});
