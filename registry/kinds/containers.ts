/** Containers: the municipality's own id, position, fraction, volume; retired, never deleted. */
import type { ContainerInput, ContainerRecord } from '../master-data-shapes.ts';
import type { TableSpec } from '../store/table-spec.ts';
import { iso, recordMeta } from '../store/table-spec.ts';

/** A container farther than this from any road of the tenant's router is imported and flagged. */
export const ROAD_DISTANCE_LIMIT_M = 200;

/** A container row with its road snap (filled in by the import service). */
export interface SnappedContainer extends ContainerInput {
  road?: { lon: number; lat: number; distanceM: number } | null;
}

export const containerSpec: TableSpec<SnappedContainer, ContainerRecord> = {
  kind: 'containers',
  noun: 'container',
  table: 'containers',
  retires: true,
  columns: [
    { column: 'lon', type: 'float8', value: (c) => c.location[0] },
    { column: 'lat', type: 'float8', value: (c) => c.location[1] },
    { column: 'fraction', type: 'text', value: (c) => c.fraction },
    { column: 'volume_m3', type: 'float8', value: (c) => c.volumeM3 },
    { column: 'type', type: 'text', value: (c) => c.type ?? 'underground' },
    { column: 'container_type', type: 'text', value: (c) => c.containerType ?? null },
    { column: 'address', type: 'text', value: (c) => c.address ?? null },
    { column: 'service_time_s', type: 'int4', value: (c) => c.serviceTimeS ?? 120 },
    { column: 'active', type: 'bool', value: (c) => c.active ?? true },
  ],
  derived: [
    { column: 'road_lon', type: 'float8', value: (c) => c.road?.lon ?? null },
    { column: 'road_lat', type: 'float8', value: (c) => c.road?.lat ?? null },
    { column: 'snap_distance_m', type: 'float8', value: (c) => c.road?.distanceM ?? null },
  ],
  toRecord: (r) => ({
    id: r.id as string,
    location: [r.lon as number, r.lat as number],
    fraction: r.fraction as ContainerRecord['fraction'],
    volumeM3: r.volume_m3 as number,
    type: r.type as ContainerRecord['type'],
    containerType: (r.container_type as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    serviceTimeS: r.service_time_s as number,
    active: r.active as boolean,
    ...recordMeta(r),
    retiredAt: iso(r.retired_at),
    snapDistanceM: (r.snap_distance_m as number | null) ?? null,
    farFromRoad: typeof r.snap_distance_m === 'number' && r.snap_distance_m > ROAD_DISTANCE_LIMIT_M,
  }),
};
