/**
 * Fleet and places (vehicle types, vehicles, depots, facilities) from CSV or JSON, read against the
 * same TypeBox schema the API validates with. CSV cells are coerced by the schema (numbers with
 * decimal comma, ja/nee, lists separated by `|`, a location from lon/lat or RD x/y columns, opening
 * hours as `1-5 07:00-17:00 | 6 08:00-12:00` or JSON); JSON is an array of objects or `{ items }`.
 */
import type { TObject, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { ImportOptions, ReadResult, ReaderContext, RowError } from '../import/import-types.ts';
import { isBlank, parseBoolean, parseNumber } from './cell-values.ts';
import { checkPosition } from './coordinates.ts';
import { columnFor, readCsvTable, unknownMappedColumns, type CsvTable } from './csv-table.ts';
import { isObject, readJsonDocument } from './json-document.ts';

/** The JSON type a property holds (the non-null member of a Nullable union). */
function kindOf(schema: TSchema): { type: string; items?: TSchema } {
  const s = schema as TSchema & { type?: string; anyOf?: TSchema[]; items?: TSchema };
  if (s.anyOf) {
    const member = s.anyOf.find((m) => (m as { type?: string }).type !== 'null' && ((m as { type?: string }).type !== undefined || 'const' in m));
    if (member && 'const' in member) return { type: typeof (member as unknown as { const: unknown }).const };
    return member ? kindOf(member) : { type: 'string' };
  }
  return { type: s.type ?? 'string', items: s.items };
}

/** `1-5 07:00-17:00 | 6 08:00-12:00` → [{ days: [1..5], open, close }, …]. */
export function parseOpeningHours(text: string): { days: number[]; open: string; close: string }[] | undefined {
  const groups = text.split(/\s*[|;]\s*/).filter(Boolean);
  const out: { days: number[]; open: string; close: string }[] = [];
  for (const g of groups) {
    const m = /^([1-7](?:\s*[-,]\s*[1-7])*)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(g.trim());
    if (!m) return undefined;
    const days = new Set<number>();
    for (const part of m[1]!.split(',')) {
      const [a, b] = part.split('-').map((d) => Number(d.trim()));
      for (let d = a!; d <= (b ?? a!); d++) days.add(d);
    }
    const pad = (t: string) => t.padStart(5, '0');
    out.push({ days: [...days], open: pad(m[2]!), close: pad(m[3]!) });
  }
  return out;
}

function coerceCell(field: string, schema: TSchema, cell: string, fail: (field: string, reason: string) => void): unknown {
  const { type, items } = kindOf(schema);
  if (type === 'number' || type === 'integer') {
    const n = parseNumber(cell);
    if (n === undefined) fail(field, `unreadable number ${JSON.stringify(cell)}`);
    return n;
  }
  if (type === 'boolean') {
    const b = parseBoolean(cell);
    if (b === undefined) fail(field, `not a yes/no value: ${JSON.stringify(cell)}`);
    return b;
  }
  if (type === 'array') {
    if (cell.trim().startsWith('[')) {
      try {
        return JSON.parse(cell);
      } catch {
        fail(field, 'not a JSON list');
        return undefined;
      }
    }
    if (field === 'openingHours') {
      const hours = parseOpeningHours(cell);
      if (!hours) fail(field, `not opening hours like "1-5 07:00-17:00 | 6 08:00-12:00": ${JSON.stringify(cell)}`);
      return hours;
    }
    const parts = cell.split(/\s*[|,;]\s*/).filter(Boolean);
    return items && ['number', 'integer'].includes(kindOf(items).type) ? parts.map((p) => parseNumber(p) ?? p) : parts;
  }
  return cell.trim();
}

/** A location from lon/lat (or RD x/y) values, checked against the tenant's area. */
function location(values: { lon?: unknown; lat?: unknown; x?: unknown; y?: unknown }, o: ImportOptions, ctx: ReaderContext, fail: (f: string, r: string) => void): [number, number] | undefined {
  const rd = isBlank(values.lon) && isBlank(values.lat) && !isBlank(values.x);
  const a = parseNumber(rd ? values.x : values.lon);
  const b = parseNumber(rd ? values.y : values.lat);
  if (a === undefined || b === undefined) {
    fail('location', `missing or unreadable ${rd ? 'x/y' : 'lon/lat'}`);
    return undefined;
  }
  const c = checkPosition(a, b, rd ? 'EPSG:28992' : o.crs ?? 'CRS84', ctx.settings.area);
  if (!c.ok) fail('location', c.reason);
  return c.ok ? c.position : undefined;
}

function finish<T>(schema: TObject, value: Record<string, unknown>, row: number, errors: RowError[], rows: ReadResult<T>['rows'], own: RowError[]): void {
  const id = typeof value.id === 'string' && value.id.trim() ? { id: value.id } : {};
  if (own.length) {
    errors.push(...own.map((e) => ({ ...e, ...id })));
    return;
  }
  const withDefaults = Value.Default(schema, Value.Clone(value)) as Record<string, unknown>;
  const found = [...Value.Errors(schema, withDefaults)];
  if (found.length) errors.push(...found.map((e) => ({ row, field: e.path.replace(/^\//, '').replace(/\//g, '.') || 'row', reason: e.message, ...id })));
  else rows.push({ row, value: withDefaults as T });
}

function fromCsv<T>(table: CsvTable, schema: TObject, options: ImportOptions, ctx: ReaderContext): ReadResult<T> {
  const rows: ReadResult<T>['rows'] = [];
  const errors: RowError[] = [];
  const props = Object.entries(schema.properties).filter(([k]) => k !== 'location');
  const hasLocation = 'location' in schema.properties;
  const coordColumns = ['lon', 'lat', 'x', 'y'].map((f) => [f, columnFor(table, f, options.map)] as const);
  for (const { line, cells } of table.records) {
    const own: RowError[] = [];
    const fail = (field: string, reason: string) => own.push({ row: line, field, reason });
    const value: Record<string, unknown> = {};
    for (const [field, s] of props) {
      const column = columnFor(table, field, options.map);
      const cell = column === undefined ? undefined : cells[column];
      if (cell === undefined || isBlank(cell)) continue;
      value[field] = coerceCell(field, s, cell, fail);
    }
    if (hasLocation) {
      const coords = Object.fromEntries(coordColumns.map(([f, c]) => [f, c === undefined ? undefined : cells[c]]));
      const loc = location(coords, options, ctx, fail);
      if (loc) value.location = loc;
    }
    finish(schema, value, line, errors, rows, own);
  }
  return { rows, errors };
}

function fromJson<T>(doc: unknown, schema: TObject, options: ImportOptions, ctx: ReaderContext): ReadResult<T> {
  const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.items) ? doc.items : undefined;
  if (!list) return { rows: [], errors: [{ row: 0, field: 'file', reason: 'not a JSON array of records (or { "items": [...] })' }] };
  if (list.length === 0) return { rows: [], errors: [{ row: 0, field: 'file', reason: 'empty file: no records' }] };
  const rows: ReadResult<T>['rows'] = [];
  const errors: RowError[] = [];
  list.forEach((item: unknown, i: number) => {
    const row = i + 1;
    const own: RowError[] = [];
    if (!isObject(item)) {
      errors.push({ row, field: 'row', reason: 'not an object' });
      return;
    }
    const value: Record<string, unknown> = { ...item };
    if ('location' in schema.properties) {
      const loc = Array.isArray(item.location) ? { lon: item.location[0], lat: item.location[1] } : { lon: item.lon, lat: item.lat, x: item.x, y: item.y };
      for (const k of ['lon', 'lat', 'x', 'y']) delete value[k];
      const p = location(loc, options, ctx, (field, reason) => own.push({ row, field, reason }));
      if (p) value.location = p;
    }
    finish(schema, value, row, errors, rows, own);
  });
  return { rows, errors };
}

export function readRecords<T>(content: string, format: string, schema: TObject, options: ImportOptions, ctx: ReaderContext): ReadResult<T> {
  if (format === 'json') {
    const doc = readJsonDocument(content);
    return doc.ok ? fromJson<T>(doc.value, schema, options, ctx) : { rows: [], errors: doc.errors };
  }
  const table = readCsvTable(content);
  if (Array.isArray(table)) return { rows: [], errors: table };
  const mapErrors = unknownMappedColumns(table, options.map);
  return mapErrors.length ? { rows: [], errors: mapErrors } : fromCsv<T>(table, schema, options, ctx);
}
