/**
 * Concatenation segments (Vidal et al. 2013, as in HGS and PyVRP): summary data of a sequence of
 * visits from which the duration, time warp, distance and load of any concatenation of sequences
 * follow in O(1). A segment's time data is (duration, timeWarp, earliest, latest start).
 *
 * Breaks happen where the vehicle is, after the previous stop and before driving on. A segment
 * that starts with breaks therefore keeps them apart ("head"): their location is only known once
 * a predecessor is concatenated, and the drive to the first real stop comes after them.
 */
import { KIND_BREAK, KIND_JOB, KIND_START, KIND_UNLOAD, type Instance } from '../model/instance.ts';

export class Segment {
  /** True when the segment holds only breaks (no located stop). */
  empty = true;
  firstLoc = -1;
  lastLoc = -1;
  dist = 0;
  dur = 0;
  warp = 0;
  early = -Infinity;
  late = Infinity;
  /** Leading breaks, to be taken before the drive into `firstLoc`. */
  hasHead = false;
  headDur = 0;
  headWarp = 0;
  headEarly = -Infinity;
  headLate = Infinity;
  /**
   * Collected load per dimension: of the whole segment, or with unloads (multi-trip, waste
   * collection) of the first trip only, up to the first unload.
   */
  readonly load: Float64Array;
  /** Whether the segment holds an unload visit (the load resets there). */
  hasUnload = false;
  /** Load after the last unload (with unloads only). */
  readonly tailLoad: Float64Array;
  /** Summed capacity excess of the trips completed inside the segment (with unloads only). */
  innerExcess = 0;
  /** Collected per dimension over every trip (daily limits). */
  readonly total: Float64Array;
  /** Jobs, unload visits and breaks in the segment (stops and trips per day; 2-opt* tails). */
  jobs = 0;
  unloads = 0;
  breaks = 0;
  /**
   * Fractions (bit masks) of the first trip (whole segment without unloads) and of the trip
   * after the last unload, the fractions the first unload's facility accepts, and the number of
   * trips completed inside the segment that mix fractions or go to a facility refusing one.
   */
  headMask = 0;
  tailMask = 0;
  firstAccept = -1;
  innerBad = 0;
  constructor(dims: number) {
    this.load = new Float64Array(dims);
    this.tailLoad = new Float64Array(dims);
    this.total = new Float64Array(dims);
  }
}

/**
 * Whether a trip carrying the fractions in `mask` breaks a fraction rule: a fraction the facility
 * where it is unloaded does not accept (`accept`, -1 for a trip that reaches none), or several
 * fractions on a truck without compartments (`single`).
 */
export function tripBreaksFractionRule(mask: number, accept: number, single: boolean): boolean {
  return (mask & ~accept) !== 0 || (single && (mask & (mask - 1)) !== 0);
}

// Scratch values of the last merge (avoids allocating a tuple per call).
let mD = 0;
let mW = 0;
let mE = 0;
let mL = 0;

function merge(aD: number, aW: number, aE: number, aL: number, bD: number, bW: number, bE: number, bL: number, t: number): void {
  const delta = aD - aW + t;
  const wait = Math.max(bE - delta - aL, 0);
  const warp = Math.max(aE + delta - bL, 0);
  mD = aD + bD + t + wait;
  mW = aW + bW + warp;
  mE = Math.max(bE - delta, aE) - wait;
  mL = Math.min(bL - delta, aL) + warp;
}

export class SegmentOps {
  readonly dims: number;
  private readonly dur: Float64Array;
  private readonly dist: Float64Array;
  private readonly size: number;
  private readonly capacity: Float64Array;
  private vehicle = 0;
  private readonly single1: Uint8Array;
  private readonly totals: boolean;

  constructor(private readonly inst: Instance) {
    this.capacity = inst.capacity;
    this.dims = inst.dims;
    this.dur = inst.dur;
    this.dist = inst.dist;
    this.size = inst.size;
    this.single1 = inst.singleFraction;
    this.totals = inst.hasDailyLimits;
  }

  /** `tripBreaksFractionRule` for the current vehicle. */
  tripBad(mask: number, accept: number): boolean {
    return tripBreaksFractionRule(mask, accept, this.single1[this.vehicle] === 1);
  }

