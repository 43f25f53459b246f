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
    for (const k of missing) this.cache.set(sensorKey(k.tenantId, k.sensorId), { info: null, expiresAtMs: now + this.unknownTtlMs });
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

  /** Forget everything (tests that register sensors after a miss). */
  clear(): void {
    this.cache.clear();
  }
}
