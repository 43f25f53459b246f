import { describe, expect, it } from 'vitest';
import { StraightLineProvider } from '../../../optimizer/routing/index.ts';
import { assignFractions, runPlanningPipeline, selectContainers, DEFAULT_POLICY } from '../../../planner/index.ts';
import type { PlanningContainer, PlanningVehicle } from '../../../planner/index.ts';

const container = (id: string, fraction: PlanningContainer['fraction'], i: number, fill = 0.9): PlanningContainer => ({
  id, location: [7.42 + i * 0.0005, 43.73 + (i % 3) * 0.0004], fraction, volumeM3: 3, serviceS: 60, fillLevel: fill,
});
const vehicle = (id: string, fractions: PlanningVehicle['fractions']): PlanningVehicle => ({
  id, depotId: 'd1', depotLocation: [7.415, 43.728], capacityKg: 4000, capacityM3: 20, compactionFactor: 2, fractions,
  shiftStartS: 7 * 3600, shiftEndS: 16 * 3600, costPerKm: 1, costPerHour: 30,
});

describe('one fraction per truck', () => {
  it('sends trucks to the least covered stream and leaves trucks home when nothing they take is due', () => {
    const residual = Array.from({ length: 20 }, (_, i) => container(`r${i}`, 'residual', i));
    const paper = Array.from({ length: 4 }, (_, i) => container(`p${i}`, 'paper', i));
    const selection = selectContainers([...residual, ...paper], DEFAULT_POLICY);
    const a = assignFractions(selection, [vehicle('v1', ['residual', 'paper']), vehicle('v2', ['residual', 'paper']), vehicle('v3', ['paper']), vehicle('g', ['glass'])]);
    expect(Object.fromEntries(a)).toEqual({ v1: 'residual', v2: 'residual', v3: 'paper' });
  });

  it('never mixes fractions on a route, reports a fraction no truck collects, and mixes when allowed', async () => {
    const containers = [container('r1', 'residual', 1), container('r2', 'residual', 2), container('p1', 'paper', 3), container('g1', 'glass', 4)];
    const input = { containers, vehicles: [vehicle('v1', ['residual', 'paper']), vehicle('v2', ['residual', 'paper'])], facilities: [], policy: DEFAULT_POLICY };
    const { result } = await runPlanningPipeline(input, { routing: new StraightLineProvider(), timeLimitMs: 2000, maxIterations: 300 });
    const fractionOf = new Map(containers.map((c) => [c.id, c.fraction]));
    for (const r of result.routes) {
      const kinds = new Set(r.stops.filter((s) => s.kind === 'job').map((s) => fractionOf.get(s.containerId!)));
      expect(kinds.size).toBeLessThanOrEqual(1);
      expect([...kinds][0]).toBe(result.stats.fractionByVehicle![r.vehicleId]);
    }
    expect(result.unassigned).toEqual([{ containerId: 'g1', reason: 'no allowed vehicle', required: true }]);
    const mixed = await runPlanningPipeline({ ...input, vehicles: [input.vehicles[0]!], policy: { ...DEFAULT_POLICY, mixFractions: true } }, {
      routing: new StraightLineProvider(), timeLimitMs: 2000, maxIterations: 300,
    });
    expect(mixed.result.routes[0]!.stops.filter((s) => s.kind === 'job')).toHaveLength(3);
    expect(mixed.result.stats.fractionByVehicle).toBeUndefined();
  });
});
