/** Vehicle types (capacity, compaction, fractions, compartments, costs) and vehicles (depot, shift, break, limits). */
import type { VehicleInput, VehicleRecord, VehicleTypeInput, VehicleTypeRecord } from '../master-data-shapes.ts';
import type { TableSpec } from '../store/table-spec.ts';
import { hhmm, recordMeta } from '../store/table-spec.ts';

export const vehicleTypeSpec: TableSpec<VehicleTypeInput, VehicleTypeRecord> = {
  kind: 'vehicle-types',
  noun: 'vehicle-type',
  table: 'vehicle_types',
  columns: [
    { column: 'name', type: 'text', value: (v) => v.name },
    { column: 'capacity_kg', type: 'float8', value: (v) => v.capacityKg },
    { column: 'capacity_m3', type: 'float8', value: (v) => v.capacityM3 },
    { column: 'fractions', type: 'text[]', value: (v) => v.fractions },
    { column: 'compaction_factor', type: 'float8', value: (v) => v.compactionFactor ?? 1 },
    { column: 'compartments', type: 'jsonb', value: (v) => v.compartments ?? [] },
    { column: 'routing_profile', type: 'text', value: (v) => v.routingProfile ?? 'car' },
    { column: 'fixed_cost', type: 'float8', value: (v) => v.fixedCost ?? 0 },
    { column: 'cost_per_km', type: 'float8', value: (v) => v.costPerKm ?? 0 },
    { column: 'cost_per_hour', type: 'float8', value: (v) => v.costPerHour ?? 0 },
  ],
  toRecord: (r) => ({
    id: r.id as string,
    name: r.name as string,
    capacityKg: r.capacity_kg as number,
    capacityM3: r.capacity_m3 as number,
    fractions: r.fractions as VehicleTypeRecord['fractions'],
    compactionFactor: r.compaction_factor as number,
    compartments: r.compartments as VehicleTypeRecord['compartments'],
    routingProfile: r.routing_profile as VehicleTypeRecord['routingProfile'],
    fixedCost: r.fixed_cost as number,
    costPerKm: r.cost_per_km as number,
    costPerHour: r.cost_per_hour as number,
    ...recordMeta(r),
  }),
};

export const vehicleSpec: TableSpec<VehicleInput, VehicleRecord> = {
  kind: 'vehicles',
  noun: 'vehicle',
  table: 'vehicles',
  references: [
    { field: 'vehicleTypeId', table: 'vehicle_types', noun: 'vehicle type', value: (v) => v.vehicleTypeId },
    { field: 'depotId', table: 'depots', noun: 'depot', value: (v) => v.depotId },
  ],
  columns: [
    { column: 'name', type: 'text', value: (v) => v.name },
    { column: 'vehicle_type_id', type: 'text', value: (v) => v.vehicleTypeId },
    { column: 'depot_id', type: 'text', value: (v) => v.depotId },
    { column: 'shift_start', type: 'time', value: (v) => v.shiftStart ?? '07:00' },
    { column: 'shift_end', type: 'time', value: (v) => v.shiftEnd ?? '15:30' },
    { column: 'break_duration_s', type: 'int4', value: (v) => v.breakDurationS ?? 1800 },
    { column: 'break_earliest', type: 'time', value: (v) => (v.breakEarliest === undefined ? '11:00' : v.breakEarliest) },
    { column: 'break_latest', type: 'time', value: (v) => (v.breakLatest === undefined ? '13:00' : v.breakLatest) },
    { column: 'max_trips', type: 'int4', value: (v) => v.maxTrips ?? null },
    { column: 'max_daily_load_kg', type: 'float8', value: (v) => v.maxDailyLoadKg ?? null },
    { column: 'max_daily_stops', type: 'int4', value: (v) => v.maxDailyStops ?? null },
    { column: 'active', type: 'bool', value: (v) => v.active ?? true },
  ],
  toRecord: (r) => ({
    id: r.id as string,
    name: r.name as string,
    vehicleTypeId: r.vehicle_type_id as string,
    depotId: r.depot_id as string,
    shiftStart: hhmm(r.shift_start)!,
    shiftEnd: hhmm(r.shift_end)!,
    breakDurationS: r.break_duration_s as number,
    breakEarliest: hhmm(r.break_earliest),
    breakLatest: hhmm(r.break_latest),
    maxTrips: (r.max_trips as number | null) ?? null,
    maxDailyLoadKg: (r.max_daily_load_kg as number | null) ?? null,
    maxDailyStops: (r.max_daily_stops as number | null) ?? null,
    active: r.active as boolean,
    ...recordMeta(r),
  }),
};
