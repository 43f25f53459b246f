/** Tenant time zone and policy settings, cached briefly: read on almost every request. */
import type pg from 'pg';
import { HttpProblem } from './problem.ts';

export interface TenantInfo {
  id: string;
  timeZone: string;
  settings: Record<string, unknown>;
}

export class Tenants {
  private readonly cache = new Map<string, { info: TenantInfo; until: number }>();
  constructor(private readonly pool: pg.Pool, private readonly ttlMs = 60_000) {}

  async get(id: string): Promise<TenantInfo> {
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.info;
    const { rows } = await this.pool.query<{ id: string; time_zone: string; settings: Record<string, unknown> }>(
      'SELECT id, time_zone, settings FROM tenants WHERE id = $1',
      [id],
    );
    if (!rows[0]) throw new HttpProblem(404, 'Not Found', `tenant ${id} does not exist`, [{ name: 'querystring.tenant', reason: 'unknown tenant' }]);
    const info = { id: rows[0].id, timeZone: rows[0].time_zone, settings: rows[0].settings };
    this.cache.set(id, { info, until: Date.now() + this.ttlMs });
    return info;
  }

  /** Drops the cached tenant after its settings changed. */
  forget(id: string): void {
    this.cache.delete(id);
  }
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per time zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) at an instant in a time zone. */
export function localDate(timeZone: string, at: Date = new Date()): string {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(at);
}
