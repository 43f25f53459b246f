/**
 * Upserts many records of one kind in one statement (arrays through unnest: thousands of rows per
 * round trip, as the scenario loader did), keyed on (tenant, the municipality's own id). A row whose
 * content columns equal the stored ones is left alone and counted unchanged; a changed row gets a
 * new version. Rows retired earlier come back when they appear again.
 */
import type pg from 'pg';
import { columnExpr, paramType, paramValue, type ColumnSpec, type TableSpec } from './table-spec.ts';

export interface UpsertCounts {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  /** Rows a kind's own store refused (all or nothing per row), by id: reported as row errors. */
  readonly rejected?: readonly { id: string; field: string; reason: string }[];
}

export async function bulkUpsert<I extends { id: string }, R>(
  db: pg.Pool | pg.PoolClient,
  spec: TableSpec<I, R>,
  tenantId: string,
  inputs: readonly I[],
): Promise<UpsertCounts> {
  if (inputs.length === 0) return { created: [], updated: [], unchanged: [] };
  const content = spec.columns;
  const all: readonly ColumnSpec<I>[] = [{ column: 'id', type: 'text', value: (i) => i.id }, ...content, ...(spec.derived ?? [])];
  const params: unknown[] = [tenantId, ...all.map((c) => inputs.map((i) => paramValue(c.type, c.value(i))))];
  const unnestArgs = all.map((c, k) => `$${k + 2}::${paramType(c.type)}[]`).join(', ');
  const aliases = all.map((_, k) => `c${k}`).join(', ');
  const select = all.map((c, k) => columnExpr(c.type, `u.c${k}`)).join(', ');
  const names = all.map((c) => c.column);
  const set = [...content, ...(spec.derived ?? [])].map((c) => `${c.column} = EXCLUDED.${c.column}`);
  set.push('version = cur.version + 1', 'updated_at = now()');
  if (spec.retires) set.push('retired_at = NULL');
  const compared = content.map((c) => c.column);
  const changed = `(${compared.map((c) => `cur.${c}`).join(', ')}) IS DISTINCT FROM (${compared.map((c) => `EXCLUDED.${c}`).join(', ')})${spec.retires ? ' OR cur.retired_at IS NOT NULL' : ''}`;
  const { rows } = await db.query<{ id: string; created: boolean }>(
    `INSERT INTO ${spec.table} AS cur (tenant_id, ${names.join(', ')})
     SELECT $1, ${select} FROM unnest(${unnestArgs}) AS u(${aliases})
     ON CONFLICT (tenant_id, id) DO UPDATE SET ${set.join(', ')} WHERE ${changed}
     RETURNING cur.id, (xmax = 0) AS created`,
    params,
  );
  const created: string[] = [];
  const updated: string[] = [];
  const touched = new Set<string>();
  for (const r of rows) {
    (r.created ? created : updated).push(r.id);
    touched.add(r.id);
  }
  return { created, updated, unchanged: inputs.map((i) => i.id).filter((id) => !touched.has(id)) };
}

/** Stored, not retired records of the kind that are not among `keep`. */
export async function missingIds(db: pg.Pool | pg.PoolClient, table: string, tenantId: string, keep: readonly string[], retires: boolean): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM ${table} WHERE tenant_id = $1 ${retires ? 'AND retired_at IS NULL' : ''} AND NOT (id = ANY($2::text[])) ORDER BY id`,
    [tenantId, keep],
  );
  return rows.map((r) => r.id);
}

/** Retires the given records: inactive, never planned again, history kept. */
export async function retire(db: pg.Pool | pg.PoolClient, table: string, tenantId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `UPDATE ${table} SET active = false, retired_at = now(), version = version + 1, updated_at = now()
      WHERE tenant_id = $1 AND id = ANY($2::text[]) AND retired_at IS NULL RETURNING id`,
    [tenantId, ids],
  );
  return rows.map((r) => r.id).sort();
}

/** For each reference of the spec, the rows (index) naming a record that does not exist. */
export async function missingReferences<I extends { id: string }, R>(
  db: pg.Pool | pg.PoolClient,
  spec: TableSpec<I, R>,
  tenantId: string,
  inputs: readonly I[],
): Promise<{ index: number; field: string; reason: string }[]> {
  const errors: { index: number; field: string; reason: string }[] = [];
  for (const ref of spec.references ?? []) {
    const wanted = [...new Set(inputs.map(ref.value))];
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM ${ref.table} WHERE tenant_id = $1 AND id = ANY($2::text[])`, [tenantId, wanted]);
    const known = new Set(rows.map((r) => r.id));
    inputs.forEach((input, index) => {
      const id = ref.value(input);
      if (!known.has(id)) errors.push({ index, field: ref.field, reason: `no ${ref.noun} ${id}` });
    });
  }
  return errors;
}
