/**
 * Sensors and tenant thresholds as the ingester needs them, cached for a while so a batch costs
 * one query only for sensors it has not seen recently. Unknown sensors are remembered briefly too,
 * so a misconfigured device sending every second does not cost a query per message.
 */
import type pg from 'pg';
import type { SensorGeometry } from '../contracts/index.ts';

export interface SensorInfo extends SensorGeometry {
  tenantId: string;
  sensorId: string;
  containerId: string | null;
  reportingIntervalS: number;
  /** tenants.settings.mustFill, default 0.8. */
  mustFill: number;
}

export const DEFAULT_MUST_FILL = 0.8;

interface Entry {
  info: SensorInfo | null;
  /** For an unknown sensor: the tenants that do have an active sensor with this id. */
  otherTenants?: string[];
  expiresAtMs: number;
}

export function sensorKey(tenantId: string, sensorId: string): string {
  return `${tenantId}\u0000${sensorId}`;
}

export class SensorRegistry {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly ttlMs = 60_000, private readonly unknownTtlMs = 5_000) {}

  /** Look the given sensors up (from the cache where fresh); unknown ones map to null. */
  async lookup(db: pg.ClientBase, keys: { tenantId: string; sensorId: string }[]): Promise<Map<string, SensorInfo | null>> {
    const now = Date.now();
    const out = new Map<string, SensorInfo | null>();
    const missing: { tenantId: string; sensorId: string }[] = [];
    for (const k of keys) {
      const key = sensorKey(k.tenantId, k.sensorId);
      if (out.has(key)) continue;
      const hit = this.cache.get(key);
      if (hit && hit.expiresAtMs > now) out.set(key, hit.info);
      else {
        out.set(key, null);
        missing.push(k);
      }
    }
    if (missing.length === 0) return out;
    const { rows } = await db.query<{
      tenant_id: string; id: string; container_id: string | null; empty_distance_mm: number; full_distance_mm: number;
      reporting_interval_s: number; must_fill: number | null;
    }>(
      `SELECT s.tenant_id, s.id, s.container_id, s.empty_distance_mm, s.full_distance_mm, s.reporting_interval_s,
              (t.settings->>'mustFill')::real AS must_fill
         FROM unnest($1::text[], $2::text[]) AS k(tenant_id, id)
         JOIN sensors s ON s.tenant_id = k.tenant_id AND s.id = k.id AND s.active
         JOIN tenants t ON t.id = s.tenant_id`,
      [missing.map((k) => k.tenantId), missing.map((k) => k.sensorId)],
    );
    const found = new Set(rows.map((r) => sensorKey(r.tenant_id, r.id)));
    const unknown = missing.filter((k) => !found.has(sensorKey(k.tenantId, k.sensorId)));
    const owners = await this.ownersOf(db, unknown.map((k) => k.sensorId));
    for (const k of unknown) {
      const otherTenants = owners.get(k.sensorId)?.filter((t) => t !== k.tenantId);
      this.cache.set(sensorKey(k.tenantId, k.sensorId), { info: null, otherTenants, expiresAtMs: now + this.unknownTtlMs });
    }
    for (const r of rows) {
      const info: SensorInfo = {
        tenantId: r.tenant_id,
        sensorId: r.id,
        containerId: r.container_id,
        emptyDistanceMm: r.empty_distance_mm,
        fullDistanceMm: r.full_distance_mm,
        reportingIntervalS: r.reporting_interval_s,
        mustFill: r.must_fill ?? DEFAULT_MUST_FILL,
      };
      const key = sensorKey(r.tenant_id, r.id);
      this.cache.set(key, { info, expiresAtMs: now + this.ttlMs });
      out.set(key, info);
    }
    return out;
  }

  /**
   * Tenants other than `tenantId` with an active sensor of this id, as of the last lookup (the
   * topic named one tenant, the sensor belongs to another: a device publishing under a tenant not
   * its own, which the broker ACL should have stopped).
   */
  otherTenantsOf(tenantId: string, sensorId: string): string[] | undefined {
    const others = this.cache.get(sensorKey(tenantId, sensorId))?.otherTenants;
    return others && others.length > 0 ? others : undefined;
  }

  private async ownersOf(db: pg.ClientBase, sensorIds: string[]): Promise<Map<string, string[]>> {
    const owners = new Map<string, string[]>();
    if (sensorIds.length === 0) return owners;
    const { rows } = await db.query<{ id: string; tenants: string[] }>(
      'SELECT id, array_agg(DISTINCT tenant_id ORDER BY tenant_id) AS tenants FROM sensors WHERE active AND id = ANY($1::text[]) GROUP BY id',
      [[...new Set(sensorIds)]],
    );
    for (const r of rows) owners.set(r.id, r.tenants);
    return owners;
  }

  /** Forget everything (tests that register sensors after a miss). */
  clear(): void {
    this.cache.clear();
  }
}

/** Messages per second the active sensors should send together (their reporting intervals). */
export async function expectedMessagesPerSecond(db: pg.Pool | pg.ClientBase): Promise<number> {
  const { rows } = await db.query<{ per_s: number | null }>('SELECT sum(1.0 / reporting_interval_s)::float8 AS per_s FROM sensors WHERE active');
  return rows[0]?.per_s ?? 0;
}