  /** Sets `out` to the single visit `node`. */
  single(node: number, out: Segment): void {
    const inst = this.inst;
    const l = inst.loc[node];
    const dims = this.dims;
    for (let k = 0; k < dims; k++) out.load[k] = inst.demand[node * dims + k];
    // A vehicle's initial load (its start node's demand) is not collected today.
    if (inst.kind[node] === KIND_START) out.total.fill(0);
    else out.total.set(out.load);
    out.hasUnload = inst.kind[node] === KIND_UNLOAD;
    out.tailLoad.fill(0);
    out.innerExcess = 0;
    out.jobs = inst.kind[node] === KIND_JOB ? 1 : 0;
    out.unloads = out.hasUnload ? 1 : 0;
    out.breaks = inst.kind[node] === KIND_BREAK ? 1 : 0;
    out.headMask = inst.fractionMask[node];
    out.tailMask = 0;
    out.firstAccept = inst.acceptMask[node];
    out.innerBad = 0;
    out.dist = 0;
    if (l < 0) {
      out.empty = true;
      out.firstLoc = -1;
      out.lastLoc = -1;
      out.dur = 0;
      out.warp = 0;
      out.early = -Infinity;
      out.late = Infinity;
      out.hasHead = true;
      out.headDur = inst.service[node];
      out.headWarp = 0;
      out.headEarly = inst.twEarly[node];
      out.headLate = inst.twLate[node];
    } else {
      out.empty = false;
      out.firstLoc = l;
      out.lastLoc = l;
      out.dur = inst.service[node];
      out.warp = 0;
      out.early = inst.twEarly[node];
      out.late = inst.twLate[node];
      out.hasHead = false;
      out.headDur = 0;
      out.headWarp = 0;
      out.headEarly = -Infinity;
      out.headLate = Infinity;
    }
  }

  copy(src: Segment, out: Segment): void {
    if (src === out) return;
    out.empty = src.empty;
    out.firstLoc = src.firstLoc;
    out.lastLoc = src.lastLoc;
    out.dist = src.dist;
    out.dur = src.dur;
    out.warp = src.warp;
    out.early = src.early;
    out.late = src.late;
    out.hasHead = src.hasHead;
    out.headDur = src.headDur;
    out.headWarp = src.headWarp;
    out.headEarly = src.headEarly;
    out.headLate = src.headLate;
    out.load.set(src.load);
    out.hasUnload = src.hasUnload;
    out.tailLoad.set(src.tailLoad);
    out.innerExcess = src.innerExcess;
    out.total.set(src.total);
    out.jobs = src.jobs;
    out.unloads = src.unloads;
    out.breaks = src.breaks;
    out.headMask = src.headMask;
    out.tailMask = src.tailMask;
    out.firstAccept = src.firstAccept;
    out.innerBad = src.innerBad;
  }

  /** out = a ⊕ b. `out` may be the same object as `a` (not `b`). */
  concat(a: Segment, b: Segment, out: Segment): void {
    const dims = this.dims;
    if (a.hasUnload || b.hasUnload) this.concatTrips(a, b, out);
    else {
      // `out` may be reused from a sequence that had unloads: clear its trip data.
      out.hasUnload = false;
      out.innerExcess = 0;
      out.innerBad = 0;
      out.headMask = a.headMask | b.headMask;
      if (dims === 1) out.load[0] = a.load[0] + b.load[0];
      else for (let k = 0; k < dims; k++) out.load[k] = a.load[k] + b.load[k];
    }
    // Daily totals only matter (and only cost time) when a vehicle has a daily load limit.
    if (this.totals) {
      if (dims === 1) out.total[0] = a.total[0] + b.total[0];
      else for (let k = 0; k < dims; k++) out.total[k] = a.total[k] + b.total[k];
    }
    out.jobs = a.jobs + b.jobs;
    out.unloads = a.unloads + b.unloads;
    out.breaks = a.breaks + b.breaks;
    if (!b.hasHead && !a.empty && !b.empty) {
      // Common case: two located sequences, no pending breaks.
      const from = a.lastLoc;
      const to = b.firstLoc;
      const idx = from * this.size + to;
      const t = this.dur[idx];
      const aD = a.dur;
      const aW = a.warp;
      const aE = a.early;
      const aL = a.late;
      const delta = aD - aW + t;
      const wait = Math.max(b.early - delta - aL, 0);
      const warp = Math.max(aE + delta - b.late, 0);
      out.dist = a.dist + b.dist + this.dist[idx];
      out.dur = aD + b.dur + t + wait;
      out.warp = aW + b.warp + warp;
      out.early = Math.max(b.early - delta, aE) - wait;
      out.late = Math.min(b.late - delta, aL) + warp;
      out.lastLoc = b.lastLoc;
      if (out !== a) {
        out.firstLoc = a.firstLoc;
        out.empty = false;
        this.copyHead(a, out);
      }
      return;
    }
    if (b.empty) {
      // b holds breaks only: taken right after a, where a ends.
      if (a.empty) {
        this.copyHead(a, out);
        if (b.hasHead) {
          if (out.hasHead) {
            merge(out.headDur, out.headWarp, out.headEarly, out.headLate, b.headDur, b.headWarp, b.headEarly, b.headLate, 0);
            out.headDur = mD; out.headWarp = mW; out.headEarly = mE; out.headLate = mL;
          } else {
            out.hasHead = true;
            out.headDur = b.headDur; out.headWarp = b.headWarp; out.headEarly = b.headEarly; out.headLate = b.headLate;
          }
        }
        out.empty = true;
        out.firstLoc = -1;
        out.lastLoc = -1;
        out.dist = 0;
        out.dur = 0; out.warp = 0; out.early = -Infinity; out.late = Infinity;
        return;
      }
      this.copyCore(a, out);
      this.copyHead(a, out);
      if (b.hasHead) {
        merge(out.dur, out.warp, out.early, out.late, b.headDur, b.headWarp, b.headEarly, b.headLate, 0);
        out.dur = mD; out.warp = mW; out.early = mE; out.late = mL;
      }
      return;
    }
    if (a.empty) {
      // a holds breaks only: they stay at the head, before b's breaks.
      const aHas = a.hasHead;
      const aD = a.headDur, aW = a.headWarp, aE = a.headEarly, aL = a.headLate;
      this.copyCore(b, out);
      this.copyHead(b, out);
      if (aHas) {
        if (out.hasHead) {
          merge(aD, aW, aE, aL, out.headDur, out.headWarp, out.headEarly, out.headLate, 0);
          out.headDur = mD; out.headWarp = mW; out.headEarly = mE; out.headLate = mL;
        } else {
          out.hasHead = true;
          out.headDur = aD; out.headWarp = aW; out.headEarly = aE; out.headLate = aL;
        }
      }
      return;
    }
    const size = this.size;
    const from = a.lastLoc;
    const to = b.firstLoc;
    const t = this.dur[from * size + to];
    let aD = a.dur, aW = a.warp, aE = a.early, aL = a.late;
    if (b.hasHead) {
      merge(aD, aW, aE, aL, b.headDur, b.headWarp, b.headEarly, b.headLate, 0);
      aD = mD; aW = mW; aE = mE; aL = mL;
    }
    merge(aD, aW, aE, aL, b.dur, b.warp, b.early, b.late, t);
    out.dist = a.dist + b.dist + this.dist[from * size + to];
    out.firstLoc = a.firstLoc;
    out.lastLoc = b.lastLoc;
    out.empty = false;
    out.dur = mD; out.warp = mW; out.early = mE; out.late = mL;
    if (out !== a) this.copyHead(a, out);
  }

