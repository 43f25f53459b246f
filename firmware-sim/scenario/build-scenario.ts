/**
 * Builds a scenario city from any OSM extract: road graph → largest strongly connected component →
 * sites (OSM waste points, then residential streets) → containers and sensors → depot, disposal
 * facility and fleet. Deterministic for a seed.
 */
import { InputError } from '../../platform/errors.ts';
import { Prng } from '../random/prng.ts';
import { containersForSites, round7 } from './containers.ts';
import { defaultFleet } from './fleet.ts';
import { NearestNodeIndex } from './nearest-node.ts';
import { resolveOptions, type BuildScenarioOptions } from './options.ts';
import { existsSync } from 'node:fs';
import { loadRoadNetwork } from '../../optimizer/routing/index.ts';
import { readScenarioFeatures } from './osm-extract.ts';
import { haversineM, roadGraphFromNetwork, type RoadGraph } from './road-graph.ts';
import { placeSites } from './site-placement.ts';
import { FRACTIONS, type Scenario, type ScenarioPlace } from './types.ts';

export async function buildScenario(options: BuildScenarioOptions): Promise<Scenario> {
  const o = resolveOptions(options);
  if (!existsSync(o.pbf)) {
    throw new InputError(`OSM extract not found: ${o.pbf}`, [{ name: 'pbf', reason: `no file at ${o.pbf}` }]);
  }
  const network = await loadRoadNetwork(o.pbf).catch((err: unknown) => {
    throw new InputError(`Cannot read OSM extract ${o.pbf}: ${(err as Error).message}`, [{ name: 'pbf', reason: 'not a readable .osm.pbf file' }], { cause: err });
  });
  if (network.mainComponentSize < 2) {
    throw new InputError(`The extract ${o.pbf} has no car road network`, [
      { name: 'pbf', reason: `found ${network.wayCount} drivable ways and no connected road graph` },
    ]);
  }
  const extract = await readScenarioFeatures(o.pbf);
  const graph = roadGraphFromNetwork(network, extract.residentialWays);
  const index = new NearestNodeIndex(graph);
  const rng = new Prng(o.seed, 'scenario');

  const sites = placeSites(graph, index, extract.wastePoints, o.containers, o.minSiteSpacingM, rng.fork('sites'));
  const { containers, sensors } = containersForSites(sites, o, rng.fork('containers'));
  for (const c of containers) {
    c.roadLon = round7(graph.lon[c.roadNodeId]);
    c.roadLat = round7(graph.lat[c.roadNodeId]);
    c.roadNodeId = graph.osmIds[c.roadNodeId];
  }

  // Defaults: the industrial area (depot) and the landfill or recycling centre (facility) nearest
  // to the containers; without such areas, reachable roads near opposite edges of the city.
  const centre = centroid(containers);
  const depotAt = o.depot ?? nearestTo(extract.industrialPoints, centre) ?? quantilePoint(graph, 0.1);
  const facilityAt = o.facility ?? nearestTo(extract.landfillPoints, centre) ?? quantilePoint(graph, 0.9);
  const depot = place(graph, index, 'D1', 'Depot', depotAt, 'depot');
  const facility = place(graph, index, 'F1', 'Disposal facility', facilityAt, 'facility');
  const fractions = FRACTIONS.filter((f) => containers.some((c) => c.fraction === f));
  const fleet = defaultFleet(fractions, o.vehicles, depot.id);

  return {
    version: 1,
    name: o.name,
    seed: o.seed,
    tenant: o.tenant,
    source: {
      pbf: o.pbf,
      bbox: extract.bbox,
      osmWastePoints: extract.wastePoints.length,
      roadNodes: graph.lon.length,
      reachableRoadNodes: graph.reachableCount,
    },
    depots: [depot],
    facilities: [{
      ...facility,
      fractions,
      openingHours: [{ days: [1, 2, 3, 4, 5], open: '07:00', close: '17:00' }, { days: [6], open: '08:00', close: '12:00' }],
      unloadingTimeS: 900,
    }],
    ...fleet,
    containers,
    sensors,
  };
}

/** A place snapped onto the reachable road graph (its coordinates become the node's). */
function place(graph: RoadGraph, index: NearestNodeIndex, id: string, name: string, at: [number, number], field: string): ScenarioPlace {
  const snap = index.nearest(at[0], at[1]);
  if (!snap) throw new InputError(`No road near the ${field}`, [{ name: field, reason: 'no reachable road node' }]);
  if (snap.distanceM > 2000) {
    throw new InputError(`The ${field} at ${at.join(',')} is ${Math.round(snap.distanceM)} m from the nearest road`, [
      { name: field, reason: 'must lie inside the extract, within 2 km of a road' },
    ]);
  }
  return { id, name, lon: round7(graph.lon[snap.node]), lat: round7(graph.lat[snap.node]), roadNodeId: graph.osmIds[snap.node] };
}

function centroid(points: { lon: number; lat: number }[]): [number, number] {
  let lon = 0, lat = 0;
  for (const p of points) { lon += p.lon; lat += p.lat; }
  return [lon / Math.max(points.length, 1), lat / Math.max(points.length, 1)];
}

function nearestTo(points: [number, number][], at: [number, number]): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestD = Infinity;
  for (const p of points) {
    const d = haversineM(p[0], p[1], at[0], at[1]);
    if (d < bestD) { bestD = d; best = p; }
  }
  return best;
}

/** A point at a quantile of the reachable nodes' longitudes and latitudes: near an edge, inside. */
function quantilePoint(graph: RoadGraph, q: number): [number, number] {
  const lons: number[] = [];
  const lats: number[] = [];
  for (let i = 0; i < graph.lon.length; i++) {
    if (graph.reachable[i]) { lons.push(graph.lon[i]); lats.push(graph.lat[i]); }
  }
  lons.sort((a, b) => a - b);
  lats.sort((a, b) => a - b);
  const at = (arr: number[]) => arr[Math.min(arr.length - 1, Math.floor(q * arr.length))];
  return [at(lons), at(lats)];
}
