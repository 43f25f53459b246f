/**
 * The scenario city as the planner sees it: its trucks, facilities (open on the day) and
 * containers, the same shapes the plan worker loads from the database (api/jobs/plan-store.ts).
 */
import { isoWeekday, openWindowOn, type PlanningContainer, type PlanningFacility, type PlanningVehicle } from '../../planner/index.ts';
import type { Scenario } from '../scenario/types.ts';

const seconds = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 3600 + (m ?? 0) * 60;
};

/**
 * The scenario's trucks; with `count` the fleet is that many, repeating the scenario's trucks in
 * turn (V04 is another V01), so the evaluation can give every policy the fleet it needs.
 */
export function scenarioVehicles(s: Scenario, count = s.vehicles.length): PlanningVehicle[] {
  const types = new Map(s.vehicleTypes.map((t) => [t.id, t]));
  const depots = new Map(s.depots.map((d) => [d.id, d]));
  const fleet = Array.from({ length: count }, (_, i) => ({ ...s.vehicles[i % s.vehicles.length]!, id: `V${String(i + 1).padStart(2, '0')}` }));
  return fleet.map((v) => {
    const t = types.get(v.vehicleTypeId)!;
    const d = depots.get(v.depotId)!;
    return {
      id: v.id, depotId: d.id, depotLocation: [d.lon, d.lat] as const,
      capacityKg: t.capacityKg, capacityM3: t.capacityM3, compactionFactor: t.compactionFactor, fractions: t.fractions,
      shiftStartS: seconds(v.shiftStart), shiftEndS: seconds(v.shiftEnd),
      fixedCost: t.fixedCost, costPerKm: t.costPerKm, costPerHour: t.costPerHour,
    };
  });
}

/** Facilities open on a calendar date, with that day's unloading window. */
export function scenarioFacilities(s: Scenario, date: string): PlanningFacility[] {
  const weekday = isoWeekday(date);
  return s.facilities.flatMap((f) => {
    const window = openWindowOn(f.openingHours, weekday);
    if (window === null) return [];
    return [{ id: f.id, location: [f.lon, f.lat] as const, fractions: f.fractions, unloadS: f.unloadingTimeS, ...(window ? { openWindowS: window } : {}) }];
  });
}

/** Containers without any fill knowledge; each policy adds what it knows. */
export function scenarioContainers(s: Scenario): PlanningContainer[] {
  return s.containers.map((c) => ({
    id: c.id, location: [c.roadLon, c.roadLat] as const, fraction: c.fraction, containerType: c.type,
    volumeM3: c.volumeM3, serviceS: c.serviceTimeS, fillLevel: null,
  }));
}

/** Every point a plan can ask the router about: depots, facilities, containers. */
export function scenarioPoints(s: Scenario): [number, number][] {
  return [...s.depots.map((d) => [d.lon, d.lat] as [number, number]), ...s.facilities.map((f) => [f.lon, f.lat] as [number, number]),
    ...s.containers.map((c) => [c.roadLon, c.roadLat] as [number, number])];
}