  /**
   * Loads of a ⊕ b when either holds an unload: the trip that spans the junction is completed
   * when both sides unload, and its excess is measured against the current vehicle's capacity
   * (`useVehicle`). `out` may be `a`.
   */
  private concatTrips(a: Segment, b: Segment, out: Segment): void {
    const dims = this.dims;
    if (!a.hasUnload) {
      for (let k = 0; k < dims; k++) {
        out.load[k] = a.load[k] + b.load[k];
        out.tailLoad[k] = b.tailLoad[k];
      }
      out.innerExcess = b.innerExcess;
      out.innerBad = b.innerBad;
      out.headMask = a.headMask | b.headMask;
      out.tailMask = b.tailMask;
      out.firstAccept = b.firstAccept;
    } else if (!b.hasUnload) {
      for (let k = 0; k < dims; k++) {
        out.load[k] = a.load[k];
        out.tailLoad[k] = a.tailLoad[k] + b.load[k];
      }
      out.innerExcess = a.innerExcess;
      out.innerBad = a.innerBad;
      out.headMask = a.headMask;
      out.tailMask = a.tailMask | b.headMask;
      out.firstAccept = a.firstAccept;
    } else {
      let excess = a.innerExcess + b.innerExcess;
      const cap = this.capacity;
      const base = this.vehicle * dims;
      for (let k = 0; k < dims; k++) {
        const over = a.tailLoad[k] + b.load[k] - cap[base + k];
        if (over > 0) excess += over;
        out.load[k] = a.load[k];
        out.tailLoad[k] = b.tailLoad[k];
      }
      out.innerExcess = excess;
      // The trip across the junction is unloaded at b's first unload.
      out.innerBad = a.innerBad + b.innerBad + (this.tripBad(a.tailMask | b.headMask, b.firstAccept) ? 1 : 0);
      out.headMask = a.headMask;
      out.tailMask = b.tailMask;
      out.firstAccept = a.firstAccept;
    }
    out.hasUnload = true;
  }

  /** Sets the vehicle whose capacity measures trips completed by later concatenations. */
  useVehicle(v: number): void {
    this.vehicle = v;
  }

  private copyCore(src: Segment, out: Segment): void {
    out.empty = src.empty;
    out.firstLoc = src.firstLoc;
    out.lastLoc = src.lastLoc;
    out.dist = src.dist;
    out.dur = src.dur;
    out.warp = src.warp;
    out.early = src.early;
    out.late = src.late;
  }

  private copyHead(src: Segment, out: Segment): void {
    out.hasHead = src.hasHead;
    out.headDur = src.headDur;
    out.headWarp = src.headWarp;
    out.headEarly = src.headEarly;
    out.headLate = src.headLate;
  }
}
