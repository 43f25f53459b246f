/**
 * A CSV file as a header and records with their line numbers (csv-parse): comma or semicolon,
 * told from the header line (Dutch spreadsheets write semicolons with decimal commas), BOM
 * stripped, blank lines skipped. Values are kept as text; each reader decides what they mean.
 */
import { parse } from 'csv-parse/sync';
import type { RowError } from '../import/import-types.ts';

export interface CsvTable {
  readonly header: string[];
  /** The cells of each record by header name, and the record's line in the file (header = 1). */
  readonly records: { line: number; cells: Record<string, string> }[];
}

export function detectDelimiter(content: string): ',' | ';' | '\t' {
  const first = content.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  const semi = count(';');
  const tab = count('\t');
  const comma = count(',');
  if (tab > semi && tab > comma) return '\t';
  return semi > comma ? ';' : ',';
}

export function readCsvTable(content: string): CsvTable | RowError[] {
  if (content.trim() === '') return [{ row: 0, field: 'file', reason: 'empty file' }];
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(content, { delimiter: detectDelimiter(content), info: true, skip_empty_lines: true, relax_column_count: true, bom: true, trim: true }) as unknown as typeof parsed;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    return [{ row: line, field: 'file', reason: `not readable as CSV: ${(err as Error).message}` }];
  }
  const [head, ...rest] = parsed;
  if (!head) return [{ row: 0, field: 'file', reason: 'empty file' }];
  const header = head.record.map((h) => h.trim());
  if (rest.length === 0) return [{ row: 1, field: 'file', reason: 'no rows after the header' }];
  return {
    header,
    records: rest.map(({ record, info }) => ({ line: info.lines, cells: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])) })),
  };
}

/** snake_case or camelCase field name → camelCase (`volume_m3` → `volumeM3`). */
export const camelField = (name: string) => name.trim().replace(/_([a-z0-9])/gi, (_, c: string) => c.toUpperCase());

/**
 * Which header holds each field: the mapping given (`--map id=objectnummer`), else a header
 * equal to the field's name (snake or camel case, any letter case).
 */
export function columnFor(table: CsvTable, field: string, map: Readonly<Record<string, string>> | undefined): string | undefined {
  const mapped = map && Object.entries(map).find(([k]) => camelField(k) === field)?.[1];
  if (mapped !== undefined) return table.header.find((h) => h === mapped) ?? table.header.find((h) => h.toLowerCase() === mapped.toLowerCase());
  return table.header.find((h) => camelField(h).toLowerCase() === field.toLowerCase());
}

/** The mapping names columns the file does not have: one error per missing column. */
export function unknownMappedColumns(table: CsvTable, map: Readonly<Record<string, string>> | undefined): RowError[] {
  return Object.entries(map ?? {})
    .filter(([, column]) => !table.header.some((h) => h.toLowerCase() === column.toLowerCase()))
    .map(([field, column]) => ({ row: 1, field: camelField(field), reason: `column ${column} (from --map) is not in the header: ${table.header.join(', ')}` }));
}
