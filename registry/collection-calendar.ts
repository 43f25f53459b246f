/**
 * The tenant's collection calendar: on which days each fraction can be collected. The planner and
 * the forecast use it for "the next opportunity" of a container. Pure; dates are calendar dates
 * (YYYY-MM-DD) in the tenant's time zone, weekdays ISO (1 = Monday … 7 = Sunday).
 */
import type { Fraction } from './fractions.ts';

export interface CalendarException {
  readonly date: string;
  /** false: no collection that day (a public holiday); true: an extra collection day. */
  readonly collect: boolean;
  /** The fractions it applies to; absent: every fraction. */
  readonly fractions?: readonly Fraction[];
  readonly name?: string;
}

export interface CollectionCalendar {
  /** Collection weekdays per fraction; a fraction without an entry is collected Monday–Friday. */
  readonly weekdays: Partial<Record<Fraction, readonly number[]>>;
  readonly exceptions: readonly CalendarException[];
}

export const DEFAULT_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];

/** ISO weekday of a calendar date (1 = Monday). */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isCollectionDay(calendar: CollectionCalendar, fraction: Fraction, date: string): boolean {
  for (const e of calendar.exceptions) {
    if (e.date === date && (!e.fractions || e.fractions.includes(fraction))) return e.collect;
  }
  return (calendar.weekdays[fraction] ?? DEFAULT_WEEKDAYS).includes(isoWeekday(date));
}

/** The first collection day of a fraction strictly after `date`, or null when none within `horizonDays`. */
export function nextCollectionDay(calendar: CollectionCalendar, fraction: Fraction, date: string, horizonDays = 60): string | null {
  for (let i = 1; i <= horizonDays; i++) {
    const d = addDays(date, i);
    if (isCollectionDay(calendar, fraction, d)) return d;
  }
  return null;
}
