/**
 * Containers far from any road: snapped with the tenant's router (`nearest`: the built-in
 * router's grid index, or OSRM), imported with their road position, and flagged when more than
 * 200 m away — or when the router finds no road at all — so someone checks the position.
 */
import type { LonLat, NearestResult } from '../../optimizer/routing/types.ts';
import { ROAD_DISTANCE_LIMIT_M, type SnappedContainer } from '../kinds/containers.ts';
import type { ContainerInput } from '../master-data-shapes.ts';
import type { FlaggedRow, ReadRow } from './import-types.ts';

/** The one routing call the import needs. */
export interface RoadSnapper {
  nearest(point: LonLat, profile: 'car'): Promise<NearestResult>;
}

export async function snapToRoads(
  rows: readonly ReadRow<ContainerInput>[],
  snapper: RoadSnapper,
  onProgress: (done: number) => void = () => {},
  concurrency = 8,
): Promise<{ rows: ReadRow<SnappedContainer>[]; flagged: FlaggedRow[] }> {
  const out: ReadRow<SnappedContainer>[] = new Array(rows.length);
  const flagged: (FlaggedRow | undefined)[] = new Array(rows.length);
  let next = 0;
  let done = 0;
  const work = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const { row, value } = rows[i]!;
      let road: SnappedContainer['road'];
      try {
        const n = await snapper.nearest(value.location, 'car');
        road = { lon: n.location[0], lat: n.location[1], distanceM: Math.round(n.distanceM * 10) / 10 };
        if (n.distanceM > ROAD_DISTANCE_LIMIT_M) flagged[i] = { row, id: value.id, reason: `${Math.round(n.distanceM)} m from the nearest road (more than ${ROAD_DISTANCE_LIMIT_M} m)` };
      } catch (err) {
        road = { lon: value.location[0], lat: value.location[1], distanceM: Number.POSITIVE_INFINITY };
        flagged[i] = { row, id: value.id, reason: `no road found near it (${(err as Error).message})` };
      }
      out[i] = { row, value: { ...value, road } };
      if (++done % 500 === 0 || done === rows.length) onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, work));
  return { rows: out, flagged: flagged.filter((f): f is FlaggedRow => f !== undefined) };
}
