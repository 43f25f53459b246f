import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoutingProvider, reachableRoadNodes, loadRoadNetwork, routingConfigFromEnv } from '../../../optimizer/routing/index.ts';
import type { LonLat, RoutingProvider } from '../../../optimizer/routing/index.ts';
import { startFakeOsrm } from '../../unit/routing/support/fake-osrm-server.ts';
import type { FakeOsrm } from '../../unit/routing/support/fake-osrm-server.ts';
import { recordedPoints, recording } from '../../unit/routing/support/recorded-osrm.ts';

// The routing layer as the planner uses it: configuration from the environment, provider from
// the factory, container sites snapped, a matrix, a re-plan through the cache, one route.
describe('routing as the planner uses it', () => {
  let builtin: RoutingProvider;
  let sites: LonLat[];

  beforeAll(async () => {
    const config = routingConfigFromEnv({}); // default ../shared/data/monaco.osm.pbf
    builtin = await createRoutingProvider(config);
    const network = await loadRoadNetwork(config.pbfPath!);
    const nodes = reachableRoadNodes(network);
    sites = Array.from({ length: 120 }, (_, i) => nodes[(i * 7919) % nodes.length]);
  });

  it('plans with the built-in router when no OSRM_URL is set', async () => {
    expect(builtin.name).toBe('builtin');
    const snapped = await Promise.all(sites.slice(0, 10).map((site) => builtin.nearest(site, 'car')));
    for (const snap of snapped) expect(snap.distanceM).toBeLessThan(1);
    const matrix = await builtin.table(sites, 'car');
    expect(matrix.unreachable).toEqual([]);
    expect(matrix.durations.flat().every((d) => d !== null && d >= 0)).toBe(true);
    const replan = await builtin.table([...sites.slice(0, 60), ...recordedPoints().slice(0, 3), ...sites.slice(60)], 'car');
    expect(replan.durations[0][1]).toBe(matrix.durations[0][1]);
    const route = await builtin.route(sites.slice(0, 4), 'car');
    expect(route.legs).toHaveLength(3);
    expect(route.durationS).toBeCloseTo(matrix.durations[0][1]! + matrix.durations[1][2]! + matrix.durations[2][3]!, 3);
  });

  describe('with OSRM_URL', () => {
    let server: FakeOsrm;
    beforeAll(async () => {
      server = await startFakeOsrm({ maxTableSize: 40 });
    });
    afterAll(async () => {
      await server.close();
    });

    it('tiles to the configured max table size and caches between plans', async () => {
      const config = routingConfigFromEnv({ OSRM_URL: server.url, OSRM_MAX_TABLE_SIZE: '40' });
      const osrm = await createRoutingProvider(config);
      expect(osrm.name).toBe('osrm');
      const points = recordedPoints();
      const first = await osrm.table(points, 'car');
      expect(first.durations).toEqual(recording('table-100.json').response.durations);
      const requestsAfterFirst = server.requests.length;
      expect(requestsAfterFirst).toBe(9);
      await osrm.table(points, 'car');
      expect(server.requests.length).toBe(requestsAfterFirst);
    });
  });
});
