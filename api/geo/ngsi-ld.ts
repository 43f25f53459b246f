/**
 * FIWARE Smart Data Models `WasteContainer` (dataModel.WasteManagement, schema 0.3.0) as NGSI-LD
 * entities, in the normalized form (each attribute a Property with its value) or the simplified
 * `keyValues` form (`options=keyValues`). Our fractions and flags are mapped onto the model's
 * enumerations; the product's own fraction code travels beside them in `wasteFraction`, so data
 * exported here is imported by another installation without loss (the registry's NGSI-LD reader
 * reads `wasteFraction` first, then `storedWasteKind`).
 */
import { isFraction, type Fraction } from '../../registry/fractions.ts';
import type { ContainerRow } from '../routes/containers.ts';

export const NGSI_LD_CONTEXT = [
  'https://raw.githubusercontent.com/smart-data-models/dataModel.WasteManagement/master/context.jsonld',
  'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld',
];

export type NgsiForm = 'normalized' | 'keyValues';

/** One value of the model's `storedWasteKind` enumeration per fraction (the model has no "residual" or "PMD"). */
export const STORED_WASTE_KIND: Record<Fraction, string> = {
  residual: 'inorganic',
  paper: 'paper',
  glass: 'glass',
  pmd: 'plastic',
  organic: 'organic',
  textile: 'other',
};

/** The model's `category` (fixed, ground, other, portable, underground) of our container types. */
const CATEGORY: Record<string, string> = { underground: 'underground', street: 'ground' };

/** UN/CEFACT common code of cubic metres: the unit of `binCapacity` in the normalized form. */
const CUBIC_METRE = 'MTQ';

// readings flags bitmask (001-core-schema): 1 fire, 2 tilt, 4 lid open.
function ngsiStatus(flags: number, status: string): string {
  if (flags & 1) return 'burning';
  if (flags & 2) return 'dropped';
  if (flags & 4) return 'lidOpen';
  return status === 'unknown' ? 'unknown' : 'ok';
}

/** The attributes once, as plain values with what the normalized form adds to each. */
interface Attribute {
  value: unknown;
  observedAt?: string;
  unitCode?: string;
  /** The normalized form's typed literal (NGSI-LD DateTime). */
  dateTime?: boolean;
}

function attributes(r: ContainerRow): Record<string, Attribute> {
  const out: Record<string, Attribute> = {
    fillingLevel: { value: r.fill_level === null ? null : Math.min(1, Math.max(0, r.fill_level)), ...(r.measured_at ? { observedAt: r.measured_at.toISOString() } : {}) },
    status: { value: ngsiStatus(r.flags, r.status) },
    storedWasteKind: { value: isFraction(r.fraction) ? STORED_WASTE_KIND[r.fraction] : 'other' },
    wasteFraction: { value: r.fraction },
    category: { value: [CATEGORY[r.type] ?? 'other'] },
    binCapacity: { value: r.volume_m3, unitCode: CUBIC_METRE },
  };
  if (r.fill_level === null) delete out.fillingLevel;
  if (r.last_emptied_at) out.dateLastEmptying = { value: r.last_emptied_at.toISOString(), dateTime: true };
  if (r.address) out.address = { value: { streetAddress: r.address } };
  return out;
}

export function toNgsiWasteContainer(tenantId: string, r: ContainerRow, form: NgsiForm = 'normalized') {
  const id = `urn:ngsi-ld:WasteContainer:${tenantId}:${r.id}`;
  const point = { type: 'Point' as const, coordinates: [r.lon, r.lat] };
  const attrs = Object.entries(attributes(r));
  if (form === 'keyValues') {
    return { id, type: 'WasteContainer' as const, location: point, ...Object.fromEntries(attrs.map(([k, a]) => [k, a.value])), '@context': NGSI_LD_CONTEXT };
  }
  const normalized = attrs.map(([k, a]) => [
    k,
    {
      type: 'Property' as const,
      value: a.dateTime ? { '@type': 'DateTime', '@value': a.value } : a.value,
      ...(a.observedAt ? { observedAt: a.observedAt } : {}),
      ...(a.unitCode ? { unitCode: a.unitCode } : {}),
    },
  ]);
  return { id, type: 'WasteContainer' as const, location: { type: 'GeoProperty' as const, value: point }, ...Object.fromEntries(normalized), '@context': NGSI_LD_CONTEXT };
}
