import { describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../../platform/errors.ts';

// An extract without drivable roads: the router's loader answers with an empty network.
vi.mock('../../../optimizer/routing/index.ts', () => ({
  loadRoadNetwork: async () => ({
    nodeCount: 0, nodeLon: new Float64Array(0), nodeLat: new Float64Array(0), osmNodeIds: new Float64Array(0),
    segmentCount: 0, segFrom: new Uint32Array(0), segTo: new Uint32Array(0), segLengthM: new Float64Array(0),
    segName: new Uint32Array(0), names: [], inMainComponent: new Uint8Array(0), mainComponentSize: 0, wayCount: 0,
  }),
}));

describe('scenario from an extract without roads', () => {
  it('fails with an input error naming the extract', async () => {
    const { buildScenario } = await import('../../../firmware-sim/scenario/build-scenario.ts');
    const err = await buildScenario({ pbf: fileURLToPath(import.meta.url), containers: 10, seed: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/no car road network/);
    expect((err as InputError).exitCode).toBe(2);
  });
});
