/**
 * Containers from NGSI-LD WasteContainer entities (FIWARE smart data model), normalized
 * (`{ type: 'Property', value }`) or keyValues, as an array, a single entity or an
 * `@graph`. The fraction is read from the product's own `wasteFraction` property first, else from
 * `storedWasteKind` (the FIWARE enumeration, mapped back the way the exporter maps it); the id is
 * the entity id after `urn:ngsi-ld:WasteContainer:<tenant>:`. Volume from `volumeM3` or
 * `cargoVolume` (m³), else the import's default volume.
 */
import type { Fraction } from '../fractions.ts';
import type { ContainerInput } from '../master-data-shapes.ts';
import type { ImportOptions, ReadResult, ReaderContext, RowError } from '../import/import-types.ts';
import { containerRowOptions, isRowErrors, toContainerRow, type RawContainer } from './container-row.ts';
import { fractionFromName } from './fraction-names.ts';
import { isObject, readJsonDocument } from './json-document.ts';

/** A property's value in either representation (normalized: its `value`, or `object` for relationships). */
export function propertyValue(entity: Record<string, unknown>, name: string): unknown {
  const p = entity[name] ?? entity[`https://smartdatamodels.org/dataModel.WasteManagement/${name}`];
  if (isObject(p) && ('value' in p || 'object' in p) && (p.type === 'Property' || p.type === 'GeoProperty' || p.type === 'Relationship' || !('coordinates' in p))) {
    return p.value ?? p.object;
  }
  return p;
}

/** storedWasteKind → fraction; the inverse of the exporter's mapping (pmd = plastic + metal, textile = other). */
export function fractionFromWasteKind(kind: unknown): Fraction | undefined {
  const kinds = (Array.isArray(kind) ? kind : [kind]).filter((k): k is string => typeof k === 'string').map((k) => k.toLowerCase());
  if (kinds.length === 0) return undefined;
  if (kinds.some((k) => k === 'plastic' || k === 'metal')) return 'pmd';
  const k = kinds[0]!;
  if (k === 'inorganic') return 'residual';
  if (k === 'other') return 'textile';
  return fractionFromName(k);
}

export function containerIdFromUrn(id: unknown): unknown {
  if (typeof id !== 'string') return id;
  const m = /^urn:ngsi-ld:WasteContainer:(.+)$/.exec(id);
  if (!m) return id;
  const rest = m[1]!;
  const colon = rest.indexOf(':');
  return colon >= 0 ? rest.slice(colon + 1) : rest;
}

function entities(doc: unknown): unknown[] | undefined {
  if (Array.isArray(doc)) return doc;
  if (isObject(doc) && Array.isArray(doc['@graph'])) return doc['@graph'];
  if (isObject(doc) && doc.type === 'WasteContainer') return [doc];
  return undefined;
}

export function readNgsiLd(content: string, options: ImportOptions, ctx: ReaderContext): ReadResult<ContainerInput> {
  const doc = readJsonDocument(content);
  if (!doc.ok) return { rows: [], errors: doc.errors };
  const list = entities(doc.value);
  if (!list) return { rows: [], errors: [{ row: 0, field: 'file', reason: 'not NGSI-LD WasteContainer entities (an array, one entity or @graph)' }] };
  if (list.length === 0) return { rows: [], errors: [{ row: 0, field: 'file', reason: 'empty file: no entities' }] };
  const o = containerRowOptions({ ...options, crs: 'CRS84' }, ctx, {
    fractionOf: (raw) => (isObject(raw) ? fractionFromName(raw.wasteFraction) ?? fractionFromWasteKind(raw.storedWasteKind) : undefined),
  });
  const rows: ReadResult<ContainerInput>['rows'] = [];
  const errors: RowError[] = [];
  list.forEach((e, i) => {
    const row = i + 1;
    if (!isObject(e) || e.type !== 'WasteContainer') {
      errors.push({ row, field: 'type', reason: `not a WasteContainer entity (${isObject(e) ? String(e.type) : typeof e})` });
      return;
    }
    const location = propertyValue(e, 'location');
    const coords = isObject(location) && Array.isArray(location.coordinates) ? location.coordinates : [];
    const address = propertyValue(e, 'address');
    const status = propertyValue(e, 'status');
    const raw: RawContainer = {
      id: containerIdFromUrn(e.id),
      lon: coords[0],
      lat: coords[1],
      fraction: { wasteFraction: propertyValue(e, 'wasteFraction'), storedWasteKind: propertyValue(e, 'storedWasteKind') },
      volumeM3: propertyValue(e, 'volumeM3') ?? propertyValue(e, 'cargoVolume'),
      containerType: propertyValue(e, 'containerType') ?? propertyValue(e, 'category'),
      address: isObject(address) ? address.streetAddress : address,
      active: status === 'inactive' || status === 'outOfService' ? false : undefined,
    };
    if (Array.isArray(raw.containerType)) raw.containerType = raw.containerType.join(', ');
    const r = toContainerRow(raw, row, o);
    if (isRowErrors(r)) errors.push(...r.map((err) => (err.field === 'fraction' && err.reason.startsWith('unknown') ? { ...err, field: 'storedWasteKind', reason: `unknown fraction ${JSON.stringify(raw.fraction)}` } : err)));
    else rows.push(r);
  });
  return { rows, errors };
}
