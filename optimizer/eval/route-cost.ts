/**
 * Cost of a complete route (start … end) summarised by a segment: the objective part (fixed,
 * distance, time) and the penalised violations (load, time warp, duration, distance).
 */
import type { Instance } from '../model/instance.ts';
import type { Penalties } from './penalties.ts';
import type { Segment } from './segment.ts';

/** Objective cost of a used route for vehicle v (no penalties). */
export function objectiveCost(inst: Instance, v: number, seg: Segment): number {
  return inst.fixedCost[v] + inst.costPerM[v] * seg.dist + inst.costPerS[v] * seg.dur;
}

/** Capacity excess summed over dimensions and, with unloads, over trips. */
export function loadExcess(inst: Instance, v: number, seg: Segment): number {
  const dims = inst.dims;
  let excess = 0;
  for (let k = 0; k < dims; k++) {
    const over = seg.load[k] - inst.capacity[v * dims + k];
    if (over > 0) excess += over;
  }
  if (seg.hasUnload) {
    excess += seg.innerExcess;
    for (let k = 0; k < dims; k++) {
      const over = seg.tailLoad[k] - inst.capacity[v * dims + k];
      if (over > 0) excess += over;
    }
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
