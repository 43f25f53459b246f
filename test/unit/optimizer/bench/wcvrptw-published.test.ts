/** wcvrptw published figures: best known (miles), the best solution's trucks, Kim et al. (2006). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../optimizer/bench/csv.ts';
import { FORMATS, bestKnown } from '../../../../optimizer/bench/formats.ts';
import { publishedFor, wcvrptwRowExtras, wcvrptwSummary } from '../../../../optimizer/bench/wcvrptw.ts';

const DIR = join(import.meta.dirname, '../../../../../shared/bench/wcvrptw');

describe('wcvrptw published figures', () => {
  it('reads the best known distance in miles per instance name', () => {
    expect(bestKnown(DIR, '102_stop', FORMATS.wcvrptw)).toBe(174.5);
    expect(bestKnown(DIR, '1051_stop', FORMATS.wcvrptw)).toBe(2250.5);
    expect(bestKnown(DIR, 'no_such', FORMATS.wcvrptw)).toBeNull();
  });

  it('reads the trucks of the best published solution and Kim et al. 2006 as quoted by Benjamin & Beasley', () => {
    expect(publishedFor(DIR, '102_stop')).toEqual({ bestMiles: 174.5, vehicles: 3, kimMiles: 205.1, kimVehicles: 3 });
    // Kim's table swaps distance and RTD for 1599; the quotation has 1459.2, not 11666.
    expect(publishedFor(DIR, '1599_stop')).toMatchObject({ vehicles: 13, kimMiles: 1459.2, kimVehicles: 13 });
    expect(publishedFor(DIR, '1351_stop')).toMatchObject({ vehicles: 8, kimMiles: 1039.7, kimVehicles: 7 });
  });

  it('leaves cvrplib and solomon on bks.csv', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bks-'));
    writeFileSync(join(dir, 'bks.csv'), 'instance,bks,bks_distance_only\nA,10,9\n');
    expect(bestKnown(dir, 'A', FORMATS.cvrplib)).toBe(10);
    expect(bestKnown(dir, 'A', FORMATS.solomon)).toBe(9);
  });

  it('parses quoted CSV fields holding commas and quotes', () => {
    expect(parseCsv('a,b,c\r\n1,"x, y",\r\n"say ""hi""",2,3\r\n')).toEqual([{ a: '1', b: 'x, y', c: '' }, { a: 'say "hi"', b: '2', c: '3' }]);
  });
});

describe('wcvrptw result columns', () => {
  it('beats Kim 2006 only when feasible, shorter and with no more trucks than published', () => {
    expect(wcvrptwRowExtras(DIR, '102_stop', 200, 3, true)).toEqual({
      vehicles_published: 3, kim2006_miles: 205.1, kim2006_vehicles: 3, beats_kim2006: true, more_vehicles_than_published: false,
    });
    expect(wcvrptwRowExtras(DIR, '102_stop', 210, 3, true).beats_kim2006).toBe(false);
    expect(wcvrptwRowExtras(DIR, '102_stop', 200, 3, false).beats_kim2006).toBe(false);
    expect(wcvrptwRowExtras(DIR, '102_stop', 200, 4, true)).toMatchObject({ beats_kim2006: false, more_vehicles_than_published: true });
    expect(wcvrptwRowExtras(DIR, 'no_such', 1, 1, true)).toMatchObject({ beats_kim2006: null, more_vehicles_than_published: null });
  });

  it('summarises feasible rows, all beating Kim and never more trucks', () => {
    const a = { ...wcvrptwRowExtras(DIR, '102_stop', 200, 3, true), feasible: true };
    const b = { ...wcvrptwRowExtras(DIR, '277_stop', 600, 3, false), feasible: false };
    expect(wcvrptwSummary([a])).toEqual({ feasible: 1, beats_kim2006_all: true, never_more_vehicles: true });
    expect(wcvrptwSummary([a, b])).toEqual({ feasible: 1, beats_kim2006_all: false, never_more_vehicles: true });
    expect(wcvrptwSummary([])).toEqual({ feasible: 0, beats_kim2006_all: null, never_more_vehicles: null });
  });
});
