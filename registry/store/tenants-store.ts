/**
 * Tenants (municipalities): create idempotently, update name, time zone and settings (a patch:
 * given keys replace the stored ones, the rest stays), list. Settings are validated against the
 * one schema and stored normalized, with the legacy top-level mustFill/mayFill kept in step for
 * readers that still look there (ingest's full alert, the plan policy).
 */
import type pg from 'pg';
import { Value } from '@sinclair/typebox/value';
import { withTransaction } from '../../platform/db.ts';
import { InputError, type ErrorDetail } from '../../platform/errors.ts';
import { readTenantSettings, type TenantSettings } from '../tenant-settings.ts';
import { TenantInput, TenantSettingsPatch } from '../master-data-shapes.ts';
import { logChanges, type Actor } from './change-log.ts';
import { RecordError, recordNotFound } from './record-errors.ts';
import { iso } from './table-spec.ts';

export interface TenantRecord {
  id: string;
  name: string;
  timeZone: string;
  settings: TenantSettings;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TenantChange {
  name?: string;
  timeZone?: string;
  settings?: TenantSettingsPatch;
}

/** TypeBox errors as the product's named-field details. */
export function schemaErrors(schema: Parameters<typeof Value.Errors>[0], value: unknown, prefix: string): ErrorDetail[] {
  return [...Value.Errors(schema, value)].map((e) => ({ name: `${prefix}${e.path.replace(/\//g, '.')}`.replace(/\.$/, ''), reason: e.message }));
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function validateChange(change: TenantChange, prefix: string): void {
  const details: ErrorDetail[] = [];
  if (change.timeZone !== undefined && !isTimeZone(change.timeZone)) details.push({ name: `${prefix}timeZone`, reason: `unknown time zone ${change.timeZone} (IANA name, e.g. Europe/Amsterdam)` });
  if (change.settings !== undefined) {
    details.push(...schemaErrors(TenantSettingsPatch, change.settings, `${prefix}settings`));
    const t = change.settings.thresholds;
    if (t && t.mayFill > t.mustFill) details.push({ name: `${prefix}settings.thresholds.mayFill`, reason: 'must be at most mustFill' });
    const a = change.settings.area;
    if (a && (a[0] >= a[2] || a[1] >= a[3])) details.push({ name: `${prefix}settings.area`, reason: '[minLon, minLat, maxLon, maxLat] with min below max' });
  }
  if (details.length) throw new InputError('invalid tenant settings', details);
}

/** The stored settings after a patch, normalized. */
export function mergeSettings(stored: unknown, patch: TenantSettingsPatch | undefined): Record<string, unknown> {
  const merged = readTenantSettings({ ...readTenantSettings(stored), ...(patch ?? {}) });
  return { ...merged, mustFill: merged.thresholds.mustFill, mayFill: merged.thresholds.mayFill };
}

function toRecord(r: Record<string, unknown>): TenantRecord {
  return {
    id: r.id as string,
    name: r.name as string,
    timeZone: r.time_zone as string,
    settings: readTenantSettings(r.settings),
    version: Number(r.version),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export class TenantStore {
  constructor(private readonly pool: pg.Pool) {}

  async get(id: string): Promise<TenantRecord> {
    const { rows } = await this.pool.query('SELECT * FROM tenants WHERE id = $1', [id]);
    if (!rows[0]) throw recordNotFound('tenant', id);
    return toRecord(rows[0]);
  }

  async list(): Promise<TenantRecord[]> {
    const { rows } = await this.pool.query('SELECT * FROM tenants ORDER BY id');
    return rows.map(toRecord);
  }

  /**
   * Creates the tenant, or brings an existing one to the given name, time zone and settings
   * (idempotent: the same call twice changes nothing the second time).
   */
  async ensure(input: TenantInput, actor: Actor, db?: pg.PoolClient): Promise<{ tenant: TenantRecord; outcome: 'created' | 'updated' | 'unchanged' }> {
    const details = schemaErrors(TenantInput, input, '');
    if (details.length) throw new InputError('invalid tenant', details);
    validateChange(input, '');
    const run = async (client: pg.PoolClient) => {
      const { rows: before } = await client.query('SELECT * FROM tenants WHERE id = $1 FOR UPDATE', [input.id]);
      const settings = mergeSettings(before[0]?.settings, input.settings);
      const timeZone = input.timeZone ?? (before[0]?.time_zone as string | undefined) ?? 'Europe/Amsterdam';
      const { rows } = await client.query(
        `INSERT INTO tenants AS cur (id, name, time_zone, settings) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, settings = EXCLUDED.settings,
           version = cur.version + 1, updated_at = now()
         WHERE (cur.name, cur.time_zone, cur.settings) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.time_zone, EXCLUDED.settings)
         RETURNING *`,
        [input.id, input.name, timeZone, JSON.stringify(settings)],
      );
      const outcome = !before[0] ? 'created' : rows[0] ? 'updated' : 'unchanged';
      if (outcome !== 'unchanged') await logChanges(client, input.id, actor, outcome === 'created' ? 'create' : 'update', 'tenant', [input.id]);
      const { rows: after } = await client.query('SELECT * FROM tenants WHERE id = $1', [input.id]);
      return { tenant: toRecord(after[0]!), outcome } as const;
    };
    return db ? run(db) : withTransaction(this.pool, run);
  }

  /** Creates a new tenant; one that exists already is a conflict (the API's POST). */
  async create(input: TenantInput, actor: Actor): Promise<TenantRecord> {
    return withTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query('SELECT 1 FROM tenants WHERE id = $1', [input.id]);
      if (rowCount) throw new RecordError('exists', `tenant ${input.id} exists already`, [{ name: 'body.id', reason: 'already taken' }]);
      return (await this.ensure(input, actor, client)).tenant;
    });
  }

  /** Changes name, time zone or settings when `expectedVersion` (if given) is still current. */
  async update(id: string, change: TenantChange, expectedVersion: number | undefined, actor: Actor, prefix = ''): Promise<TenantRecord> {
    validateChange(change, prefix);
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query('SELECT * FROM tenants WHERE id = $1 FOR UPDATE', [id]);
      const cur = rows[0];
      if (!cur) throw recordNotFound('tenant', id);
      if (expectedVersion !== undefined && Number(cur.version) !== expectedVersion) {
        throw new RecordError('stale', `tenant ${id} was changed by someone else (version ${cur.version}, yours ${expectedVersion})`, [
          { name: 'headers.if-match', reason: `stale: the current ETag is "${cur.version}"; read the settings again` },
        ]);
      }
      const { rows: updated } = await client.query(
        `UPDATE tenants SET name = $2, time_zone = $3, settings = $4, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, change.name ?? cur.name, change.timeZone ?? cur.time_zone, JSON.stringify(mergeSettings(cur.settings, change.settings))],
      );
      await logChanges(client, id, actor, 'update', 'tenant', [id]);
      return toRecord(updated[0]!);
    });
  }
}
