/**
 * Containers from a GeoJSON FeatureCollection of Points: RFC 7946 CRS84, or RD New when the file's
 * (pre-RFC) `crs` member names EPSG:28992 or `--crs EPSG:28992` is given. The id is the feature's
 * `id` or `properties.id`; other properties are read by field name or through `--map`.
 */
import type { ContainerInput } from '../master-data-shapes.ts';
import type { Crs, ImportOptions, ReadResult, ReaderContext, RowError } from '../import/import-types.ts';
import { camelField } from './csv-table.ts';
import { containerRowOptions, isRowErrors, toContainerRow, type ContainerRowOptions, type RawContainer } from './container-row.ts';
import { isObject, readJsonDocument } from './json-document.ts';

const PROPERTY_FIELDS: readonly (keyof RawContainer)[] = ['id', 'fraction', 'volumeM3', 'type', 'containerType', 'address', 'serviceTimeS', 'active'];

/** The CRS a GeoJSON document names in its `crs` member (GeoJSON 2008), if any. */
export function declaredCrs(doc: Record<string, unknown>): Crs | undefined {
  const crs = doc.crs;
  const name = isObject(crs) && isObject(crs.properties) ? String(crs.properties.name ?? '') : '';
  if (/(EPSG:{1,2}(\d\.?\d*)?:?28992|EPSG\/0\/28992)/i.test(name)) return 'EPSG:28992';
  if (/CRS84|EPSG:{1,2}4326/i.test(name)) return 'CRS84';
  return undefined;
}

/** Property value by field: the mapped property name, else the field's own name in snake or camel case. */
export function propertyFor(props: Record<string, unknown>, field: string, map: ImportOptions['map']): unknown {
  const mapped = map && Object.entries(map).find(([k]) => camelField(k) === field)?.[1];
  if (mapped !== undefined) return props[mapped];
  const key = Object.keys(props).find((k) => camelField(k).toLowerCase() === field.toLowerCase());
  return key === undefined ? undefined : props[key];
}

export function readContainerGeoJson(content: string, options: ImportOptions, ctx: ReaderContext, rowOptions: Partial<ContainerRowOptions> = {}): ReadResult<ContainerInput> {
  const doc = readJsonDocument(content);
  if (!doc.ok) return { rows: [], errors: doc.errors };
  if (!isObject(doc.value) || doc.value.type !== 'FeatureCollection' || !Array.isArray(doc.value.features)) {
    return { rows: [], errors: [{ row: 0, field: 'file', reason: 'not a GeoJSON FeatureCollection' }] };
  }
  if (doc.value.features.length === 0) return { rows: [], errors: [{ row: 0, field: 'file', reason: 'empty file: the FeatureCollection has no features' }] };
  const crs = options.crs ?? declaredCrs(doc.value) ?? 'CRS84';
  const o = containerRowOptions({ ...options, crs }, ctx, rowOptions);
  const rows: ReadResult<ContainerInput>['rows'] = [];
  const errors: RowError[] = [];
  doc.value.features.forEach((f: unknown, i: number) => {
    const row = i + 1;
    const geometry = isObject(f) && isObject(f.geometry) ? f.geometry : undefined;
    if (!isObject(f) || !geometry || geometry.type !== 'Point' || !Array.isArray(geometry.coordinates)) {
      errors.push({ row, field: 'geometry', reason: 'not a Feature with a Point geometry' });
      return;
    }
    const props = isObject(f.properties) ? f.properties : {};
    const raw: RawContainer = Object.fromEntries(PROPERTY_FIELDS.map((k) => [k, propertyFor(props, k, options.map)]));
    raw.id = f.id ?? raw.id;
    const [a, b] = geometry.coordinates as unknown[];
    if (crs === 'EPSG:28992') Object.assign(raw, { x: a, y: b });
    else Object.assign(raw, { lon: a, lat: b });
    const r = toContainerRow(raw, row, o);
    if (isRowErrors(r)) errors.push(...r);
    else rows.push(r);
  });
  return { rows, errors };
}
