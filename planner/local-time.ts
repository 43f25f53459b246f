/**
 * Calendar dates and local times of the tenant's time zone as instants (epoch ms), and the few
 * local renderings the explanations need. The planner's times of day are seconds since local
 * midnight; selection compares them with forecasts, which speak UTC.
 */
import type { Language } from '../platform/i18n.ts';
import { LocalClock } from '../platform/local-clock.ts';

const clocks = new Map<string, LocalClock>();
/** Offset of the time zone from UTC at an instant, ms (Europe/Amsterdam in summer: +2 h). */
function offsetMs(utcMs: number, timeZone: string): number {
  let clock = clocks.get(timeZone);
  if (!clock) clocks.set(timeZone, (clock = new LocalClock(timeZone)));
  return clock.offsetMs(utcMs);
}

/** The instant of `secondsOfDay` after local midnight on a calendar date (wall-clock time, DST honoured). */
export function localInstantMs(date: string, secondsOfDay: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + secondsOfDay * 1000;
  // Two rounds settle the offset also on the days the clocks change.
  let utc = wall - offsetMs(wall, timeZone);
  utc = wall - offsetMs(utc, timeZone);
  return utc;
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDateOf(utcMs: number, timeZone: string): string {
  return new Date(utcMs + offsetMs(utcMs, timeZone)).toISOString().slice(0, 10);
}

const locale = (lang: Language) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

/** "donderdag 14:00" / "Thursday 14:00". */
export function formatWeekdayTime(utcMs: number, timeZone: string, lang: Language): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(utcMs));
}

/** "vrijdag 4 dec" / "Friday 4 Dec" for a calendar date. */
export function formatDay(date: string, lang: Language): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'short' }).format(new Date(`${date}T12:00:00Z`));
}
