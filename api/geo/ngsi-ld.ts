/**
 * FIWARE Smart Data Models `WasteContainer` (dataModel.WasteManagement) in NGSI-LD normalized form.
 * Our fractions and flags are mapped onto the model's enumerations.
 */
import type { ContainerRow } from '../routes/containers.ts';

const CONTEXT = [
  'https://raw.githubusercontent.com/smart-data-models/dataModel.WasteManagement/master/context.jsonld',
  'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld',
];

const WASTE_KIND: Record<string, string[]> = {
  residual: ['inorganic'],
  paper: ['paper'],
  glass: ['glass'],
  pmd: ['plastic', 'metal'],
  organic: ['organic'],
  textile: ['other'],
};

// readings flags bitmask (001-core-schema): 1 fire, 2 tilt, 4 lid open.
function ngsiStatus(flags: number, status: string): string {
  if (flags & 1) return 'burning';
  if (flags & 2) return 'dropped';
  if (flags & 4) return 'lidOpen';
  return status === 'unknown' ? 'notAvailable' : 'ok';
}

export function toNgsiWasteContainer(tenantId: string, r: ContainerRow) {
  return {
    id: `urn:ngsi-ld:WasteContainer:${tenantId}:${r.id}`,
    type: 'WasteContainer' as const,
    location: { type: 'GeoProperty' as const, value: { type: 'Point' as const, coordinates: [r.lon, r.lat] } },
    fillingLevel: {
      type: 'Property' as const,
      value: r.fill_level === null ? null : Math.min(1, Math.max(0, r.fill_level)),
      ...(r.measured_at ? { observedAt: r.measured_at.toISOString() } : {}),
    },
    status: { type: 'Property' as const, value: ngsiStatus(r.flags, r.status) },
    storedWasteKind: { type: 'Property' as const, value: WASTE_KIND[r.fraction] ?? ['other'] },
    ...(r.last_emptied_at ? { dateLastEmptying: { type: 'Property' as const, value: { '@type': 'DateTime', '@value': r.last_emptied_at.toISOString() } } } : {}),
    ...(r.address ? { address: { type: 'Property' as const, value: { streetAddress: r.address } } } : {}),
    '@context': CONTEXT,
  };
}
