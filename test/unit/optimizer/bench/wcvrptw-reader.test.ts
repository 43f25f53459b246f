/** The Kim et al. (2006) wcvrptw reader on the shared instances and on malformed text. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, readInstance } from '../../../../optimizer/bench/formats.ts';
import { hhmmToSeconds, parseWcvrptw, type WcvrptwInstance } from '../../../../optimizer/bench/readers/wcvrptw.ts';
import { InputError } from '../../../../platform/errors.ts';

const DIR = join(import.meta.dirname, '../../../../../shared/bench/wcvrptw');
const read = (name: string) => readInstance(DIR, name, FORMATS.wcvrptw) as WcvrptwInstance;
const flat = (m: unknown) => m as Float64Array;

const HEADER = ['280.0 \t\t// vehicle capacity', '400.0\t// total yardage', '500 // stops', '3600 // lunch', '40 // speed', 'Stop_ID X Y Early Late Service Load Type'];
const ROWS = ['0 0 0 0400 1500 0 9999 0', '1 5280 0 0000 2400 1600 9999 2', '7 0 5280 0700 1675 60 12 1'];
const text = (rows: readonly string[]) => [...HEADER, ...rows].join('\r\n');

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('wcvrptw reader: 102_stop.txt', () => {
  const inst = read('102_stop');
  const p = inst.problem;
  const n = p.matrix.size!;

  it('reads the header and the 99 stops, 2 landfills and the depot', () => {
    expect(inst.header).toEqual({ capacity: 280, dailyLoad: 400, maxStops: 500, lunchS: 3600, speedMph: 40 });
    expect(p.jobs).toHaveLength(99);
    expect(p.facilities).toHaveLength(2);
    expect(n).toBe(102);
    expect(p.disposalTrips).toBe(true);
  });

  it('turns HHMM into seconds since midnight and keeps the rows as jobs and facilities', () => {
    // Row "3 1208344 3469904 0700 2400 180 12.00 1".
    expect(p.jobs[0]).toEqual({ id: '3', location: 3, demand: [12], serviceS: 180, timeWindow: [7 * 3600, 24 * 3600] });
    expect(p.facilities![0]).toEqual({ id: 'landfill-1', location: 1, unloadS: 1600, openWindow: [0, 86400] });
  });

  it('uses Manhattan feet: stop 0 → stop 1 is 15,387 ft = 2.914 mi = 262.3 s at 40 mph, stored in metres', () => {
    expect(flat(p.matrix.distances)[0 * n + 1]).toBeCloseTo(15387 * 0.3048, 6);
    expect(flat(p.matrix.distances)[0 * n + 1] / 1609.344).toBeCloseTo(2.914, 3);
    expect(flat(p.matrix.durations)[0 * n + 1]).toBeCloseTo(262.3, 1);
    expect(flat(p.matrix.durations)[1 * n + 0]).toBe(flat(p.matrix.durations)[0 * n + 1]);
  });

  it('offers the published fleet (3 trucks) from the depot, in its window, with the daily limits and lunch', () => {
    expect(inst.fleetSource).toBe('given');
    expect(p.vehicles.map((v) => v.id)).toEqual(['truck-1', 'truck-2', 'truck-3']);
    expect(p.vehicles[1]).toEqual({
      id: 'truck-2', start: 0, end: 0, capacity: [280], shift: [4 * 3600, 15 * 3600], maxDailyLoad: [400], maxStops: 500,
      breaks: [{ id: 'lunch-2', window: [11 * 3600, 12 * 3600], durationS: 3600 }],
    });
    for (const v of p.vehicles) expect(v.costPerKm ?? v.costPerHour ?? v.fixedCost).toBeUndefined();
  });
});

describe('wcvrptw reader: other files and fleet', () => {
  it('reads 2100_stop.txt: 7 landfills and 2,092 stops, "1675" read as 17:15', () => {
    const p = read('2100_stop').problem;
    expect(p.facilities).toHaveLength(7);
    expect(p.jobs).toHaveLength(2092);
    expect(p.facilities!.find((f) => f.id === 'landfill-2')!.openWindow).toEqual([6 * 3600 + 50 * 60, 17 * 3600 + 15 * 60]);
  });

  it('reads tab-separated files with empty cells (335_stop.txt)', () => {
    const inst = read('335_stop');
    expect(inst.header.capacity).toBe(243);
    expect(inst.problem.jobs).toHaveLength(330);
    expect(inst.problem.facilities).toHaveLength(4);
    expect(inst.problem.vehicles[0].shift).toEqual([6 * 3600, 15 * 3600]);
  });

  it.each([
    ['277_stop', 275, 1, 3], ['444_stop', 442, 1, 11], ['804_stop', 784, 19, 5], ['1051_stop', 1048, 2, 17],
    ['1351_stop', 1347, 3, 8], ['1599_stop', 1596, 2, 13], ['1932_stop', 1927, 4, 16],
  ])('reads %s: %i stops, %i landfills, %i trucks published', (name, jobs, facilities, trucks) => {
    const p = read(name).problem;
    expect([p.jobs.length, p.facilities!.length, p.vehicles.length]).toEqual([jobs, facilities, trucks]);
  });

  it('rolls minutes past 59 into the next hour', () => {
    expect(hhmmToSeconds(1675)).toBe(17 * 3600 + 15 * 60);
    expect(hhmmToSeconds(875)).toBe(9 * 3600 + 15 * 60);
    expect(hhmmToSeconds(400)).toBe(4 * 3600);
    expect(hhmmToSeconds(2400)).toBe(86400);
  });

  it('takes the fleet size as an option, else a lower bound (load over daily yardage here)', () => {
    const t = readFileSync(join(DIR, '102_stop.txt'), 'utf8');
    expect(parseWcvrptw('102_stop', t, { vehicles: 5 }).problem.vehicles).toHaveLength(5);
    const lb = parseWcvrptw('102_stop', t);
    expect(lb.fleetSource).toBe('lower-bound');
    expect(lb.problem.vehicles).toHaveLength(3); // 897 yd³ / 400 yd³ per day
  });

  it('drops identical repeated facility rows', () => {
    const p = parseWcvrptw('dup', text([...ROWS.slice(0, 2), '1 5280 0 0 2400 1600 9999.00 2', ROWS[2]])).problem;
    expect(p.facilities).toHaveLength(1);
    expect(p.jobs.map((j) => j.id)).toEqual(['7']);
    expect(p.matrix.size).toBe(3);
    expect(p.jobs[0].timeWindow).toEqual([7 * 3600, 17 * 3600 + 15 * 60]);
  });
});

describe('wcvrptw reader: malformed text', () => {
  it.each([
    ['a conflicting repeated id', [...ROWS, '1 5281 0 0000 2400 1600 9999 2'], 10, /stop 1 repeats line 8/],
    ['a bad number', [ROWS[0], '1 52x0 0 0000 2400 1600 9999 2', ROWS[2]], 8, /x "52x0" is not a number/],
    ['a short row', [ROWS[0], ROWS[1], '7 0 5280 0700 1675 60 12'], 9, /expected 8 columns/],
    ['an unknown stop type', [ROWS[0], ROWS[1], '7 0 5280 0700 1675 60 12 3'], 9, /stop type "3"/],
    ['an inverted window', [ROWS[0], ROWS[1], '7 0 5280 1700 0700 60 12 1'], 9, /after latest start/],
    ['a second depot', [ROWS[0], ROWS[1], '9 1 1 0400 1500 0 9999 0', ROWS[2]], 9, /exactly one depot/],
  ])('names the line of %s', (_what, rows, line, reason) => {
    const err = inputError(() => parseWcvrptw('bad', text(rows)));
    expect(err.message).toContain(`line ${line}`);
    expect(err.details).toEqual([{ name: `bad line ${line}`, reason: expect.stringMatching(reason) }]);
  });

  it('names a header line that is not a number', () => {
    const err = inputError(() => parseWcvrptw('bad', [HEADER[0], 'lots // total yardage', ...HEADER.slice(2), ...ROWS].join('\n')));
    expect(err.details[0]).toMatchObject({ name: 'bad line 2', reason: expect.stringMatching(/total yardage per vehicle per day "lots"/) });
  });

  it('refuses a file without landfills', () => {
    const err = inputError(() => parseWcvrptw('bad', text([ROWS[0], ROWS[2]])));
    expect(err.details[0].reason).toMatch(/no landfill/);
  });
});
