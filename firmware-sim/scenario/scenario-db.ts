/**
 * Writes a scenario for one tenant through the registry, the path a municipality's own data
 * takes: the tenant store, then the registry's bulk upsert per kind (depots, facilities, vehicle
 * types, vehicles, containers with their road snap), every change in the processing log, all in
 * one transaction. Idempotent: building the same city again changes nothing.
 * Sensors are still written here until the registry has a sensor kind (bound to their containers).
 */
import type pg from 'pg';
import type { Scenario } from './types.ts';
import { withTransaction } from '../../platform/db.ts';
import { bulkUpsert } from '../../registry/store/bulk-upsert.ts';
import { logChanges, type Actor } from '../../registry/store/change-log.ts';
import { TenantStore } from '../../registry/store/tenants-store.ts';
import { containerSpec, type SnappedContainer } from '../../registry/kinds/containers.ts';
import { vehicleSpec, vehicleTypeSpec } from '../../registry/kinds/fleet.ts';
import { depotSpec, facilitySpec } from '../../registry/kinds/places.ts';
import type { TableSpec } from '../../registry/store/table-spec.ts';

export interface ScenarioWriteResult {
  tenant: string;
  depots: number;
  facilities: number;
  vehicleTypes: number;
  vehicles: number;
  containers: number;
  sensors: number;
}

const ACTOR: Actor = { actor: 'firmware-sim', role: 'operator', purpose: 'loading the simulated demo municipality' };

export async function writeScenarioToDatabase(pool: pg.Pool, scenario: Scenario): Promise<ScenarioWriteResult> {
  const t = scenario.tenant.id;
  await withTransaction(pool, async (client) => {
    const bbox = scenario.source.bbox;
    await new TenantStore(pool).ensure(
      { id: t, name: scenario.tenant.name, timeZone: scenario.tenant.timeZone, ...(bbox ? { settings: { area: bbox } } : {}) },
      ACTOR,
      client,
    );
    const upsert = async <I extends { id: string }>(spec: TableSpec<I, unknown>, rows: I[]) => {
      const counts = await bulkUpsert(client, spec, t, rows);
      await logChanges(client, t, ACTOR, 'create', spec.noun, counts.created);
      await logChanges(client, t, ACTOR, 'update', spec.noun, counts.updated);
    };
    await upsert(depotSpec, scenario.depots.map((d) => ({ id: d.id, name: d.name, location: [d.lon, d.lat] as [number, number] })));
    await upsert(facilitySpec, scenario.facilities.map((f) => ({
      id: f.id, name: f.name, location: [f.lon, f.lat] as [number, number], fractions: f.fractions, openingHours: f.openingHours, unloadingTimeS: f.unloadingTimeS,
    })));
    await upsert(vehicleTypeSpec, scenario.vehicleTypes.map((v) => ({
      id: v.id, name: v.name, capacityKg: v.capacityKg, capacityM3: v.capacityM3, fractions: v.fractions, compactionFactor: v.compactionFactor,
      fixedCost: v.fixedCost, costPerKm: v.costPerKm, costPerHour: v.costPerHour,
    })));
    await upsert(vehicleSpec, scenario.vehicles.map((v) => ({ id: v.id, name: v.name, vehicleTypeId: v.vehicleTypeId, depotId: v.depotId, shiftStart: v.shiftStart, shiftEnd: v.shiftEnd })));
    await upsert<SnappedContainer>(containerSpec, scenario.containers.map((c) => ({
      id: c.id, location: [c.lon, c.lat], fraction: c.fraction, volumeM3: c.volumeM3, type: c.type, address: c.address, serviceTimeS: c.serviceTimeS,
      road: { lon: c.roadLon, lat: c.roadLat, distanceM: c.snapDistanceM },
    })));
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
