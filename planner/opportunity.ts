/**
 * The next chance a truck has to empty a container: the next collection day of its fraction in the
 * tenant's calendar (Monday–Friday when none is set; holidays and extra days as exceptions). A
 * container skipped today may be emptied at the earliest at that day's shift start and at the
 * latest at its end, so the risk of it overflowing is judged at the end.
 */
import { isCollectionDay, nextCollectionDay } from '../registry/collection-calendar.ts';
import type { Fraction } from '../registry/fractions.ts';
import { localInstantMs } from './local-time.ts';
import type { PlanDay } from './types.ts';

export interface Opportunity {
  readonly date: string;
  /** The latest a truck would come by on that day: the end of the shift, epoch ms. */
  readonly byMs: number;
}

/** Look this far for the next day; a fraction with none (a long break) is judged at the horizon. */
export const OPPORTUNITY_HORIZON_DAYS = 28;

export function collectsToday(day: PlanDay, fraction: Fraction): boolean {
  return isCollectionDay(day.calendar, fraction, day.date);
}

/** The first collection day of the fraction after `afterDate` (default: the plan day). */
export function nextOpportunity(day: PlanDay, fraction: Fraction, shiftEndS: number, afterDate = day.date): Opportunity {
  const date = nextCollectionDay(day.calendar, fraction, afterDate, OPPORTUNITY_HORIZON_DAYS)
    ?? new Date(Date.parse(`${afterDate}T12:00:00Z`) + OPPORTUNITY_HORIZON_DAYS * 86_400_000).toISOString().slice(0, 10);
  return { date, byMs: localInstantMs(date, shiftEndS, day.timeZone) };
}
