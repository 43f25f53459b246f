/**
 * Which containers go into the day's problem: every container gets a decision (`visit-decision.ts`),
 * must ones become required jobs, optional ones jobs with a prize, so the optimizer collects those
 * that fit on the way; skipped containers and emergencies (fire) stay out of the routine routes.
 */
import { decideVisit, measuredFillOf, type DecisionContext } from './visit-decision.ts';
import type { VisitDecision } from './decisions.ts';
import { localInstantMs } from './local-time.ts';
import { DEFAULT_DENSITY_KG_PER_M3, type PlanningContainer, type PlanningInput, type PlanningPolicy } from './types.ts';

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

export interface Selection {
  readonly selected: SelectedContainer[];
  /** One per container, in input order. */
  readonly decisions: VisitDecision[];
}

/** The fill used when nothing but today's reading is known (kept for callers of the threshold rule). */
export const expectedFillOf = measuredFillOf;

const DEFAULT_SHIFT_S: readonly [number, number] = [7 * 3600, 16 * 3600];

/** Today's shift of the fleet: the earliest start and the latest end (default 07:00–16:00). */
function fleetShift(input: Pick<PlanningInput, 'vehicles'>): readonly [number, number] {
  if (input.vehicles.length === 0) return DEFAULT_SHIFT_S;
  return [Math.min(...input.vehicles.map((v) => v.shiftStartS)), Math.max(...input.vehicles.map((v) => v.shiftEndS))];
}

export function selectVisits(input: Pick<PlanningInput, 'containers' | 'policy' | 'day' | 'vehicles'>): Selection {
  const [start, end] = fleetShift(input);
  const ctx: DecisionContext = {
    policy: input.policy,
    day: input.day,
    shiftEndS: end,
    ...(input.day ? { collectAtMs: localInstantMs(input.day.date, (start + end) / 2, input.day.timeZone) } : {}),
  };
  const decisions: VisitDecision[] = [];
  const selected: SelectedContainer[] = [];
  for (const c of input.containers) {
    const d = decideVisit(c, ctx);
    decisions.push(d);
    if (d.kind !== 'must' && d.kind !== 'optional') continue;
    const fill = d.expectedFill ?? d.fillNow ?? 1;
    selected.push({ container: c, expectedFill: fill, required: d.kind === 'must', ...(d.prize === undefined ? {} : { prize: d.prize }), ...demandOf(c, fill, input.policy) });
  }
  return { selected, decisions };
}

/** Today's fill against the thresholds only (no calendar, no forecast). */
export function selectContainers(containers: readonly PlanningContainer[], policy: PlanningPolicy): SelectedContainer[] {
  return selectVisits({ containers, policy, vehicles: [] }).selected;
}

function demandOf(c: PlanningContainer, fill: number, policy: PlanningPolicy): { demandKg: number; demandM3: number } {
  // An overflowing bin still holds at most about its own volume of waste.
  const loose = Math.min(Math.max(fill, 0), 1.2) * c.volumeM3;
  const density = policy.densityKgPerM3?.[c.fraction] ?? DEFAULT_DENSITY_KG_PER_M3[c.fraction];
  return { demandKg: loose * density, demandM3: loose };
}
