/**
 * Which containers go into the day's problem. Until the forecast lands this uses the forecast
 * fill when given and the latest measured fill otherwise, against the tenant's thresholds:
 * at or above mustFill → required; between mayFill and mustFill → optional with a prize that
 * grows with the fill, so the optimizer collects the fullest ones that fit on the way.
 */
import { DEFAULT_DENSITY_KG_PER_M3, type PlanningContainer, type PlanningPolicy } from './types.ts';

export interface SelectedContainer {
  readonly container: PlanningContainer;
  readonly expectedFill: number;
  readonly required: boolean;
  /** Prize for optional containers, undefined for required ones. */
  readonly prize?: number;
  readonly demandKg: number;
  /** Loose volume to collect, m³. */
  readonly demandM3: number;
}

export function expectedFillOf(c: PlanningContainer): number | null {
  const f = c.forecastFill ?? c.fillLevel;
  return f === null || f === undefined || Number.isNaN(f) ? null : f;
}

export function selectContainers(containers: readonly PlanningContainer[], policy: PlanningPolicy): SelectedContainer[] {
  const fractions = policy.fractions ? new Set(policy.fractions) : null;
  const selected: SelectedContainer[] = [];
  for (const c of containers) {
    if (fractions && !fractions.has(c.fraction)) continue;
    const fill = expectedFillOf(c);
    if (fill === null || fill < policy.mayFill) continue;
    const required = fill >= policy.mustFill;
    // An overflowing bin still holds at most about its own volume of waste.
    const loose = Math.min(fill, 1.2) * c.volumeM3;
    const density = policy.densityKgPerM3?.[c.fraction] ?? DEFAULT_DENSITY_KG_PER_M3[c.fraction];
    selected.push({
      container: c,
      expectedFill: fill,
      required,
      ...(required ? {} : { prize: policy.prizePerFill * fill }),
      demandKg: loose * density,
      demandM3: loose,
    });
  }
  return selected;
}
