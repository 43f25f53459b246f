/**
 * Writes a scenario into the system's own tables (tenants, depots, disposal_facilities,
 * vehicle_types, vehicles, containers, sensors) for one tenant, in one transaction. Idempotent:
 * every row is an upsert on its (tenant_id, id) key, so building the same city again updates it.
 */
import type pg from 'pg';
import type { Scenario } from './types.ts';
import { withTransaction } from '../../platform/db.ts';

export interface ScenarioWriteResult {
  tenant: string;
  depots: number;
  facilities: number;
  vehicleTypes: number;
  vehicles: number;
  containers: number;
  sensors: number;
}

export async function writeScenarioToDatabase(pool: pg.Pool, scenario: Scenario): Promise<ScenarioWriteResult> {
  const t = scenario.tenant.id;
  await withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO tenants (id, name, time_zone) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone`,
      [t, scenario.tenant.name, scenario.tenant.timeZone],
    );
    for (const d of scenario.depots) {
      await client.query(
        `INSERT INTO depots (tenant_id, id, name, lon, lat) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, lon = EXCLUDED.lon, lat = EXCLUDED.lat`,
        [t, d.id, d.name, d.lon, d.lat],
      );
    }
    for (const f of scenario.facilities) {
      await client.query(
        `INSERT INTO disposal_facilities (tenant_id, id, name, lon, lat, fractions, opening_hours, unloading_time_s)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, lon = EXCLUDED.lon, lat = EXCLUDED.lat,
           fractions = EXCLUDED.fractions, opening_hours = EXCLUDED.opening_hours, unloading_time_s = EXCLUDED.unloading_time_s`,
        [t, f.id, f.name, f.lon, f.lat, f.fractions, JSON.stringify(f.openingHours), f.unloadingTimeS],
      );
    }
    for (const v of scenario.vehicleTypes) {
      await client.query(
        `INSERT INTO vehicle_types (tenant_id, id, name, capacity_kg, capacity_m3, fractions, compaction_factor, fixed_cost, cost_per_km, cost_per_hour)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, capacity_kg = EXCLUDED.capacity_kg,
           capacity_m3 = EXCLUDED.capacity_m3, fractions = EXCLUDED.fractions, compaction_factor = EXCLUDED.compaction_factor,
           fixed_cost = EXCLUDED.fixed_cost, cost_per_km = EXCLUDED.cost_per_km, cost_per_hour = EXCLUDED.cost_per_hour`,
        [t, v.id, v.name, v.capacityKg, v.capacityM3, v.fractions, v.compactionFactor, v.fixedCost, v.costPerKm, v.costPerHour],
      );
    }
    for (const v of scenario.vehicles) {
      await client.query(
        `INSERT INTO vehicles (tenant_id, id, name, vehicle_type_id, depot_id, shift_start, shift_end)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, vehicle_type_id = EXCLUDED.vehicle_type_id,
           depot_id = EXCLUDED.depot_id, shift_start = EXCLUDED.shift_start, shift_end = EXCLUDED.shift_end, active = true`,
        [t, v.id, v.name, v.vehicleTypeId, v.depotId, v.shiftStart, v.shiftEnd],
      );
    }
    const c = scenario.containers;
    // One statement per table with array parameters: thousands of rows in one round trip.
    await client.query(
      `INSERT INTO containers (tenant_id, id, lon, lat, address, fraction, volume_m3, type, service_time_s, road_lon, road_lat, snap_distance_m, active)
       SELECT $1, * , true FROM unnest($2::text[], $3::float8[], $4::float8[], $5::text[], $6::text[], $7::float8[], $8::text[], $9::int[], $10::float8[], $11::float8[], $12::float8[])
       ON CONFLICT (tenant_id, id) DO UPDATE SET lon = EXCLUDED.lon, lat = EXCLUDED.lat, address = EXCLUDED.address,
         fraction = EXCLUDED.fraction, volume_m3 = EXCLUDED.volume_m3, type = EXCLUDED.type, service_time_s = EXCLUDED.service_time_s,
         road_lon = EXCLUDED.road_lon, road_lat = EXCLUDED.road_lat, snap_distance_m = EXCLUDED.snap_distance_m, active = true`,
      [t, c.map((x) => x.id), c.map((x) => x.lon), c.map((x) => x.lat), c.map((x) => x.address), c.map((x) => x.fraction),
        c.map((x) => x.volumeM3), c.map((x) => x.type), c.map((x) => x.serviceTimeS), c.map((x) => x.roadLon), c.map((x) => x.roadLat),
        c.map((x) => x.snapDistanceM)],
    );
    const s = scenario.sensors;
    await client.query(
      `INSERT INTO sensors (tenant_id, id, container_id, model, empty_distance_mm, full_distance_mm, reporting_interval_s, active)
       SELECT $1, *, true FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[])
       ON CONFLICT (tenant_id, id) DO UPDATE SET container_id = EXCLUDED.container_id, model = EXCLUDED.model,
         empty_distance_mm = EXCLUDED.empty_distance_mm, full_distance_mm = EXCLUDED.full_distance_mm,
         reporting_interval_s = EXCLUDED.reporting_interval_s, active = true`,
      [t, s.map((x) => x.id), s.map((x) => x.containerId), s.map((x) => x.model), s.map((x) => x.emptyDistanceMm),
        s.map((x) => x.fullDistanceMm), s.map((x) => x.reportingIntervalS)],
    );
  });
  return {
    tenant: t,
    depots: scenario.depots.length,
    facilities: scenario.facilities.length,
    vehicleTypes: scenario.vehicleTypes.length,
    vehicles: scenario.vehicles.length,
    containers: scenario.containers.length,
    sensors: scenario.sensors.length,
  };
}
