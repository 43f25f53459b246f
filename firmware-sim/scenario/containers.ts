/**
 * Containers and their sensors for a list of sites: how many containers a site holds, which
 * fractions, which type and volume, the ground-truth fill rate (fraction mean × a skewed per-site
 * factor) and the sensor's mounting geometry. Shared by the OSM scenario and the synthetic one.
 */
import type { DeviceModel } from '../../ingest/contracts/devices/index.ts';
import { hash32, type Prng } from '../random/prng.ts';
import type { ResolvedOptions } from './options.ts';
import type { Site } from './site-placement.ts';
import { FRACTIONS, type ContainerType, type Fraction, type ScenarioContainer, type ScenarioSensor } from './types.ts';

/** Containers per site: 1 to 4, as at Dutch collection points. */
const CONTAINERS_PER_SITE_WEIGHTS = [0.35, 0.3, 0.2, 0.15];

/**
 * Device models (byte layouts in ingest/contracts/devices): underground containers carry a
 * Milesight EM400-MUD style sensor, street bins a Tekelek TEK 766 style one.
 */
export const SENSOR_MODEL_BY_TYPE: Record<ContainerType, DeviceModel> = { underground: 'milesight-em400-mud', street: 'tekelek-tek766' };

/** Distance from sensor to bottom and to the full line, per container type (mm). */
export function sensorGeometry(type: ContainerType, volumeM3: number): { emptyDistanceMm: number; fullDistanceMm: number } {
  if (type === 'street') return { emptyDistanceMm: 1150, fullDistanceMm: 200 };
  // Underground containers share a footprint; a bigger one is deeper.
  const depth = Math.round(1200 + 250 * volumeM3);
  return { emptyDistanceMm: depth, fullDistanceMm: 300 };
}

export function containersForSites(sites: Site[], o: ResolvedOptions, rng: Prng): { containers: ScenarioContainer[]; sensors: ScenarioSensor[] } {
  const containers: ScenarioContainer[] = [];
  const sensors: ScenarioSensor[] = [];
  const activeFractions = FRACTIONS.filter((f) => o.fractionShares[f] > 0);
  const euiPrefix = hash32(`${o.seed}/${o.name}`).toString(16).padStart(8, '0');
  const width = Math.max(5, String(o.containers).length);

  for (let s = 0; s < sites.length && containers.length < o.containers; s++) {
    const site = sites[s];
    const siteId = `S${String(s + 1).padStart(width, '0')}`;
    const drawn = rng.chance(o.undergroundShare);
    const siteFactor = rng.lognormalMean(1, o.siteRateSigma);
    const fromOsm = site.fractions.filter((f): f is Fraction => activeFractions.includes(f as Fraction));
    // The OSM point's type counts only when its fractions are in use (a basket is a residual bin).
    const type: ContainerType = (fromOsm.length > 0 ? site.type : undefined) ?? (drawn ? 'underground' : 'street');
    const underground = type === 'underground';

    let fractions: Fraction[];
    if (fromOsm.length > 0) fractions = fromOsm;
    else {
      const k = Math.min(1 + rng.weighted(CONTAINERS_PER_SITE_WEIGHTS), activeFractions.length);
      fractions = drawWithoutReplacement(activeFractions, activeFractions.map((f) => o.fractionShares[f]), k, rng);
    }
    fractions = fractions.slice(0, o.containers - containers.length);

    fractions.forEach((fraction, k) => {
      const n = containers.length + 1;
      const id = `C${String(n).padStart(width, '0')}`;
      const volumeM3 = underground ? rng.pick(o.undergroundVolumesM3) : o.streetVolumeM3;
      // Containers of one site sit side by side, ~2 m apart.
      const lon = site.lon + (k * 2) / (111_320 * Math.cos((site.lat * Math.PI) / 180));
      containers.push({
        id,
        siteId,
        lon: round7(lon),
        lat: round7(site.lat),
        address: site.address,
        fraction,
        type,
        volumeM3,
        serviceTimeS: underground ? 150 : 60,
        roadLon: 0,
        roadLat: 0,
        roadNodeId: site.roadNode,
        snapDistanceM: Math.round(site.snapDistanceM * 10) / 10,
        dailyFillRate: round4(o.meanDailyFill[fraction] * siteFactor * rng.lognormalMean(1, 0.15)),
        initialFill: round4(rng.uniform(0.02, 0.6)),
        origin: site.origin,
      });
      sensors.push({
        id: `${euiPrefix}${n.toString(16).padStart(8, '0')}`,
        containerId: id,
        model: SENSOR_MODEL_BY_TYPE[type],
        ...sensorGeometry(type, volumeM3),
        reportingIntervalS: 3600,
      });
    });
  }
  return { containers, sensors };
}

function drawWithoutReplacement<T>(items: readonly T[], weights: number[], k: number, rng: Prng): T[] {
  const pool = [...items];
  const w = [...weights];
  const out: T[] = [];
  while (out.length < k && pool.length > 0) {
    const i = rng.weighted(w);
    out.push(pool[i]);
    pool.splice(i, 1);
    w.splice(i, 1);
  }
  return out;
}

export const round7 = (x: number) => Math.round(x * 1e7) / 1e7;
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
