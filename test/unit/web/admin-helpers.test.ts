/**
 * The admin page's pure helpers: opening hours per weekday to the API's ranges and back (any week,
 * property), and the allowed values of a request property read from the OpenAPI document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { webModule } from './web-module.ts';

type Hours = { open: string; close: string };
type Range = { days: number[]; open: string; close: string };
interface FleetModule {
  hoursByWeekday(ranges: Range[]): Map<number, Hours>;
  rangesOf(byDay: Map<number, Hours>): Range[];
}
interface RecordsModule {
  allowedValues(openapi: unknown, path: string, property: string): string[];
}

const fleet = await webModule<FleetModule>('admin/fleet-section.js');
const records = await webModule<RecordsModule>('admin/records.js');

const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

describe('opening hours per weekday', () => {
  it('weekdays with the same hours share one range, in weekday order', () => {
    const week = new Map<number, Hours>([[1, { open: '05:00', close: '22:00' }], [2, { open: '05:00', close: '22:00' }], [6, { open: '05:00', close: '12:00' }]]);
    expect(fleet.rangesOf(week)).toEqual([{ days: [1, 2], open: '05:00', close: '22:00' }, { days: [6], open: '05:00', close: '12:00' }]);
  });

  it('ranges of any week read back as the same week (closed days stay closed)', () => {
    const week = fc.array(fc.tuple(fc.integer({ min: 1, max: 7 }), time, time), { maxLength: 7 }).map((days) => new Map(days.map(([d, open, close]) => [d, { open, close }])));
    fc.assert(fc.property(week, (byDay) => {
      const back = fleet.hoursByWeekday(fleet.rangesOf(byDay));
      expect(Object.fromEntries([...back].sort(([a], [b]) => a - b))).toEqual(Object.fromEntries([...byDay].sort(([a], [b]) => a - b)));
    }));
  });

  it('reads HH:MM:SS from the API as HH:MM', () => {
    expect(fleet.hoursByWeekday([{ days: [3], open: '07:30:00', close: '16:00:00' }]).get(3)).toEqual({ open: '07:30', close: '16:00' });
  });
});

describe('allowed values from the OpenAPI document', () => {
  const doc = (schema: unknown) => ({ paths: { '/v1/x': { post: { requestBody: { content: { 'application/json': { schema: { properties: { model: schema } } } } } } } } });
  it('reads a union of literals (anyOf of const) and an enum', () => {
    expect(records.allowedValues(doc({ anyOf: [{ const: 'a' }, { const: 'b' }] }), '/v1/x', 'model')).toEqual(['a', 'b']);
    expect(records.allowedValues(doc({ enum: ['c'] }), '/v1/x', 'model')).toEqual(['c']);
  });
  it('finds the operation when the document\'s paths are relative to its /v1 server URL', () => {
    const relative = { servers: [{ url: 'https://gemeente.example/v1' }], paths: { '/x': doc({ enum: ['d'] }).paths['/v1/x'] } };
    expect(records.allowedValues(relative, '/v1/x', 'model')).toEqual(['d']);
  });
  it('gives nothing for an unknown path or property', () => {
    expect(records.allowedValues(doc({ enum: ['c'] }), '/v1/y', 'model')).toEqual([]);
    expect(records.allowedValues(doc({ enum: ['c'] }), '/v1/x', 'other')).toEqual([]);
  });
});
