import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRoadNetwork, type RoadNetwork } from '../../../optimizer/routing/index.ts';
import { InputError } from '../../../platform/errors.ts';
import { buildScenario } from '../../../firmware-sim/scenario/build-scenario.ts';
import { loadScenario, saveScenario } from '../../../firmware-sim/scenario/scenario-file.ts';
import type { Scenario } from '../../../firmware-sim/scenario/types.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PBF = resolve(REPO, process.env.OSM_PBF ?? '../shared/data/monaco.osm.pbf');

describe.skipIf(!existsSync(PBF))('scenario city from the Monaco extract', () => {
  let scenario: Scenario;
  let network: RoadNetwork;

  beforeAll(async () => {
    scenario = await buildScenario({ pbf: PBF, containers: 400, seed: 1 });
    network = await loadRoadNetwork(PBF);
  });

  it('puts every container, the depot and the facility on a reachable road node', () => {
    const mainNodes = new Map<number, [number, number]>();
    for (let n = 0; n < network.nodeCount; n++) {
      if (network.inMainComponent[n]) mainNodes.set(network.osmNodeIds[n], [network.nodeLon[n], network.nodeLat[n]]);
    }
    expect(scenario.containers).toHaveLength(400);
    for (const c of [...scenario.containers.map((x) => ({ id: x.id, node: x.roadNodeId, lon: x.roadLon, lat: x.roadLat })),
      ...scenario.depots.map((d) => ({ id: d.id, node: d.roadNodeId, lon: d.lon, lat: d.lat })),
      ...scenario.facilities.map((d) => ({ id: d.id, node: d.roadNodeId, lon: d.lon, lat: d.lat }))]) {
      const at = mainNodes.get(c.node);
      expect(at, `${c.id} on node ${c.node}`).toBeDefined();
      expect(Math.abs(at![0] - c.lon)).toBeLessThan(1e-6);
      expect(Math.abs(at![1] - c.lat)).toBeLessThan(1e-6);
    }
    for (const c of scenario.containers) expect(c.snapDistanceM).toBeLessThan(250);
  });

  it('uses the OSM waste points and spreads the rest over streets, a sensor per container', () => {
    expect(scenario.containers.some((c) => c.origin === 'osm')).toBe(true);
    expect(scenario.containers.some((c) => c.origin === 'street')).toBe(true);
    expect(new Set(scenario.containers.map((c) => c.id)).size).toBe(400);
    expect(new Set(scenario.sensors.map((s) => s.id)).size).toBe(400);
    for (const s of scenario.sensors) expect(s.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('mixes fractions and container types as configured', () => {
    const share = (f: string) => scenario.containers.filter((c) => c.fraction === f).length / 400;
    expect(share('residual')).toBeGreaterThan(0.25);
    expect(share('organic')).toBe(0);
    for (const c of scenario.containers) {
      if (c.type === 'street') expect(c.volumeM3).toBe(1.1);
      else expect(c.volumeM3).toBeGreaterThanOrEqual(3);
    }
    const underground = scenario.containers.filter((c) => c.type === 'underground').length / 400;
    expect(underground).toBeGreaterThan(0.5);
    expect(underground).toBeLessThan(0.9);
  });

  it('is deterministic for a seed and honours configured shares', async () => {
    const again = await buildScenario({ pbf: PBF, containers: 400, seed: 1 });
    expect(again).toEqual(scenario);
    const glassOnly = await buildScenario({ pbf: PBF, containers: 60, seed: 2, fractionShares: { glass: 1 }, undergroundShare: 1 });
    expect(glassOnly.containers.every((c) => c.fraction === 'glass' && c.type === 'underground')).toBe(true);
  });

  it('writes and loads the JSON file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    try {
      const path = saveScenario(scenario, join(dir, 'monaco.json'));
      expect(loadScenario(path)).toEqual(scenario);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('reports a missing extract or scenario as an input error', async () => {
    await expect(buildScenario({ pbf: '/nonexistent/x.osm.pbf', containers: 10, seed: 1 })).rejects.toBeInstanceOf(InputError);
    expect(() => loadScenario('/nonexistent/scenario.json')).toThrow(InputError);
    await expect(buildScenario({ pbf: PBF, containers: 0, seed: 1 })).rejects.toBeInstanceOf(InputError);
  });
});
