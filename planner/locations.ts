/**
 * The matrix locations of a planning problem: each depot and facility once, then every selected
 * container. The problem refers to them by index; the labels name them in routing errors.
 */
import type { LonLat } from '../optimizer/routing/index.ts';
import type { SelectedContainer } from './select.ts';
import type { PlanningFacility, PlanningVehicle } from './types.ts';

export interface Locations {
  readonly points: LonLat[];
  readonly labels: string[];
  readonly depotIndex: ReadonlyMap<string, number>;
  /** Start index per vehicle: its current position when given, else its depot. */
  readonly startIndex: ReadonlyMap<string, number>;
  readonly facilityIndex: ReadonlyMap<string, number>;
  /** Matrix index per selected container, same order as the selection. */
  readonly containerIndex: readonly number[];
}

export function collectLocations(
  selection: readonly SelectedContainer[],
  vehicles: readonly PlanningVehicle[],
  facilities: readonly PlanningFacility[],
): Locations {
  const points: LonLat[] = [];
  const labels: string[] = [];
  const add = (p: LonLat, label: string) => {
    points.push(p);
    labels.push(label);
    return points.length - 1;
  };
  const depotIndex = new Map<string, number>();
  for (const v of vehicles) if (!depotIndex.has(v.depotId)) depotIndex.set(v.depotId, add(v.depotLocation, `depot ${v.depotId}`));
  const startIndex = new Map<string, number>();
  for (const v of vehicles) startIndex.set(v.id, v.startLocation ? add(v.startLocation, `vehicle ${v.id}`) : depotIndex.get(v.depotId)!);
  const facilityIndex = new Map<string, number>();
  for (const f of facilities) facilityIndex.set(f.id, add(f.location, `facility ${f.id}`));
  const containerIndex = selection.map((s) => add(s.container.location, `container ${s.container.id}`));
  return { points, labels, depotIndex, startIndex, facilityIndex, containerIndex };
}
