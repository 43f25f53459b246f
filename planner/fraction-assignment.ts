/**
 * Which waste stream each truck collects today. A rear loader has one body: residual waste and
 * paper must not end up in the same load, so unless the policy allows mixing (multi-compartment
 * trucks) each vehicle is given one of the fractions it can take. Trucks go, one by one, to the
 * fraction whose selected demand is least covered so far, measured in truckloads of that truck
 * (mass or loose volume, whichever binds).
 */
import type { SelectedContainer } from './select.ts';
import type { Fraction, PlanningVehicle } from './types.ts';

export function assignFractions(selection: readonly SelectedContainer[], vehicles: readonly PlanningVehicle[]): Map<string, Fraction> {
  const demand = new Map<Fraction, { kg: number; m3: number }>();
  for (const s of selection) {
    const d = demand.get(s.container.fraction) ?? { kg: 0, m3: 0 };
    // Required containers count fully, optional ones by half: they may be left for another day.
    const weight = s.required ? 1 : 0.5;
    demand.set(s.container.fraction, { kg: d.kg + s.demandKg * weight, m3: d.m3 + s.demandM3 * weight });
  }
  const covered = new Map<Fraction, { kg: number; m3: number }>();
  const assignment = new Map<string, Fraction>();
  for (const v of vehicles) {
    const capM3 = v.capacityM3 * v.compactionFactor;
    let best: { fraction: Fraction; uncovered: number } | undefined;
    for (const f of v.fractions) {
      const d = demand.get(f);
      if (!d) continue;
      const c = covered.get(f) ?? { kg: 0, m3: 0 };
      const uncovered = Math.max((d.kg - c.kg) / v.capacityKg, (d.m3 - c.m3) / capM3);
      if (!best || uncovered > best.uncovered) best = { fraction: f, uncovered };
    }
    if (!best) continue; // nothing it can take is selected: the truck stays home
    assignment.set(v.id, best.fraction);
    const c = covered.get(best.fraction) ?? { kg: 0, m3: 0 };
    covered.set(best.fraction, { kg: c.kg + v.capacityKg, m3: c.m3 + capM3 });
  }
  return assignment;
}
