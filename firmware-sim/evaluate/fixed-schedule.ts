/**
 * Fixed collection schedules sized the way municipalities size them today, from the containers'
 * average fill rates (what a year of experience tells) and nothing else:
 * - `fixed`: one weekly frequency per fraction for the whole city, on fixed weekdays: the lowest
 *   frequency at which at most 1 % of collections find a container overflowing;
 * - `fixed-tuned`: each container its own lowest frequency at which it does not overflow.
 * The frequency is judged on a sizing run of the simulator's own fill model (its own random stream,
 * never the evaluation's), collecting on the schedule's weekdays at mid-shift. Weekdays of each
 * fraction (or container) are rotated so that the week's work is spread over the days.
 */
import { FillModel } from '../model/fill-model.ts';
import { LocalClock, WeeklyProfile } from '../model/profiles.ts';
import { StreamBank } from '../random/prng.ts';
import type { Fraction, Scenario } from '../scenario/types.ts';

/** Collection weekdays (ISO, Monday = 1) per weekly frequency, each with its rotations. */
export const WEEKLY_PATTERNS: Readonly<Record<number, readonly (readonly number[])[]>> = {
  1: [[1], [2], [3], [4], [5]],
  2: [[1, 4], [2, 5]],
  3: [[1, 3, 5]],
  4: [[1, 2, 4, 5]],
  5: [[1, 2, 3, 4, 5]],
};
export const MAX_FREQUENCY = 5;
/** A schedule is sized so that at most this share of its collections find the container overflowing. */
export const OVERFLOW_SHARE_LIMIT = 0.01;
const SIZING_WEEKS = 12;
const DAY_MS = 86_400_000;

export interface FixedSchedule {
  /** Collection weekdays per container id. */
  readonly weekdays: ReadonlyMap<string, readonly number[]>;
  /** Weekly frequency per fraction (`fixed`) or per container (`fixed-tuned`). */
  readonly frequency: Readonly<Record<string, number>>;
}

/** Share of collections that find each container overflowing, per weekly frequency (sizing run). */
export function overflowShares(scenario: Scenario, seed: number | string, startMs: number): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  const clock = new LocalClock(scenario.tenant.timeZone);
  for (let k = 1; k <= MAX_FREQUENCY; k++) {
    const days = WEEKLY_PATTERNS[k]![0]!;
    const n = scenario.containers.length;
    const model = new FillModel(scenario.containers.map((c) => c.dailyFillRate), new Float64Array(n), startMs, new WeeklyProfile(), clock,
      new StreamBank(`${seed}:sizing:${k}`, n, 'fill'));
    const over = new Float64Array(n);
    let collections = 0;
    for (let d = 0; d < SIZING_WEEKS * 7; d++) {
      // startMs is a local Monday 00:00; collect at 11:00.
      const weekday = (d % 7) + 1;
      if (!days.includes(weekday)) continue;
      const t = startMs + d * DAY_MS + 11 * 3_600_000;
      collections++;
      for (let i = 0; i < n; i++) {
        // The first week only fills the containers up to their routine.
        if (model.advance(i, t) > 1 && d >= 7) over[i]++;
        model.empty(i, t);
      }
    }
    const counted = collections - days.length;
    out.set(k, over.map((x) => x / counted));
  }
  return out;
}

export function sizeFixedSchedule(scenario: Scenario, shares: Map<number, Float64Array>, perContainer: boolean): FixedSchedule {
  const frequency: Record<string, number> = {};
  const kOf = new Map<string, number>();
  const fractions = [...new Set(scenario.containers.map((c) => c.fraction))];
  if (perContainer) {
    scenario.containers.forEach((c, i) => {
      const k = lowestFrequency((f) => shares.get(f)![i]!);
      kOf.set(c.id, k);
      frequency[c.id] = k;
    });
  } else {
    for (const f of fractions) {
      const idx = scenario.containers.flatMap((c, i) => (c.fraction === f ? [i] : []));
      const k = lowestFrequency((freq) => idx.reduce((a, i) => a + shares.get(freq)![i]!, 0) / idx.length);
      frequency[f] = k;
      for (const i of idx) kOf.set(scenario.containers[i]!.id, k);
    }
  }
  return { weekdays: rotate(scenario, kOf, perContainer ? null : fractions), frequency };
}

function lowestFrequency(share: (k: number) => number): number {
  for (let k = 1; k <= MAX_FREQUENCY; k++) if (share(k) <= OVERFLOW_SHARE_LIMIT) return k;
  return MAX_FREQUENCY;
}

/**
 * Spread the work: each group (a fraction, or one container) takes the rotation of its pattern that
 * keeps the busiest weekday's expected volume lowest, largest groups first.
 */
function rotate(scenario: Scenario, kOf: ReadonlyMap<string, number>, fractions: readonly Fraction[] | null): Map<string, readonly number[]> {
  const load = new Float64Array(8);
  const groups = fractions
    ? fractions.map((f) => scenario.containers.filter((c) => c.fraction === f))
    : scenario.containers.map((c) => [c]);
  const volume = (g: typeof groups[number]) => g.reduce((a, c) => a + c.volumeM3 * c.dailyFillRate * 7, 0);
  groups.sort((a, b) => volume(b) - volume(a) || a[0]!.id.localeCompare(b[0]!.id));
  const out = new Map<string, readonly number[]>();
  for (const g of groups) {
    const k = kOf.get(g[0]!.id)!;
    const perVisit = volume(g) / k;
    let best = WEEKLY_PATTERNS[k]![0]!;
    let bestPeak = Infinity;
    for (const days of WEEKLY_PATTERNS[k]!) {
      const peak = Math.max(...days.map((d) => load[d]! + perVisit));
      if (peak < bestPeak) [best, bestPeak] = [days, peak];
    }
    for (const d of best) load[d] += perVisit;
    for (const c of g) out.set(c.id, best);
  }
  return out;
}
