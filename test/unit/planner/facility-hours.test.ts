import { describe, expect, it } from 'vitest';
import { buildProblem, collectLocations, isoWeekday, openWindowOn, selectContainers, DEFAULT_POLICY } from '../../../planner/index.ts';

describe('facility opening hours on the plan day', () => {
  const weekdays = [{ days: [1, 2, 3, 4, 5], open: '07:00', close: '17:00' }, { days: [6], open: '08:00', close: '12:00' }];

  it('knows the ISO weekday of a date', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // a Monday
    expect(isoWeekday('2026-11-28')).toBe(6);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('gives the day\'s window in seconds since midnight, null when closed, undefined when no hours are known', () => {
    expect(openWindowOn(weekdays, 3)).toEqual([7 * 3600, 17 * 3600]);
    expect(openWindowOn(weekdays, 6)).toEqual([8 * 3600, 12 * 3600]);
    expect(openWindowOn(weekdays, 7)).toBeNull();
    expect(openWindowOn([], 7)).toBeUndefined();
  });

  it('of several periods on one day takes the longest (never planned while closed); a close at 00:00 means midnight', () => {
    expect(openWindowOn([{ days: [1], open: '07:00', close: '12:00' }, { days: [1], open: '13:00', close: '20:00' }], 1)).toEqual([13 * 3600, 20 * 3600]);
    expect(openWindowOn([{ days: [1], open: '05:00', close: '00:00' }], 1)).toEqual([5 * 3600, 24 * 3600]);
    expect(() => openWindowOn([{ days: [1], open: 'seven', close: '12:00' }], 1)).toThrow(/HH:MM/);
  });

  it('passes the window to the optimizer as the facility\'s open window', () => {
    const facilities = [
      { id: 'f1', location: [7.4, 43.7] as const, fractions: ['residual' as const], unloadS: 600, openWindowS: [25_200, 61_200] as const },
      { id: 'f2', location: [7.41, 43.7] as const, fractions: ['residual' as const], unloadS: 600 },
    ];
    const vehicles = [{ id: 'v1', depotId: 'd1', depotLocation: [7.41, 43.72] as const, capacityKg: 8000, capacityM3: 20, compactionFactor: 3, fractions: ['residual' as const], shiftStartS: 25_200, shiftEndS: 55_800 }];
    const selection = selectContainers([{ id: 'c1', location: [7.42, 43.73], fraction: 'residual', volumeM3: 2, serviceS: 90, fillLevel: 0.9 }], DEFAULT_POLICY);
    const locations = collectLocations(selection, vehicles, facilities);
    const n = locations.points.length;
    const zero = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const problem = buildProblem(selection, vehicles, facilities, locations, { durations: zero, distances: zero, unreachable: new Set() });
    expect(problem.facilities!.map((f) => [f.id, f.openWindow])).toEqual([['f1', [25_200, 61_200]], ['f2', undefined]]);
  });
});
