/**
 * Amsterdam's open container registry (dataset huishoudelijkafval, "afvalcontainers", IMBOR based;
 * field list: Amsterdam/afvalinzameling_documentatie, productinhoud_afvalcontainers.md) as a
 * ready preset: CSV (comma or semicolon) or JSON / GeoJSON with the registry's own field names.
 * Fraction codes are the registry's numbers (or their names); only status 1 (actief) is planned,
 * 0 (inactief) and 2 (gepland) are imported inactive; the position is container_wgs84_lon/lat, else
 * container_geometrie in RD New or WGS84; the street name is bag_openbareruimte_naam.
 */
import type { Fraction } from '../fractions.ts';
import type { ContainerInput } from '../master-data-shapes.ts';
import type { ImportOptions, ReadResult, ReaderContext, RowError } from '../import/import-types.ts';
import { isBlank, parseNumber } from './cell-values.ts';
import { looksLikeRd } from './coordinates.ts';
import { readCsvTable } from './csv-table.ts';
import { containerRowOptions, isRowErrors, toContainerRow, type RawContainer } from './container-row.ts';
import { fractionFromName } from './fraction-names.ts';
import { isObject, readJsonDocument } from './json-document.ts';

/** container_afvalfractie: 1 Rest, 2 Glas, 3 Papier, 4 Plastic, 5 Textiel, 6 GFT, 7 Grof, 8 PMD, 9 Brood, -99 Onbekend. */
const FRACTION_CODES: Readonly<Record<string, Fraction>> = { 1: 'residual', 2: 'glass', 3: 'paper', 4: 'pmd', 5: 'textile', 6: 'organic', 8: 'pmd' };

export function amsterdamFraction(raw: unknown): Fraction | undefined {
  const n = parseNumber(raw);
  if (n !== undefined) return FRACTION_CODES[String(n)];
  return fractionFromName(raw);
}

/** container_status: 1 actief is planned; 0 inactief and 2 gepland are not (yet). */
export function amsterdamActive(raw: unknown): boolean | string {
  const n = parseNumber(raw);
  if (n === 1) return true;
  if (n === 0 || n === 2) return false;
  if (typeof raw === 'string' && /^(actief|active)$/i.test(raw.trim())) return true;
  if (typeof raw === 'string' && /^(inactief|inactive|gepland|planned)$/i.test(raw.trim())) return false;
  return isBlank(raw) ? true : String(raw);
}

/** container_geometrie as a GeoJSON Point or WKT `POINT (x y)` (optionally `SRID=28992;`). */
function geometryPosition(raw: unknown): [unknown, unknown] | undefined {
  if (isObject(raw) && Array.isArray(raw.coordinates)) return [raw.coordinates[0], raw.coordinates[1]];
  if (typeof raw === 'string') {
    const m = /POINT\s*\(\s*([-\d.,eE+]+)\s+([-\d.,eE+]+)\s*\)/i.exec(raw);
    if (m) return [m[1], m[2]];
  }
  return undefined;
}

export function amsterdamRaw(r: Record<string, unknown>, geometry?: unknown): RawContainer {
  const raw: RawContainer = {
    id: r.container_id ?? r.id,
    fraction: r.container_afvalfractie ?? r.container_afvalfractie_code ?? r.fractie_omschrijving,
    volumeM3: r.containertype_volume_m3,
    containerType: r.containertype_naam,
    type: r.containertype_naam,
    address: r.bag_openbareruimte_naam ?? r.bag_adres_openbare_ruimte_naam,
    active: amsterdamActive(r.container_status),
  };
  if (!isBlank(r.container_wgs84_lon) || !isBlank(r.container_wgs84_lat)) return { ...raw, lon: r.container_wgs84_lon, lat: r.container_wgs84_lat };
  const p = geometryPosition(r.container_geometrie ?? geometry);
  if (!p) return raw;
  const [a, b] = p.map(parseNumber);
  return a !== undefined && b !== undefined && looksLikeRd(a, b) ? { ...raw, x: p[0], y: p[1] } : { ...raw, lon: p[0], lat: p[1] };
}

/** The records of a JSON document: a FeatureCollection, an array, or a DSO API page (`_embedded`). */
function jsonRecords(doc: unknown): { props: Record<string, unknown>; geometry?: unknown }[] | undefined {
  if (Array.isArray(doc)) return doc.map((d) => ({ props: isObject(d) ? d : {} }));
  if (!isObject(doc)) return undefined;
  if (doc.type === 'FeatureCollection' && Array.isArray(doc.features)) {
    return doc.features.map((f: unknown) => (isObject(f) ? { props: { id: f.id, ...(isObject(f.properties) ? f.properties : {}) }, geometry: f.geometry } : { props: {} }));
  }
  if (isObject(doc._embedded)) {
    const list = Object.values(doc._embedded).find(Array.isArray);
    if (list) return list.map((d: unknown) => ({ props: isObject(d) ? d : {} }));
  }
  return undefined;
}

export function readAmsterdam(content: string, options: ImportOptions, ctx: ReaderContext): ReadResult<ContainerInput> {
  const o = containerRowOptions(options, ctx, { fractionOf: amsterdamFraction });
  const records: { row: number; raw: RawContainer }[] = [];
  const trimmed = content.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const doc = readJsonDocument(content);
    if (!doc.ok) return { rows: [], errors: doc.errors };
    const list = jsonRecords(doc.value);
    if (!list) return { rows: [], errors: [{ row: 0, field: 'file', reason: 'not an Amsterdam container list (array, FeatureCollection or _embedded page)' }] };
    if (list.length === 0) return { rows: [], errors: [{ row: 0, field: 'file', reason: 'empty file: no containers' }] };
    list.forEach((r, i) => records.push({ row: i + 1, raw: amsterdamRaw(r.props, r.geometry) }));
  } else {
    const table = readCsvTable(content);
    if (Array.isArray(table)) return { rows: [], errors: table };
    if (!table.header.includes('container_id')) return { rows: [], errors: [{ row: 1, field: 'file', reason: 'no container_id column: not the Amsterdam container layout' }] };
    for (const { line, cells } of table.records) records.push({ row: line, raw: amsterdamRaw(cells) });
  }
  const rows: ReadResult<ContainerInput>['rows'] = [];
  const errors: RowError[] = [];
  for (const { row, raw } of records) {
    if (typeof raw.active === 'string') {
      errors.push({ row, field: 'container_status', reason: `unknown status ${JSON.stringify(raw.active)} (0 inactief, 1 actief, 2 gepland)`, ...(raw.id != null ? { id: String(raw.id) } : {}) });
      continue;
    }
    const r = toContainerRow(raw, row, o);
    if (isRowErrors(r)) errors.push(...r.map((e) => ({ ...e, field: AMSTERDAM_FIELD[e.field] ?? e.field })));
    else rows.push(r);
  }
  return { rows, errors };
}

/** Errors name the file's own column, so the municipality finds it. */
const AMSTERDAM_FIELD: Readonly<Record<string, string>> = {
  id: 'container_id',
  fraction: 'container_afvalfractie',
  volumeM3: 'containertype_volume_m3',
  lon: 'container_wgs84_lon',
  lat: 'container_wgs84_lat',
  x: 'container_geometrie',
  y: 'container_geometrie',
  location: 'container_geometrie',
};
