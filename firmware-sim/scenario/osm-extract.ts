/**
 * Reads what the scenario needs from an OSM extract beyond the road network (which comes from the
 * router's own loader, so that "reachable" means the same to the simulator and to the planner):
 * residential streets, waste points (amenity=recycling / waste_disposal, and waste_basket taken
 * with care by the placement: street bins for residual waste, a capped share) and industrial or landfill areas (sensible spots for the depot and the facility).
 * Parsed with osm-pbf-parser-node; a second pass fetches only the few area coordinates needed.
 */
import { existsSync } from 'node:fs';
import { createOSMStream } from 'osm-pbf-parser-node';
import { InputError } from '../../platform/errors.ts';

/** Streets where people live: where containers are placed when the extract has too few waste points. */
const RESIDENTIAL_HIGHWAYS = new Set(['residential', 'living_street', 'unclassified', 'tertiary']);

export interface OsmWastePoint {
  id: number;
  lon: number;
  lat: number;
  kind: string;
  /** Fractions named by recycling:* tags (glass, paper, …), mapped to our fraction names. */
  fractions: string[];
  name: string | null;
}

export interface OsmExtract {
  bbox: [number, number, number, number] | null;
  /** Node refs of residential streets: where sites are spread when waste points are few. */
  residentialWays: number[][];
  wastePoints: OsmWastePoint[];
  /** One point per industrial / landfill / waste area (first node), for depot and facility defaults. */
  industrialPoints: [number, number][];
  landfillPoints: [number, number][];
}

interface OsmItem {
  type?: 'node' | 'way' | 'relation';
  id: number;
  lat?: number;
  lon?: number;
  refs?: number[];
  tags?: Record<string, string>;
  bbox?: { left: number; right: number; top: number; bottom: number };
}

const RECYCLING_TAGS: Record<string, string> = {
  'recycling:glass': 'glass', 'recycling:glass_bottles': 'glass', 'recycling:paper': 'paper',
  'recycling:cardboard': 'paper', 'recycling:plastic': 'pmd', 'recycling:plastic_packaging': 'pmd',
  'recycling:cans': 'pmd', 'recycling:beverage_cartons': 'pmd', 'recycling:organic': 'organic',
  'recycling:clothes': 'textile', 'recycling:waste': 'residual',
};

export async function readScenarioFeatures(pbfPath: string): Promise<OsmExtract> {
  if (!existsSync(pbfPath)) {
    throw new InputError(`OSM extract not found: ${pbfPath}`, [{ name: 'pbf', reason: `no file at ${pbfPath}` }]);
  }
  const residentialWays: number[][] = [];
  const wastePoints: OsmWastePoint[] = [];
  const areaFirstRef: { ref: number; landfill: boolean }[] = [];
  const needed = new Set<number>();
  let bbox: OsmExtract['bbox'] = null;
  let sorted = false;

  try {
    for await (const raw of createOSMStream(pbfPath, { withTags: true, withInfo: false })) {
      const item = raw as OsmItem;
      if (item.type === undefined && item.bbox) {
        const b = item.bbox;
        bbox = [b.left / 1e9, b.bottom / 1e9, b.right / 1e9, b.top / 1e9];
        sorted = ((raw as { optional_features?: string[] }).optional_features ?? []).includes('Sort.Type_then_ID');
      } else if (item.type === 'node' && item.tags) {
        const amenity = item.tags.amenity;
        const isWaste = amenity === 'recycling' || amenity === 'waste_disposal' || amenity === 'waste_basket';
        if (isWaste && item.tags.recycling_type !== 'centre') {
          const fractions = Object.entries(RECYCLING_TAGS).filter(([k]) => item.tags![k] === 'yes').map(([, f]) => f);
          wastePoints.push({ id: item.id, lon: item.lon!, lat: item.lat!, kind: amenity, fractions: [...new Set(fractions)], name: item.tags.name ?? null });
        }
      } else if (item.type === 'way' && item.tags && item.refs) {
        const t = item.tags;
        if (t.highway && RESIDENTIAL_HIGHWAYS.has(t.highway)) {
          residentialWays.push(item.refs);
        } else if (t.landuse === 'industrial' || t.landuse === 'landfill' || t.amenity === 'recycling' && t.recycling_type === 'centre') {
          areaFirstRef.push({ ref: item.refs[0], landfill: t.landuse !== 'industrial' });
          needed.add(item.refs[0]);
        }
      }
    }
  } catch (err) {
    throw new InputError(`Cannot read OSM extract ${pbfPath}: ${(err as Error).message}`, [{ name: 'pbf', reason: 'not a readable .osm.pbf file' }], { cause: err });
  }

  const coords = new Map<number, [number, number]>();
  for await (const raw of needed.size === 0 ? [] : createOSMStream(pbfPath, { withTags: false, withInfo: false })) {
    const item = raw as OsmItem;
    if (item.type === 'node' && needed.has(item.id)) coords.set(item.id, [item.lon!, item.lat!]);
    else if (item.type === 'way' && sorted) break; // nodes come first in a sorted extract
  }

  const pointOf = (ref: number) => coords.get(ref);
  const industrialPoints = areaFirstRef.filter((a) => !a.landfill).map((a) => pointOf(a.ref)).filter((p): p is [number, number] => !!p);
  const landfillPoints = areaFirstRef.filter((a) => a.landfill).map((a) => pointOf(a.ref)).filter((p): p is [number, number] => !!p);
  return { bbox, residentialWays, wastePoints, industrialPoints, landfillPoints };
}
