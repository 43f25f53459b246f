/** The figures of one policy over the run, as the JSON output names them. */
import type { DayMetrics } from './closed-loop.ts';

export interface PolicySummary {
  readonly km: number;
  readonly truck_hours: number;
  readonly collections: number;
  readonly overflow_container_hours: number;
  /** Mean true fill found at emptying (0..1, above 1 overflowing). */
  readonly avg_fill_at_emptying: number;
  readonly share_below_25pct: number;
  /** Most trucks out on one day (the fleet the policy needs). */
  readonly trucks: number;
  readonly avg_trucks_per_day: number;
  readonly unassigned_required: number;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarize(days: readonly DayMetrics[]): PolicySummary {
  const fills = days.flatMap((d) => d.fillsAtEmptying);
  const sum = (f: (d: DayMetrics) => number) => days.reduce((a, d) => a + f(d), 0);
  const working = days.filter((d) => d.trucks > 0);
  return {
    km: round(sum((d) => d.km), 1),
    truck_hours: round(sum((d) => d.truckHours), 1),
    collections: sum((d) => d.collections),
    overflow_container_hours: sum((d) => d.overflowContainerHours),
    avg_fill_at_emptying: fills.length ? round(fills.reduce((a, b) => a + b, 0) / fills.length) : 0,
    share_below_25pct: fills.length ? round(fills.filter((f) => f < 0.25).length / fills.length) : 0,
    trucks: Math.max(0, ...days.map((d) => d.trucks)),
    avg_trucks_per_day: working.length ? round(working.reduce((a, d) => a + d.trucks, 0) / working.length, 2) : 0,
    unassigned_required: sum((d) => d.unassignedRequired),
  };
}
