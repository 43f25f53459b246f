/**
 * Faults the ingester and the forecaster must cope with, assigned per sensor from configured rates
 * (share of sensors) and a start time inside the run:
 * - dead: stops sending; stuck: repeats one distance; tilt: tilt flag and a wall echo;
 * - fire: a few hours of high temperature with the fire flag; clockSkew: timestamps off by minutes
 *   to hours (some in the future); duplicates: a share of messages sent twice;
 * - lowBattery: starts nearly empty, so it raises battery alerts and then dies.
 */
import { InputError } from '../../platform/errors.ts';
import type { Prng } from '../random/prng.ts';

export const FAULT_KINDS = ['dead', 'stuck', 'tilt', 'fire', 'clockSkew', 'duplicates', 'lowBattery'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultRates = Record<FaultKind, number>;

export const FAULT_BIT: Record<FaultKind, number> = { dead: 1, stuck: 2, tilt: 4, fire: 8, clockSkew: 16, duplicates: 32, lowBattery: 64 };

export const DEFAULT_FAULT_RATES: FaultRates = { dead: 0.01, stuck: 0.01, tilt: 0.005, fire: 0.002, clockSkew: 0.02, duplicates: 0.03, lowBattery: 0.01 };
export const NO_FAULTS: FaultRates = { dead: 0, stuck: 0, tilt: 0, fire: 0, clockSkew: 0, duplicates: 0, lowBattery: 0 };

export interface FaultPlan {
  bits: Uint8Array;
  /** When dead / stuck / tilt / fire begins (UTC ms). */
  startMs: Float64Array;
  /** Clock skew added to reported timestamps (ms, may be negative). */
  skewMs: Float64Array;
}

/** Assign faults to `count` sensors. `windowMs`: faults begin uniformly within [startMs, startMs + windowMs]. */
export function planFaults(count: number, rates: FaultRates, startMs: number, windowMs: number, rng: Prng): FaultPlan {
  const bits = new Uint8Array(count);
  const start = new Float64Array(count);
  const skew = new Float64Array(count);
  // dead, stuck and tilt exclude each other: a sensor is broken in one way.
  const exclusive = rates.dead + rates.stuck + rates.tilt;
  for (let i = 0; i < count; i++) {
    const u = rng.next();
    if (u < exclusive) bits[i] |= u < rates.dead ? FAULT_BIT.dead : u < rates.dead + rates.stuck ? FAULT_BIT.stuck : FAULT_BIT.tilt;
    if (rng.chance(rates.fire)) bits[i] |= FAULT_BIT.fire;
    if (rng.chance(rates.clockSkew)) {
      bits[i] |= FAULT_BIT.clockSkew;
      // Mostly minutes late or early; one in four far enough ahead to be "in the future".
      skew[i] = rng.chance(0.25) ? rng.uniform(10, 180) * 60_000 : rng.uniform(-90, 4) * 60_000;
    }
    if (rng.chance(rates.duplicates)) bits[i] |= FAULT_BIT.duplicates;
    if (rng.chance(rates.lowBattery)) bits[i] |= FAULT_BIT.lowBattery;
    start[i] = startMs + rng.next() * windowMs;
  }
  return { bits, startMs: start, skewMs: skew };
}

/** Parse `none`, `default` or `dead=0.05,fire=0.01` (unnamed kinds keep their default). */
export function parseFaultRates(text: string | undefined): FaultRates {
  if (text === undefined || text === 'default') return { ...DEFAULT_FAULT_RATES };
  if (text === 'none') return { ...NO_FAULTS };
  const out = { ...DEFAULT_FAULT_RATES };
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v] = part.split('=');
    const value = Number(v);
    if (!(FAULT_KINDS as readonly string[]).includes(k) || !(value >= 0 && value <= 1)) {
      throw new InputError(`Invalid fault rate "${part}"`, [{ name: 'faults', reason: `expected kind=share (0..1), kind one of ${FAULT_KINDS.join(', ')}` }]);
    }
    out[k as FaultKind] = value;
  }
  return out;
}
