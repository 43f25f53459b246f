/**
 * Rows in PostgreSQL's COPY text format (tab-separated, `\N` for NULL), the cheapest way to hand
 * many rows to the server.
 */
const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function copyField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '\\N';
  return NEEDS_ESCAPE.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

export function copyLine(values: (string | number | null | undefined)[]): string {
  return values.map(copyField).join('\t') + '\n';
}
