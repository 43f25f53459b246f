/**
 * Every container of a plan day gets a decision: must, optional (with its prize), skip, or an
 * emergency dispatch; each with a reason code and its parameters, rendered into the tenant's
 * language only at the edge (`explanations.ts`). After the solve the decision carries what became
 * of it: on a route, or unassigned with a reason a dispatcher can act on.
 */
import type { Fraction } from '../registry/fractions.ts';

export type VisitKind = 'must' | 'optional' | 'skip' | 'emergency';

/** Parameters of a reason: fills in whole percent, dates YYYY-MM-DD, instants ISO 8601 (…At). */
export type ReasonParams = Readonly<Record<string, string | number | null>>;

export interface Reason {
  readonly code: string;
  readonly params: ReasonParams;
}

export interface VisitDecision extends Reason {
  readonly containerId: string;
  readonly fraction: Fraction;
  readonly kind: VisitKind;
  /** Estimated fill now (0..1), null when nothing is known. */
  readonly fillNow: number | null;
  /** Fill expected when the truck comes today (0..1), when known. */
  readonly expectedFill: number | null;
  readonly prize?: number;
}

/** What became of a decision in the plan. */
export type DecisionOutcome = 'planned' | 'unassigned' | 'skipped' | 'emergency';

export interface PlanDecision extends VisitDecision {
  readonly outcome: DecisionOutcome;
  readonly vehicleId?: string;
  /** Planned arrival, seconds since local midnight of the plan day. */
  readonly arrivalS?: number;
  /** Why a must or optional container is not on a route. */
  readonly unassigned?: Reason;
}

/** Fill 0..1 as whole percent for a reason's parameters. */
export const pct = (fill: number | null | undefined): number | null => (fill === null || fill === undefined || Number.isNaN(fill) ? null : Math.round(fill * 100));
