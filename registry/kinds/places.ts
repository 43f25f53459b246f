/** Depots (where trucks start and end) and disposal facilities (where they unload). */
import type { DepotInput, DepotRecord, FacilityInput, FacilityRecord } from '../master-data-shapes.ts';
import type { TableSpec } from '../store/table-spec.ts';
import { recordMeta } from '../store/table-spec.ts';

export const depotSpec: TableSpec<DepotInput, DepotRecord> = {
  kind: 'depots',
  noun: 'depot',
  table: 'depots',
  columns: [
    { column: 'name', type: 'text', value: (d) => d.name },
    { column: 'lon', type: 'float8', value: (d) => d.location[0] },
    { column: 'lat', type: 'float8', value: (d) => d.location[1] },
    { column: 'address', type: 'text', value: (d) => d.address ?? null },
  ],
  toRecord: (r) => ({ id: r.id as string, name: r.name as string, location: [r.lon as number, r.lat as number], address: (r.address as string | null) ?? null, ...recordMeta(r) }),
};

export const facilitySpec: TableSpec<FacilityInput, FacilityRecord> = {
  kind: 'facilities',
  noun: 'facility',
  table: 'disposal_facilities',
  columns: [
    { column: 'name', type: 'text', value: (f) => f.name },
    { column: 'lon', type: 'float8', value: (f) => f.location[0] },
    { column: 'lat', type: 'float8', value: (f) => f.location[1] },
    { column: 'address', type: 'text', value: (f) => f.address ?? null },
    { column: 'fractions', type: 'text[]', value: (f) => f.fractions },
    { column: 'opening_hours', type: 'jsonb', value: (f) => f.openingHours ?? [] },
    { column: 'unloading_time_s', type: 'int4', value: (f) => f.unloadingTimeS ?? 900 },
  ],
  toRecord: (r) => ({
    id: r.id as string,
    name: r.name as string,
    location: [r.lon as number, r.lat as number],
    address: (r.address as string | null) ?? null,
    fractions: r.fractions as FacilityRecord['fractions'],
    openingHours: r.opening_hours as FacilityRecord['openingHours'],
    unloadingTimeS: r.unloading_time_s as number,
    ...recordMeta(r),
  }),
};
