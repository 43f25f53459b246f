import { beforeAll, describe, expect, it } from 'vitest';
import { RoutingError } from '../../../platform/errors.ts';
import { BuiltinRoutingProvider } from '../../../optimizer/routing/builtin/builtin-provider.ts';
import { loadRoadNetwork } from '../../../optimizer/routing/builtin/road-network.ts';
import type { RoadNetwork } from '../../../optimizer/routing/builtin/road-network.ts';
import { reachableRoadNodes, snapToRoad } from '../../../optimizer/routing/builtin/road-queries.ts';
import { MONACO_PBF, recordedPoints, recording } from './support/recorded-osrm.ts';

// One parse of Monaco shared by every test in this file.
let network: RoadNetwork;
let router: BuiltinRoutingProvider;
const points = recordedPoints();

beforeAll(async () => {
  network = await loadRoadNetwork(MONACO_PBF);
  router = new BuiltinRoutingProvider(network, { dataVersion: 'monaco-test' });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('built-in road router on Monaco', () => {
  it('builds a connected car network', () => {
    expect(network.nodeCount).toBeGreaterThan(5_000);
    expect(network.segmentCount).toBeGreaterThan(5_000);
    // Most of the network is one strongly connected component.
    expect(network.mainComponentSize / network.nodeCount).toBeGreaterThan(0.8);
    expect(router.version).toBe('builtin:monaco-test:car-v1');
  });

  it('durations agree with the recorded OSRM table (median ratio in a sane band)', async () => {
    const osrm = recording('table-100.json').response as { durations: number[][]; distances: number[][] };
    const result = await router.table(points, 'car');
    expect(result.unreachable).toEqual([]);
    const durationRatios: number[] = [];
    const distanceRatios: number[] = [];
    for (let i = 0; i < points.length; i++) {
      for (let j = 0; j < points.length; j++) {
        if (i === j || !(osrm.durations[i][j] > 0)) continue;
        durationRatios.push(result.durations[i][j]! / osrm.durations[i][j]);
        distanceRatios.push(result.distances[i][j]! / osrm.distances[i][j]);
      }
    }
    const durationMedian = median(durationRatios);
    const distanceMedian = median(distanceRatios);
    console.info(`built-in / OSRM on Monaco table-100: median duration ratio ${durationMedian.toFixed(3)}, median distance ratio ${distanceMedian.toFixed(3)}`);
    expect(durationMedian).toBeGreaterThan(0.5);
    expect(durationMedian).toBeLessThan(2);
    expect(distanceMedian).toBeGreaterThan(0.8);
    expect(distanceMedian).toBeLessThan(1.25);
    for (let i = 0; i < points.length; i++) expect(result.durations[i][i]).toBe(0);
  });

  it('forward and backward searches give the same cells', async () => {
    const sample = points.slice(0, 30);
    const full = await router.table(sample, 'car');
    const fewSources = await router.table(sample, 'car', { sources: [3, 7], destinations: sample.map((_, i) => i) });
    const fewDestinations = await router.table(sample, 'car', { sources: sample.map((_, i) => i), destinations: [5, 11, 29] });
    expect(fewSources.durations).toEqual([full.durations[3], full.durations[7]]);
    for (const row of sample.keys()) {
      for (const [c, j] of [5, 11, 29].entries()) expect(fewDestinations.durations[row][c]).toBeCloseTo(full.durations[row][j]!, 6);
    }
  });

  it('respects one-way streets', async () => {
    // Find a one-way segment of a few tens of metres inside the main component.
    let segment = -1;
    for (let s = 0; s < network.segmentCount; s++) {
      const a = network.segFrom[s];
      const b = network.segTo[s];
      if (network.segForward[s] && !network.segBackward[s] && network.segLengthM[s] > 40 && network.inMainComponent[a] && network.inMainComponent[b]) {
        segment = s;
        break;
      }
    }
    expect(segment).toBeGreaterThanOrEqual(0);
    const a = network.segFrom[segment];
    const b = network.segTo[segment];
    const at = (t: number): [number, number] => [
      network.nodeLon[a] + t * (network.nodeLon[b] - network.nodeLon[a]),
      network.nodeLat[a] + t * (network.nodeLat[b] - network.nodeLat[a]),
    ];
    const result = await router.table([at(0.3), at(0.7)], 'car');
    const along = result.durations[0][1]!;
    const against = result.durations[1][0]!;
    expect(along).toBeCloseTo(0.4 * network.segDurationS[segment], 1);
    expect(against).toBeGreaterThan(along);
  });

  it('route gives a LineString, one leg per stop pair and bilingual steps consistent with the table', async () => {
    const stops = points.slice(0, 5);
    const route = await router.route(stops, 'car');
    const table = await router.table(stops, 'car');
    expect(route.geometry.type).toBe('LineString');
    expect(route.geometry.coordinates.length).toBeGreaterThan(20);
    expect(route.legs).toHaveLength(4);
    route.legs.forEach((leg, k) => {
      expect(leg.durationS).toBeCloseTo(table.durations[k][k + 1]!, 3);
      expect(leg.distanceM).toBeCloseTo(table.distances[k][k + 1]!, 3);
      expect(leg.steps[0].maneuver.type).toBe('depart');
      expect(leg.steps.at(-1)!.maneuver.type).toBe('arrive');
      for (const step of leg.steps) {
        expect(step.instruction.nl.length).toBeGreaterThan(3);
        expect(step.instruction.en.length).toBeGreaterThan(3);
      }
      const stepDuration = leg.steps.reduce((sum, step) => sum + step.durationS, 0);
      expect(stepDuration).toBeCloseTo(leg.durationS, 3);
    });
    expect(route.geometry.coordinates[0][0]).toBeCloseTo(stops[0][0], 3);
    expect(route.legs[0].steps[0].instruction.en).toMatch(/^Head /);
    expect(route.legs[0].steps[0].instruction.nl).toMatch(/^Neem /);
    expect(route.durationS).toBeCloseTo(route.legs.reduce((sum, leg) => sum + leg.durationS, 0), 6);
  });

  it('counts roundabout exits like OSRM does', async () => {
    // Leg 0 of the recorded route ends through the Rond-Point du Portier (OSRM: rotary, exit onto Avenue Princesse Grace).
    const route = await router.route(points.slice(0, 2), 'car');
    const steps = route.legs[0].steps;
    const roundabout = steps.find((s) => s.maneuver.type === 'roundabout');
    expect(roundabout?.name).toBe('Avenue Princesse Grace');
    expect(roundabout?.instruction.en).toMatch(/roundabout and take the \d\w+ exit onto Avenue Princesse Grace/);
    expect(roundabout?.instruction.nl).toMatch(/afslag/);
    expect(steps[steps.indexOf(roundabout!) + 1].maneuver.type).toBe('exit roundabout');
  });

  it('nearest snaps to the same road as OSRM, with the snapping distance', async () => {
    const osrm = recording('nearest.json').response.waypoints[0];
    const snapped = await router.nearest([7.42, 43.737], 'car');
    expect(snapped.name).toBe(osrm.name);
    expect(snapped.distanceM).toBeCloseTo(osrm.distance, 0);
    expect(snapped.location[0]).toBeCloseTo(osrm.location[0], 4);
  });

  it('a point far from any road is a RoutingError naming the container', async () => {
    const error = await router.table([points[0], [7.5, 43.65]], 'car', { labels: ['C-1', 'C-at-sea'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoutingError);
    expect((error as RoutingError).details[0].name).toBe('C-at-sea');
  });

  it('exposes road snapping and reachable nodes for the simulator', () => {
    const snap = snapToRoad(network, [7.42, 43.737]);
    expect(snap?.name).toBe('Rue Louis Auréglia');
    expect(snapToRoad(network, [7.5, 43.65])).toBeUndefined();
    const nodes = reachableRoadNodes(network);
    expect(nodes).toHaveLength(network.mainComponentSize);
  });
});
