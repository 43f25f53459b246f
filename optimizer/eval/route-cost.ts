/**
 * Cost of a complete route (start … end) summarised by a segment: the objective part (fixed,
 * distance, time) and the penalised violations (load, time warp, duration, distance).
 */
import type { Instance } from '../model/instance.ts';
import type { Penalties } from './penalties.ts';
import { tripBreaksFractionRule, type Segment } from './segment.ts';

/** Objective cost of a used route for vehicle v (no penalties). */
export function objectiveCost(inst: Instance, v: number, seg: Segment): number {
  return inst.fixedCost[v] + inst.costPerM[v] * seg.dist + inst.costPerS[v] * seg.dur;
}

/**
 * Load-kind violations of a complete route, in load units: capacity excess per trip (summed over
 * dimensions), and with the waste extensions the load carried back to the depot, trips that break
 * a fraction rule (a truckload each), daily totals above their limit, and stops or trips above
 * their limit (an average job's demand or a truckload each).
 */
export function loadExcess(inst: Instance, v: number, seg: Segment): number {
  const dims = inst.dims;
  const base = v * dims;
  let excess = 0;
  for (let k = 0; k < dims; k++) {
    const over = seg.load[k] - inst.capacity[base + k];
    if (over > 0) excess += over;
  }
  if (seg.hasUnload) {
    excess += seg.innerExcess;
    for (let k = 0; k < dims; k++) {
      const over = seg.tailLoad[k] - inst.capacity[base + k];
      if (over > 0) excess += over;
    }
  }
  if (inst.disposal) {
    // Every trip ends at a facility: whatever is on board at the depot is a violation.
    const back = seg.hasUnload ? seg.tailLoad : seg.load;
    for (let k = 0; k < dims; k++) excess += back[k];
  }
  if (inst.hasFractions) {
    const single = inst.singleFraction[v] === 1;
    // The first trip ends at the first unload; without unloads the whole route is one trip.
    let count = tripBreaksFractionRule(seg.headMask, seg.hasUnload ? seg.firstAccept : -1, single) ? 1 : 0;
    if (seg.hasUnload) {
      // The trip after the last unload reaches no facility (carried home, itself a violation).
      count += seg.innerBad + (tripBreaksFractionRule(seg.tailMask, -1, single) ? 1 : 0);
    }
    excess += count * inst.tripUnit[v];
  }
  if (inst.hasDailyLimits) {
    for (let k = 0; k < dims; k++) {
      const over = seg.total[k] - inst.maxDailyLoad[base + k];
      if (over > 0) excess += over;
    }
    if (seg.jobs > inst.maxStops[v]) excess += (seg.jobs - inst.maxStops[v]) * inst.demandUnit;
    if (seg.unloads > inst.maxTrips[v]) excess += (seg.unloads - inst.maxTrips[v]) * inst.tripUnit[v];
  }
  return excess;
}

export function timeExcess(inst: Instance, v: number, seg: Segment): number {
  const over = seg.dur - inst.maxDuration[v];
  return seg.warp + (over > 0 ? over : 0);
}

export function distExcess(inst: Instance, v: number, seg: Segment): number {
  const over = seg.dist - inst.maxDistance[v];
  return over > 0 ? over : 0;
}

/** Penalised cost of a used route: objective plus weighted violations. */
export function penalisedCost(inst: Instance, v: number, seg: Segment, pen: Penalties): number {
  return objectiveCost(inst, v, seg)
    + pen.load * loadExcess(inst, v, seg)
    + pen.time * timeExcess(inst, v, seg)
    + pen.dist * distExcess(inst, v, seg);
}
