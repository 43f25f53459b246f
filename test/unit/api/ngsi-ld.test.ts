/**
 * NGSI-LD WasteContainer output against a JSON schema written from the published smart-data-models
 * WasteContainer 0.3.0 (support/waste-container-0.3.0.schema.json): the keyValues form directly, the
 * normalized form after taking each attribute's value (what a context broker does for keyValues).
 * Arbitrary containers (fast-check) as well as the demo's kinds.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toNgsiWasteContainer } from '../../../api/geo/ngsi-ld.ts';
import type { ContainerRow } from '../../../api/routes/containers.ts';
import { FRACTIONS } from '../../../registry/fractions.ts';

const schema = JSON.parse(readFileSync(new URL('./support/waste-container-0.3.0.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Entity = Record<string, any>;

/** Normalized → simplified: every attribute is a Property (GeoProperty for location) whose value is taken. */
function simplified(entity: Entity): Entity {
  const out: Entity = {};
  for (const [key, attr] of Object.entries(entity)) {
    if (['id', 'type', '@context'].includes(key)) {
      out[key] = attr;
      continue;
    }
    expect(attr.type, key).toBe(key === 'location' ? 'GeoProperty' : 'Property');
    expect(attr.value, `${key} has a value (NGSI-LD has no null values)`).not.toBeNull();
    out[key] = attr.value && typeof attr.value === 'object' && '@value' in attr.value ? attr.value['@value'] : attr.value;
  }
  return out;
}

function expectValid(entity: Entity) {
  const ok = validate(entity);
  expect(ok ? [] : validate.errors).toEqual([]);
}

const row = (over: Partial<ContainerRow> = {}): ContainerRow => ({
  id: 'C00307', lon: 7.42, lat: 43.73, address: 'Place du Casino 1', fraction: 'residual', volume_m3: 5, type: 'underground', active: true,
  sensor_id: 'S00307', fill_level: 0.82, measured_at: new Date('2026-12-01T09:00:00Z'), status: 'ok', battery_pct: 80,
  last_emptied_at: new Date('2026-11-28T07:15:00Z'), flags: 0, ...over,
});

const arbitraryRow = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  address: fc.option(fc.string({ minLength: 1, maxLength: 40 })),
  fraction: fc.constantFrom(...FRACTIONS),
  volume_m3: fc.double({ min: 0.1, max: 40, noNaN: true }),
  type: fc.constantFrom('underground', 'street'),
  active: fc.boolean(),
  sensor_id: fc.option(fc.string({ minLength: 1, maxLength: 16 })),
  fill_level: fc.option(fc.double({ min: 0, max: 2, noNaN: true })),
  measured_at: fc.option(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })),
  status: fc.constantFrom('ok', 'unknown', 'silent', 'fault'),
  battery_pct: fc.option(fc.integer({ min: 0, max: 100 })),
  last_emptied_at: fc.option(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })),
  flags: fc.integer({ min: 0, max: 7 }),
}) as fc.Arbitrary<ContainerRow>;

describe('NGSI-LD WasteContainer (smart-data-models 0.3.0)', () => {
  it('emits valid entities in both forms for any container', () => {
    fc.assert(
      fc.property(arbitraryRow, (r) => {
        const kv = toNgsiWasteContainer('demo', r, 'keyValues');
        expectValid(kv);
        expectValid(simplified(toNgsiWasteContainer('demo', r, 'normalized')));
        expect(kv.wasteFraction).toBe(r.fraction);
      }),
      { numRuns: 300 },
    );
  });

  it('gives storedWasteKind one value of the enumeration per fraction, and keeps the fraction code in wasteFraction', () => {
    const kinds = Object.fromEntries(FRACTIONS.map((f) => [f, toNgsiWasteContainer('demo', row({ fraction: f }), 'keyValues').storedWasteKind]));
    expect(kinds).toEqual({ residual: 'inorganic', paper: 'paper', glass: 'glass', pmd: 'plastic', organic: 'organic', textile: 'other' });
    const normalized = toNgsiWasteContainer('demo', row({ fraction: 'pmd' }));
    expect(normalized.wasteFraction).toEqual({ type: 'Property', value: 'pmd' });
    expect(normalized.storedWasteKind).toEqual({ type: 'Property', value: 'plastic' });
  });

  it('adds category, binCapacity (m³) and dateLastEmptying where known', () => {
    const n = toNgsiWasteContainer('demo', row());
    expect(n).toMatchObject({
      id: 'urn:ngsi-ld:WasteContainer:demo:C00307',
      category: { type: 'Property', value: ['underground'] },
      binCapacity: { type: 'Property', value: 5, unitCode: 'MTQ' },
      dateLastEmptying: { type: 'Property', value: { '@type': 'DateTime', '@value': '2026-11-28T07:15:00.000Z' } },
      fillingLevel: { type: 'Property', value: 0.82, observedAt: '2026-12-01T09:00:00.000Z' },
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [7.42, 43.73] } },
    });
    const kv = toNgsiWasteContainer('demo', row({ type: 'street', last_emptied_at: null, fill_level: null, fraction: 'glass', flags: 4 }), 'keyValues');
    expect(kv).toMatchObject({ category: ['ground'], binCapacity: 5, storedWasteKind: 'glass', status: 'lidOpen', location: { type: 'Point', coordinates: [7.42, 43.73] } });
    expect(kv).not.toHaveProperty('dateLastEmptying');
    expect(kv).not.toHaveProperty('fillingLevel');
  });

  it('maps flags and unknown state onto the status enumeration', () => {
    const status = (over: Partial<ContainerRow>) => toNgsiWasteContainer('demo', row(over), 'keyValues').status;
    expect([status({ flags: 1 }), status({ flags: 2 }), status({ flags: 4 }), status({ status: 'unknown' }), status({})]).toEqual(['burning', 'dropped', 'lidOpen', 'unknown', 'ok']);
  });
});
