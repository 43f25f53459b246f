/**
 * A scenario without an OSM extract: containers on a grid around a point, for benchmarks and unit
 * tests that need many sensors fast (100,000 in well under a second). Same container and sensor
 * rules as the OSM scenario (containers.ts); road fields point at the site itself.
 */
import { Prng } from '../random/prng.ts';
import { containersForSites } from './containers.ts';
import { defaultFleet } from './fleet.ts';
import { resolveOptions, type BuildScenarioOptions } from './options.ts';
import type { Site } from './site-placement.ts';
import { FRACTIONS, type Scenario } from './types.ts';

export function syntheticScenario(
  options: Omit<BuildScenarioOptions, 'pbf'> & { center?: [number, number]; spacingM?: number },
): Scenario {
  const o = resolveOptions({ ...options, pbf: 'synthetic', name: options.name ?? 'synthetic' });
  const rng = new Prng(o.seed, 'synthetic');
  const [lon0, lat0] = options.center ?? [5.1214, 52.0907];
  const spacingDeg = (options.spacingM ?? 60) / 111_320;
  const side = Math.ceil(Math.sqrt(o.containers));
  const sites: Site[] = [];
  for (let k = 0; k < o.containers; k++) {
    const lat = lat0 + (Math.floor(k / side) - side / 2) * spacingDeg;
    const lon = lon0 + ((k % side) - side / 2) * spacingDeg / Math.cos((lat0 * Math.PI) / 180);
    sites.push({ lon, lat, roadNode: k, snapDistanceM: 0, address: null, origin: 'street', fractions: [] });
  }
  const { containers, sensors } = containersForSites(sites, o, rng.fork('containers'));
  for (const c of containers) {
    c.roadLon = c.lon;
    c.roadLat = c.lat;
  }
  const fractions = FRACTIONS.filter((f) => containers.some((c) => c.fraction === f));
  const depot = { id: 'D1', name: 'Depot', lon: lon0, lat: lat0, roadNodeId: -1 };
  return {
    version: 1,
    name: o.name,
    seed: o.seed,
    tenant: o.tenant,
    source: { pbf: null, bbox: null, osmWastePoints: 0, roadNodes: 0, reachableRoadNodes: 0 },
    depots: [depot],
    facilities: [{ ...depot, id: 'F1', name: 'Disposal facility', fractions, openingHours: [{ days: [1, 2, 3, 4, 5], open: '07:00', close: '17:00' }], unloadingTimeS: 900 }],
    ...defaultFleet(fractions, o.vehicles, depot.id),
    containers,
    sensors,
  };
}
