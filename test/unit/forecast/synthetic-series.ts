/**
 * Hand-made fill series with a known rate for the forecast tests: hourly (or any interval) readings
 * from a container that fills linearly and is emptied every few days, with seeded noise and the
 * faults a test asks for.
 */
import { Prng } from '../../../firmware-sim/random/prng.ts';
import type { FillObservation } from '../../../forecast/types.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A Monday, 00:00 UTC. */
export const T0 = Date.UTC(2026, 2, 2);

export interface SeriesSpec {
  ratePerDay: number;
  days: number;
  /** Emptied every this many days (0: never). */
  emptyEveryDays?: number;
  intervalMs?: number;
  noise?: number;
  seed?: number;
  /** Share of readings replaced by a false echo (a random fill). */
  spikeShare?: number;
  /** Readings at or above 1 are reported as 1 with capped: true. */
  cap?: boolean;
  /** Fill at T0. */
  startFill?: number;
}

/** True fill at time t of the spec (without noise). */
export function trueFill(spec: SeriesSpec, t: number): number {
  const start = spec.startFill ?? 0.05;
  const every = spec.emptyEveryDays ?? 0;
  const days = (t - T0) / DAY;
  if (!every) return start + spec.ratePerDay * days;
  const since = days % every;
  return Math.floor(days / every) === 0 ? start + spec.ratePerDay * days : 0.02 + spec.ratePerDay * since;
}

export function series(spec: SeriesSpec): FillObservation[] {
  const rng = new Prng(spec.seed ?? 1, 'series');
  const step = spec.intervalMs ?? HOUR;
  const out: FillObservation[] = [];
  for (let t = T0; t < T0 + spec.days * DAY; t += step) {
    let fill = trueFill(spec, t) + rng.normal(0, spec.noise ?? 0.01);
    if (spec.spikeShare && rng.chance(spec.spikeShare)) fill = rng.uniform(0.2, 1.1);
    fill = Math.max(0, fill);
    if (spec.cap && fill >= 1) out.push({ timeMs: t, fill: 1, capped: true });
    else out.push({ timeMs: t, fill });
  }
  return out;
}
