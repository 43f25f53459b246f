import { describe, expect, it } from 'vitest';
import { BuiltinRoutingProvider } from '../../../optimizer/routing/builtin/builtin-provider.ts';
import { buildRoadNetwork } from '../../../optimizer/routing/builtin/road-network.ts';
import type { RawRoadData } from '../../../optimizer/routing/builtin/pbf-reader.ts';
import { snapToRoad } from '../../../optimizer/routing/builtin/road-queries.ts';

/**
 * A toy network along a parallel, 0.001° (~80 m) between nodes:
 *   A ⇄ B ⇄ C → D      (C→D one-way into a dead end)
 *        ⇅
 *        E             (B⇄E two-way, slow service road)
 */
function toyNetwork(): RawRoadData {
  const lon = [7.410, 7.411, 7.412, 7.413, 7.411];
  const lat = [43.730, 43.730, 43.730, 43.730, 43.729];
  const segments: [number, number, boolean, boolean, number, number][] = [
    [0, 1, true, true, 36, 0],
    [1, 2, true, true, 36, 0],
    [2, 3, true, false, 36, 1],
    [1, 4, true, true, 5, 2],
  ];
  return {
    nodeLon: Float64Array.from(lon),
    nodeLat: Float64Array.from(lat),
    osmNodeIds: Float64Array.from([1, 2, 3, 4, 5]),
    segFrom: Uint32Array.from(segments.map((s) => s[0])),
    segTo: Uint32Array.from(segments.map((s) => s[1])),
    segForward: Uint8Array.from(segments.map((s) => (s[2] ? 1 : 0))),
    segBackward: Uint8Array.from(segments.map((s) => (s[3] ? 1 : 0))),
    segSpeedKmh: Float32Array.from(segments.map((s) => s[4])),
    segName: Uint32Array.from(segments.map((s) => s[5])),
    segRoundabout: new Uint8Array(segments.length),
    names: ['Dorpsstraat', 'Doodlopend', ''],
    wayCount: 3,
  };
}

describe('road graph', () => {
  const network = buildRoadNetwork(toyNetwork());

  it('builds forward and backward arcs by allowed direction', () => {
    // 3 two-way segments × 2 + 1 one-way
    expect(network.forward.head.length).toBe(7);
    expect(network.backward.head.length).toBe(7);
    expect(network.segLengthM[0]).toBeCloseTo(80.4, 0);
    expect(network.segDurationS[0]).toBeCloseTo(network.segLengthM[0] / 10, 6);
  });

  it('leaves a one-way dead end out of the main component, and snaps past it', () => {
    expect(Array.from(network.inMainComponent)).toEqual([1, 1, 1, 0, 1]);
    const nearD = snapToRoad(network, [7.4129, 43.7301]);
    expect(nearD?.name).toBe('Dorpsstraat');
  });

  it('routes along the graph with partial segments at both ends', async () => {
    const router = new BuiltinRoutingProvider(network);
    const halfAB: [number, number] = [7.4105, 43.730];
    const halfBE: [number, number] = [7.411, 43.7295];
    const { durations, distances } = await router.table([halfAB, halfBE], 'car');
    const ab = network.segDurationS[0];
    const be = network.segDurationS[3];
    expect(durations[0][1]).toBeCloseTo(ab / 2 + be / 2, 3);
    expect(durations[1][0]).toBeCloseTo(ab / 2 + be / 2, 3);
    expect(distances[0][1]).toBeCloseTo(network.segLengthM[0] / 2 + network.segLengthM[3] / 2, 1);
    const route = await router.route([halfAB, halfBE], 'car');
    expect(route.geometry.coordinates).toEqual([halfAB, [7.411, 43.73], [halfBE[0], expect.closeTo(halfBE[1], 9)]]);
    expect(route.legs[0].steps.map((s) => s.maneuver.type)).toEqual(['depart', 'turn', 'arrive']);
    expect(route.legs[0].steps[1].maneuver.modifier).toBe('right');
  });
});
