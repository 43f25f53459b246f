/**
 * One record at a time, as the API edits master data: read with its version (the ETag), create,
 * replace when the caller's version is still current (else stale → 412), delete — or retire, for
 * kinds whose history must stay. Every change is logged in its own transaction.
 */
import type pg from 'pg';
import { withTransaction } from '../../platform/db.ts';
import { InputError } from '../../platform/errors.ts';
import { logChanges, type Actor } from './change-log.ts';
import { missingReferences, retire } from './bulk-upsert.ts';
import { RecordError, recordNotFound } from './record-errors.ts';
import { columnExpr, paramType, paramValue, type ColumnSpec, type TableSpec } from './table-spec.ts';

export interface Versioned<R> {
  readonly record: R;
  readonly version: number;
}

export interface ListOptions {
  readonly limit: number;
  readonly offset: number;
  /** Retired records are left out unless asked for. */
  readonly includeRetired?: boolean;
}

export class Records<I extends { id: string }, R> {
  constructor(private readonly pool: pg.Pool, readonly spec: TableSpec<I, R>) {}

  async get(tenantId: string, id: string): Promise<Versioned<R>> {
    const { rows } = await this.pool.query(`SELECT * FROM ${this.spec.table} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    if (!rows[0]) throw recordNotFound(this.spec.noun, id);
    return { record: this.spec.toRecord(rows[0]), version: Number(rows[0].version) };
  }

  async list(tenantId: string, o: ListOptions): Promise<{ items: R[]; total: number }> {
    const hide = this.spec.retires && !o.includeRetired ? 'AND retired_at IS NULL' : '';
    const { rows } = await this.pool.query(
      `SELECT *, count(*) OVER () AS total FROM ${this.spec.table} WHERE tenant_id = $1 ${hide} ORDER BY id LIMIT $2 OFFSET $3`,
      [tenantId, o.limit, o.offset],
    );
    return { items: rows.map((r) => this.spec.toRecord(r)), total: Number(rows[0]?.total ?? 0) };
  }

  async create(tenantId: string, input: I, actor: Actor): Promise<Versioned<R>> {
    return withTransaction(this.pool, async (client) => {
      await this.checkReferences(client, tenantId, input);
      const cols = this.allColumns();
      const { rows } = await client.query(
        `INSERT INTO ${this.spec.table} (tenant_id, ${cols.map((c) => c.column).join(', ')})
         VALUES ($1, ${cols.map((c, k) => columnExpr(c.type, `$${k + 2}::${paramType(c.type)}`)).join(', ')})
         ON CONFLICT (tenant_id, id) DO NOTHING RETURNING *`,
        [tenantId, ...cols.map((c) => paramValue(c.type, c.value(input)))],
      );
      if (!rows[0]) throw new RecordError('exists', `${this.spec.noun} ${input.id} exists already`, [{ name: 'body.id', reason: 'already taken: update it with PUT' }]);
      await logChanges(client, tenantId, actor, 'create', this.spec.noun, [input.id]);
      return { record: this.spec.toRecord(rows[0]), version: Number(rows[0].version) };
    });
  }

  /** Replaces the record when `expectedVersion` is current; derived columns (road snap) are cleared. */
  async replace(tenantId: string, input: I, expectedVersion: number | undefined, actor: Actor): Promise<Versioned<R>> {
    return withTransaction(this.pool, async (client) => {
      await this.checkReferences(client, tenantId, input);
      const content = this.spec.columns;
      const sets = content.map((c, k) => `${c.column} = ${columnExpr(c.type, `$${k + 4}::${paramType(c.type)}`)}`);
      for (const d of this.spec.derived ?? []) sets.push(`${d.column} = NULL`);
      if (this.spec.retires) sets.push('retired_at = NULL');
      const { rows } = await client.query(
        `UPDATE ${this.spec.table} SET ${sets.join(', ')}, version = version + 1, updated_at = now()
          WHERE tenant_id = $1 AND id = $2 AND ($3::int IS NULL OR version = $3) RETURNING *`,
        [tenantId, input.id, expectedVersion ?? null, ...content.map((c) => paramValue(c.type, c.value(input)))],
      );
      if (!rows[0]) throw await this.whyNot(client, tenantId, input.id, expectedVersion);
      await logChanges(client, tenantId, actor, 'update', this.spec.noun, [input.id]);
      return { record: this.spec.toRecord(rows[0]), version: Number(rows[0].version) };
    });
  }

  /** Deletes the record (or retires it, for kinds with history); a record others still use stays (in use). */
  async remove(tenantId: string, id: string, expectedVersion: number | undefined, actor: Actor): Promise<'deleted' | 'retired'> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${this.spec.table} WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      if (!rows[0] || (expectedVersion !== undefined && Number(rows[0].version) !== expectedVersion)) throw await this.whyNot(client, tenantId, id, expectedVersion);
      if (this.spec.retires) {
        await retire(client, this.spec.table, tenantId, [id]);
        await logChanges(client, tenantId, actor, 'retire', this.spec.noun, [id]);
        return 'retired';
      }
      try {
        await client.query('SAVEPOINT remove');
        await client.query(`DELETE FROM ${this.spec.table} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      } catch (err) {
        if ((err as { code?: string }).code !== '23503') throw err;
        await client.query('ROLLBACK TO SAVEPOINT remove');
        throw new RecordError('in-use', `${this.spec.noun} ${id} is still used (${(err as { table?: string }).table ?? 'other records'} refer to it)`, [
          { name: 'path.id', reason: 'still referred to; change or remove those records first' },
        ]);
      }
      await logChanges(client, tenantId, actor, 'delete', this.spec.noun, [id]);
      return 'deleted';
    });
  }

  private allColumns(): ColumnSpec<I>[] {
    return [{ column: 'id', type: 'text', value: (i) => i.id }, ...this.spec.columns, ...(this.spec.derived ?? [])];
  }

  private async checkReferences(client: pg.PoolClient, tenantId: string, input: I): Promise<void> {
    const missing = await missingReferences(client, this.spec, tenantId, [input]);
    if (missing.length) throw new InputError(missing.map((m) => m.reason).join('; '), missing.map((m) => ({ name: `body.${m.field}`, reason: m.reason })));
  }

  private async whyNot(client: pg.PoolClient, tenantId: string, id: string, expectedVersion: number | undefined): Promise<RecordError> {
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${this.spec.table} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    if (!rows[0]) return recordNotFound(this.spec.noun, id);
    return new RecordError('stale', `${this.spec.noun} ${id} was changed by someone else (version ${rows[0].version}, yours ${expectedVersion})`, [
      { name: 'headers.if-match', reason: `stale: the current ETag is "${rows[0].version}"; read the record again` },
    ]);
  }
}
