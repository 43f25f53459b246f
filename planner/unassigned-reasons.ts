/**
 * Why a selected container is not on any route, in terms a dispatcher can act on: "no truck for
 * paper today (3 trucks, all residual)" rather than the optimizer's "no allowed vehicle". Judged
 * from the day's facts (fleet, fraction assignment, facilities, road network) first; what remains
 * is the search's own verdict (no room in today's routes, or the prize does not cover the detour).
 */
import type { Reason } from './decisions.ts';
import type { SelectedContainer } from './select.ts';
import type { Fraction, PlanningFacility, PlanningVehicle } from './types.ts';

export interface UnassignedFacts {
  readonly vehicles: readonly PlanningVehicle[];
  readonly facilities: readonly PlanningFacility[];
  /** One fraction per truck today; absent when fractions are mixed. */
  readonly fractionByVehicle?: ReadonlyMap<string, Fraction>;
  /** Containers the road network cannot connect to a depot. */
  readonly unreachable: ReadonlySet<string>;
}

/** "residual=2,glass=1": trucks per assigned fraction, rendered per language by the explanations. */
export function assignmentSummary(fractionByVehicle: ReadonlyMap<string, Fraction>): string {
  const counts = new Map<Fraction, number>();
  for (const f of fractionByVehicle.values()) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts].map(([f, n]) => `${f}=${n}`).join(',');
}

export function unassignedReason(s: SelectedContainer, facts: UnassignedFacts, optimizerReason?: string): Reason {
  const fraction = s.container.fraction;
  const trucks = facts.vehicles.length;
  if (facts.facilities.length > 0 && !facts.facilities.some((f) => f.fractions.includes(fraction))) {
    return { code: 'unassigned.no-facility', params: { fraction } };
  }
  if (facts.unreachable.has(s.container.id)) return { code: 'unassigned.no-road', params: {} };
  if (!facts.vehicles.some((v) => v.fractions.includes(fraction))) return { code: 'unassigned.no-vehicle-type', params: { fraction, vehicles: trucks } };
  if (facts.fractionByVehicle && ![...facts.fractionByVehicle.values()].includes(fraction)) {
    return { code: 'unassigned.no-truck-for-fraction', params: { fraction, vehicles: trucks, assigned: assignmentSummary(facts.fractionByVehicle) } };
  }
  if (!s.required) return { code: 'unassigned.not-worth', params: { prize: Math.round((s.prize ?? 0) * 10) / 10 } };
  const forFraction = facts.fractionByVehicle ? [...facts.fractionByVehicle.values()].filter((f) => f === fraction).length : facts.vehicles.filter((v) => v.fractions.includes(fraction)).length;
  if (optimizerReason && !/within the search budget/.test(optimizerReason)) return { code: 'unassigned.other', params: { reason: optimizerReason } };
  return { code: 'unassigned.no-room', params: { fraction, vehicles: forFraction } };
}
