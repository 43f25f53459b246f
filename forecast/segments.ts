/**
 * Readings → segments between emptyings. A container fills between two collections, so every
 * estimate is made inside a segment and never across an emptying. Boundaries come from emptying
 * events (ingest's detections, drivers' "emptied"), from collection rows (the fill found at an
 * emptying), and from sharp drops in the readings that the next two readings confirm (a false
 * echo is one low reading, an emptying stays low).
 */
import { median } from './robust.ts';
import type { EmptyingEvent, FillObservation } from './types.ts';

/** Reading flags that make the distance meaningless: tilt, lid open, false echo (ingest bitmask). */
export const INVALID_FLAGS = 2 | 4 | 8;
/** Readings this far past "now" come from a skewed clock and are not used. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** An emptying is a drop of at least this much to at most EMPTY_AFTER (as ingest's detection). */
const DROP = 0.3;
const EMPTY_AFTER = 0.3;
/** A drop that is the very last reading is believed only when it is this close to empty. */
const UNCONFIRMED_EMPTY = 0.12;
/** An event this close to a collection row or detected drop is the same emptying. */
const SAME_EMPTYING_MS = 3 * 3_600_000;
/** Fill assumed right after an emptying when nothing says otherwise (a little residue). */
export const FILL_AFTER_EMPTYING = 0.02;

export interface Segment {
  readonly startMs: number;
  /** Fill at startMs when an emptying opened the segment; null when the series starts inside it. */
  readonly startFill: number | null;
  /** Usable readings inside the segment (collection rows excluded), time-ordered. */
  readonly points: FillObservation[];
  /** The fill found when the segment was closed by a collection (row or event with fillBefore). */
  end: { timeMs: number; fill: number; capped: boolean } | null;
}

export interface PreparedSeries {
  /** Every observation, time-ordered, without duplicates and future timestamps (for health checks). */
  readonly all: readonly FillObservation[];
  readonly segments: readonly Segment[];
  /** The series has only collection rows: no sensor reports (some systems export only these). */
  readonly collectionOnly: boolean;
}

export function prepareSeries(observations: readonly FillObservation[], emptyings: readonly EmptyingEvent[], nowMs: number): PreparedSeries {
  const all = dedupe(observations.filter((o) => Number.isFinite(o.fill) && Number.isFinite(o.timeMs) && o.timeMs <= nowMs + FUTURE_TOLERANCE_MS));
  const valid = all.filter((o) => o.collected || !((o.flags ?? 0) & INVALID_FLAGS));
  const rowTimes = valid.filter((o) => o.collected).map((o) => o.timeMs);
  // The driver's "emptied" and ingest's detected drop of one collection are one emptying.
  const events: EmptyingEvent[] = [];
  for (const e of [...emptyings].sort((a, b) => a.timeMs - b.timeMs)) {
    if (e.timeMs > nowMs || rowTimes.some((t) => Math.abs(t - e.timeMs) < SAME_EMPTYING_MS)) continue;
    const last = events[events.length - 1];
    if (last && e.timeMs - last.timeMs < SAME_EMPTYING_MS) continue;
    events.push(e);
  }

  const segments: Segment[] = [];
  let current: Segment = { startMs: valid[0]?.timeMs ?? nowMs, startFill: null, points: [], end: null };
  segments.push(current);
  const open = (startMs: number, startFill: number | null) => {
    current = { startMs, startFill, points: [], end: null };
    segments.push(current);
  };
  let e = 0;
  for (let i = 0; i < valid.length; i++) {
    const o = valid[i];
    while (e < events.length && events[e].timeMs <= o.timeMs) {
      const ev = events[e++];
      if (ev.fillBefore !== null && ev.fillBefore !== undefined && !current.end) current.end = { timeMs: ev.timeMs, fill: ev.fillBefore, capped: false };
      open(ev.timeMs, FILL_AFTER_EMPTYING);
    }
    if (o.collected) {
      current.end = { timeMs: o.timeMs, fill: o.fill, capped: o.capped === true };
      open(o.timeMs, FILL_AFTER_EMPTYING);
      continue;
    }
    const recentEvent = segments.length > 1 && o.timeMs - current.startMs < SAME_EMPTYING_MS && current.startFill !== null;
    if (!recentEvent && isDrop(current.points, o, valid.slice(i + 1, i + 3))) open(o.timeMs, null);
    current.points.push(o);
  }
  while (e < events.length) {
    const ev = events[e++];
    if (ev.fillBefore !== null && ev.fillBefore !== undefined && !current.end) current.end = { timeMs: ev.timeMs, fill: ev.fillBefore, capped: false };
    open(ev.timeMs, FILL_AFTER_EMPTYING);
  }
  const sensorRows = valid.filter((o) => !o.collected).length;
  return { all, segments: segments.filter((s, k) => k === segments.length - 1 || s.points.length > 0 || s.end), collectionOnly: sensorRows === 0 && rowTimes.length > 0 };
}

/** A sharp drop from the recent level, confirmed by the next two readings (or nearly empty when it is the last). */
function isDrop(before: readonly FillObservation[], o: FillObservation, next: readonly FillObservation[]): boolean {
  const n = before.length;
  // The median of the last five: a spike or two before the drop (or a first reading that is one) do not fake a level.
  if (n < 3) return false;
  const level = median(before.slice(-5).map((p) => p.fill));
  if (!(level - o.fill >= DROP && o.fill <= EMPTY_AFTER)) return false;
  const following = next.filter((p) => !p.collected);
  if (following.length === 0) return o.fill <= UNCONFIRMED_EMPTY;
  // Two false echoes in a row can look like an emptying; three low readings rarely do.
  return following.every((p) => level - p.fill >= DROP && p.fill <= EMPTY_AFTER + 0.1);
}

/** Time-sorted, one observation per timestamp (network duplicates carry the same time). */
function dedupe(observations: readonly FillObservation[]): FillObservation[] {
  const sorted = [...observations].sort((a, b) => a.timeMs - b.timeMs);
  const out: FillObservation[] = [];
  for (const o of sorted) {
    const last = out[out.length - 1];
    if (last && last.timeMs === o.timeMs && !o.collected && !last.collected) continue;
    out.push(o);
  }
  return out;
}

