/**
 * Joins the day's visit decisions with the solved plan: which route took each selected container
 * (and when), and for each one left unassigned a reason a dispatcher can act on (code + params; the
 * plan's own unassigned list keeps the optimizer's text).
 */
import type { DecisionOutcome, PlanDecision, VisitDecision } from './decisions.ts';
import type { SelectedContainer } from './select.ts';
import type { PlanResult } from './types.ts';
import { unassignedReason, type UnassignedFacts } from './unassigned-reasons.ts';

export function withOutcomes(
  decisions: readonly VisitDecision[],
  selected: readonly SelectedContainer[],
  result: PlanResult,
  facts: UnassignedFacts,
): PlanDecision[] {
  const bySelection = new Map(selected.map((s) => [s.container.id, s]));
  const planned = new Map<string, { vehicleId: string; arrivalS: number }>();
  for (const r of result.routes) for (const s of r.stops) if (s.kind === 'job' && s.containerId) planned.set(s.containerId, { vehicleId: r.vehicleId, arrivalS: s.arrivalS });
  const optimizerReason = new Map(result.unassigned.map((u) => [u.containerId, u.reason]));
  return decisions.map((d): PlanDecision => {
    const p = planned.get(d.containerId);
    if (p) return { ...d, outcome: 'planned', vehicleId: p.vehicleId, arrivalS: p.arrivalS };
    const s = bySelection.get(d.containerId);
    const outcome: DecisionOutcome = d.kind === 'emergency' ? 'emergency' : s ? 'unassigned' : 'skipped';
    return { ...d, outcome, ...(s ? { unassigned: unassignedReason(s, facts, optimizerReason.get(d.containerId)) } : {}) };
  });
}
