/**
 * How one kind of master data maps onto its table: the columns written from an input (with the
 * input's defaults applied), the derived columns (a road snap: written, never compared), the
 * references that must exist, and how a stored row reads back. One spec per kind; the bulk upsert
 * and the single-record writes are generic over it.
 */
export type PgType = 'text' | 'float8' | 'int4' | 'bool' | 'jsonb' | 'time' | 'text[]';

export interface ColumnSpec<I> {
  readonly column: string;
  readonly type: PgType;
  readonly value: (input: I) => unknown;
}

export interface ReferenceSpec<I> {
  /** Field of the input that names the other record (for the error). */
  readonly field: string;
  readonly table: string;
  readonly noun: string;
  readonly value: (input: I) => string;
}

export interface TableSpec<I extends { id: string }, R> {
  /** Import kind and URL segment: containers, vehicle-types … */
  readonly kind: string;
  /** Singular, for messages and processing-log objects. */
  readonly noun: string;
  readonly table: string;
  /** Content columns (compared for "unchanged"); `id` is always the key and not listed. */
  readonly columns: readonly ColumnSpec<I>[];
  readonly derived?: readonly ColumnSpec<I>[];
  readonly references?: readonly ReferenceSpec<I>[];
  /** Rows are retired (active = false, retired_at set), never deleted: their history stays. */
  readonly retires?: boolean;
  /** A stored row (SELECT *) as the API's record. */
  readonly toRecord: (row: Record<string, unknown>) => R;
}

/** How a value travels in an unnest array and becomes the column's value. */
export function paramType(type: PgType): string {
  return type === 'jsonb' || type === 'time' || type === 'text[]' ? 'text' : type;
}

export function columnExpr(type: PgType, ref: string): string {
  if (type === 'jsonb') return `${ref}::jsonb`;
  if (type === 'time') return `${ref}::time`;
  // text[] travels as a JSON array: unnest would flatten a two-dimensional array
  if (type === 'text[]') return `ARRAY(SELECT jsonb_array_elements_text(${ref}::jsonb))`;
  return ref;
}

export function paramValue(type: PgType, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'jsonb' || type === 'text[]') return JSON.stringify(value);
  return value;
}

export const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);
/** A stored `time` as HH:MM (seconds only when set). */
export const hhmm = (t: unknown) => (typeof t === 'string' ? t.replace(/:00$/, '') : null);

/** The version and change time every stored record reads back with. */
export const recordMeta = (r: Record<string, unknown>) => ({ version: Number(r.version), updatedAt: iso(r.updated_at)! });
