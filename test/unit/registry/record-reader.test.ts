/** Fleet and places from CSV or JSON, checked by the same schema the API uses. */
import { describe, expect, it } from 'vitest';
import { parseOpeningHours, readRecords } from '../../../registry/readers/record-reader.ts';
import { FacilityInput, VehicleInput, VehicleTypeInput } from '../../../registry/master-data-shapes.ts';
import { readTenantSettings } from '../../../registry/tenant-settings.ts';

const ctx = { settings: readTenantSettings({ area: [7.40, 43.72, 7.44, 43.76] }) };

describe('opening hours in a cell', () => {
  it('reads day ranges and lists with times, and refuses anything else', () => {
    expect(parseOpeningHours('1-5 07:00-17:00 | 6 8:00-12:00')).toEqual([{ days: [1, 2, 3, 4, 5], open: '07:00', close: '17:00' }, { days: [6], open: '08:00', close: '12:00' }]);
    expect(parseOpeningHours('1,3,5 06:30-14:00')).toEqual([{ days: [1, 3, 5], open: '06:30', close: '14:00' }]);
    expect(parseOpeningHours('maandag 7-17')).toBeUndefined();
  });
});

describe('records by schema', () => {
  it('coerces CSV cells: decimal commas, lists, yes/no, and applies the schema defaults', () => {
    const r = readRecords('id;name;capacity_kg;capacity_m3;fractions;compaction_factor\nrear;Achterlader;10000;20,5;rest|paper;2,5\n', 'csv', VehicleTypeInput, {}, ctx);
    expect(r.errors).toEqual([{ row: 2, field: 'fractions.0', reason: expect.any(String), id: 'rear' }]);
    const ok = readRecords('id;name;capacity_kg;capacity_m3;fractions;compaction_factor\nrear;Achterlader;10000;20,5;residual|paper;2,5\n', 'csv', VehicleTypeInput, {}, ctx);
    expect(ok.rows[0]!.value).toEqual({ id: 'rear', name: 'Achterlader', capacityKg: 10000, capacityM3: 20.5, fractions: ['residual', 'paper'], compactionFactor: 2.5, compartments: [], routingProfile: 'car', fixedCost: 0, costPerKm: 0, costPerHour: 0 });
  });

  it('names unreadable numbers, bad times and unknown fields; JSON lists are read by the same schema', () => {
    const v = readRecords('id,name,vehicleTypeId,depotId,shiftStart,maxTrips,active\nv1,T,rear,d1,25:00,2,ja\nv2,T,rear,d1,07:00,twee,nee\n', 'csv', VehicleInput, {}, ctx);
    expect(v.errors.map((e) => [e.row, e.field])).toEqual([[2, 'shiftStart'], [3, 'maxTrips']]);
    const json = readRecords(JSON.stringify([{ id: 'f1', name: 'AVI', lon: 7.419, lat: 43.731, fractions: ['residual'] }, { id: 'f2', name: 'X', location: [43.731, 7.419], fractions: ['glass'] }, { id: 'f3', name: 'Y', location: [7.42, 43.73], fractions: ['glass'], colour: 'red' }]), 'json', FacilityInput, {}, ctx);
    expect(json.rows.map((r) => r.value)).toEqual([{ id: 'f1', name: 'AVI', location: [7.419, 43.731], fractions: ['residual'], openingHours: [], unloadingTimeS: 900 }]);
    expect(json.errors).toEqual([{ row: 2, field: 'location', reason: expect.stringContaining('swapped'), id: 'f2' }, { row: 3, field: 'colour', reason: expect.any(String), id: 'f3' }]);
    expect(readRecords('[]', 'json', FacilityInput, {}, ctx).errors).toEqual([{ row: 0, field: 'file', reason: 'empty file: no records' }]);
  });
});
