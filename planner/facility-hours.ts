/**
 * When a disposal facility takes waste on the plan day, from its opening hours as stored with the
 * facility (`[{ days: [1..7, ISO weekday, 1 = Monday], open: 'HH:MM', close: 'HH:MM' }]`). Needed
 * since routes unload at facilities: an unload must not be planned when the gate is closed.
 */

export interface OpeningHours {
  readonly days: readonly number[];
  readonly open: string;
  readonly close: string;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date 'YYYY-MM-DD'. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const seconds = (hhmm: string): number => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) throw new Error(`opening time ${hhmm} is not HH:MM`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60;
};

/**
 * The unloading window of the day in seconds since local midnight: undefined when no hours are
 * recorded (always open), null when the facility is closed that day. The optimizer takes one
 * window per facility, so of several periods on one day (a lunch closure) the longest is used:
 * never an unload planned while the facility is closed, at the price of some open time unused.
 * A close of 00:00 or before the opening means open until midnight.
 */
export function openWindowOn(hours: readonly OpeningHours[], weekday: number): readonly [number, number] | null | undefined {
  if (hours.length === 0) return undefined;
  let best: [number, number] | null = null;
  for (const h of hours) {
    if (!h.days.includes(weekday)) continue;
    const open = seconds(h.open);
    let close = seconds(h.close);
    if (close <= open) close = 24 * 3600;
    if (!best || close - open > best[1] - best[0]) best = [open, close];
  }
  return best;
}
