/**
 * Writes a scenario for one tenant through the registry, the path a municipality's own data
 * takes: the tenant store, then the registry's bulk upsert per kind (depots, facilities, vehicle
 * types, vehicles, containers with their road snap), every change in the processing log, all in
 * one transaction. Idempotent: building the same city again changes nothing.
 * Sensors go through the sensor registry, bound to their containers.
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
import { storeSensorRows } from '../../registry/sensors/sensor-import.ts';
import type { SensorInput } from '../../registry/sensors/sensor-shapes.ts';

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
    // Sensors through the sensor registry, each bound to its container (the import's own path).
    const stored = await storeSensorRows(client, t, scenario.sensors.map((x) => ({
      id: x.id, model: x.model as SensorInput['model'], containerId: x.containerId, emptyDistanceMm: x.emptyDistanceMm,
      fullDistanceMm: x.fullDistanceMm, reportingIntervalS: x.reportingIntervalS, active: true,
    })));
    const refused = stored.rejected ?? [];
    if (refused.length > 0) {
      throw new Error(`the scenario's sensors were refused by the registry: ${refused.slice(0, 3).map((r) => `${r.id} ${r.field}: ${r.reason}`).join('; ')}`);
    }
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
