/**
 * Sensors, their container bindings and tenant thresholds as the ingester needs them, cached so a
 * batch costs a query only for sensors it has not seen recently. Unknown sensors are remembered
 * briefly too, so a misconfigured device sending every second does not cost a query per message.
 *
 * A sensor is looked up in a known tenant (native topics, an integration's uplinks) or, for a
 * LoRaWAN uplink on the installation's own broker, by its DevEUI alone: a DevEUI is registered in
 * one tenant (migration 006), which is then the reading's tenant.
 *
 * The cache follows registry changes: at most every `versionCheckMs` the counter
 * `sensor_registry_version` (bumped in every transaction that writes sensors or bindings) is read,
 * and a moved counter empties the cache, so a rebinding or a new registration counts within about a
 * second instead of a TTL.
 */
import type pg from 'pg';
import type { SensorGeometry } from '../contracts/index.ts';

/** A validity period of a sensor's binding: [fromMs, toMs), -Infinity / Infinity when open. */
export interface SensorBinding {
  containerId: string;
  fromMs: number;
  toMs: number;
}

export interface SensorInfo extends SensorGeometry {
  tenantId: string;
  sensorId: string;
  /** The container of the open binding (or, in a reading row, of the binding at the reading's time). */
  containerId: string | null;
  /** Every binding, oldest first; absent: `containerId` holds at any time. */
  bindings?: readonly SensorBinding[];
  reportingIntervalS: number;
  /** tenants.settings.mustFill, default 0.8. */
  mustFill: number;
}

export const DEFAULT_MUST_FILL = 0.8;

/** A sensor to look up: in a tenant, or (tenantId null) by DevEUI across tenants. */
export interface SensorKey {
  tenantId: string | null;
  sensorId: string;
}

interface Entry {
  info: SensorInfo | null;
  /** For an unknown sensor: the tenants that do have an active sensor with this id. */
  otherTenants?: string[];
  expiresAtMs: number;
}

export function sensorKey(tenantId: string | null, sensorId: string): string {
  return tenantId === null ? `\u0001${sensorId}` : `${tenantId}\u0000${sensorId}`;
}

/** The container of a reading at its ISO time; the common case (one binding since ever) parses no date. */
export function containerOfReading(sensor: SensorInfo, time: string): string | null {
  const b = sensor.bindings;
  if (!b || (b.length === 1 && b[0]!.fromMs === -Infinity && b[0]!.toMs === Infinity)) return sensor.containerId;
  return containerAt(sensor, Date.parse(time));
}

/** The container a sensor was bound to at a time, or null when it was bound to none. */
export function containerAt(sensor: SensorInfo, timeMs: number): string | null {
  if (!sensor.bindings) return sensor.containerId;
  for (let i = sensor.bindings.length - 1; i >= 0; i--) {
    const b = sensor.bindings[i]!;
    if (timeMs >= b.fromMs) return timeMs < b.toMs ? b.containerId : null;
  }
  return null;
}

interface Row {
  tenant_id: string; id: string; empty_distance_mm: number; full_distance_mm: number; reporting_interval_s: number;
  must_fill: number | null; bindings: { c: string; f: number | null; t: number | null }[];
}

const COLUMNS = `s.tenant_id, s.id, s.empty_distance_mm, s.full_distance_mm, s.reporting_interval_s,
       (t.settings->>'mustFill')::real AS must_fill,
       (SELECT coalesce(json_agg(json_build_object(
                  'c', b.container_id,
                  'f', CASE WHEN b.valid_from = '-infinity' THEN NULL ELSE extract(epoch FROM b.valid_from) * 1000 END,
                  't', extract(epoch FROM b.valid_to) * 1000) ORDER BY b.valid_from), '[]')
          FROM sensor_bindings b WHERE b.tenant_id = s.tenant_id AND b.sensor_id = s.id) AS bindings`;

function toInfo(r: Row): SensorInfo {
  const bindings = r.bindings.map((b) => ({ containerId: b.c, fromMs: b.f ?? -Infinity, toMs: b.t ?? Infinity }));
  const open = bindings.find((b) => b.toMs === Infinity);
  return {
    tenantId: r.tenant_id,
    sensorId: r.id,
    containerId: open?.containerId ?? null,
    bindings,
    emptyDistanceMm: r.empty_distance_mm,
    fullDistanceMm: r.full_distance_mm,
    reportingIntervalS: r.reporting_interval_s,
    mustFill: r.must_fill ?? DEFAULT_MUST_FILL,
  };
}

export interface SensorRegistryOptions {
  ttlMs?: number;
  unknownTtlMs?: number;
  /** How often the registry's change counter is compared (0: before every lookup). */
  versionCheckMs?: number;
}

export class SensorRegistry {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly unknownTtlMs: number;
  private readonly versionCheckMs: number;
  private version: string | undefined;
  private versionCheckedAtMs = -Infinity;

  constructor(options: SensorRegistryOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.unknownTtlMs = options.unknownTtlMs ?? 5_000;
    this.versionCheckMs = options.versionCheckMs ?? 1_000;
  }

  private async followChanges(db: pg.ClientBase, now: number): Promise<void> {
    if (now - this.versionCheckedAtMs < this.versionCheckMs) return;
    this.versionCheckedAtMs = now;
    const { rows } = await db.query<{ version: string }>('SELECT version FROM sensor_registry_version');
    const version = rows[0]?.version ?? '0';
    if (version !== this.version) this.cache.clear();
    this.version = version;
  }

  /** Look the given sensors up (from the cache where fresh); unknown ones map to null. */
  async lookup(db: pg.ClientBase, keys: readonly SensorKey[]): Promise<Map<string, SensorInfo | null>> {
    const now = Date.now();
    await this.followChanges(db, now);
    const out = new Map<string, SensorInfo | null>();
    const inTenant: SensorKey[] = [];
    const byDevEui: string[] = [];
    for (const k of keys) {
      const key = sensorKey(k.tenantId, k.sensorId);
      if (out.has(key)) continue;
      const hit = this.cache.get(key);
      if (hit && hit.expiresAtMs > now) out.set(key, hit.info);
      else {
        out.set(key, null);
        if (k.tenantId === null) byDevEui.push(k.sensorId);
        else inTenant.push(k);
      }
    }
    const found: Row[] = [];
    if (inTenant.length > 0) {
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS}
           FROM unnest($1::text[], $2::text[]) AS k(tenant_id, id)
           JOIN sensors s ON s.tenant_id = k.tenant_id AND s.id = k.id AND s.active
           JOIN tenants t ON t.id = s.tenant_id`,
        [inTenant.map((k) => k.tenantId), inTenant.map((k) => k.sensorId)],
      );
      const hits = new Set(rows.map((r) => sensorKey(r.tenant_id, r.id)));
      const unknown = inTenant.filter((k) => !hits.has(sensorKey(k.tenantId, k.sensorId)));
      const owners = await this.ownersOf(db, unknown.map((k) => k.sensorId));
      for (const k of unknown) {
        const otherTenants = owners.get(k.sensorId)?.filter((t) => t !== k.tenantId);
        this.cache.set(sensorKey(k.tenantId, k.sensorId), { info: null, otherTenants, expiresAtMs: now + this.unknownTtlMs });
      }
      found.push(...rows);
    }
    if (byDevEui.length > 0) {
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM sensors s JOIN tenants t ON t.id = s.tenant_id WHERE s.id = ANY($1::text[]) AND s.active`,
        [byDevEui],
      );
      for (const id of byDevEui) this.cache.set(sensorKey(null, id), { info: null, expiresAtMs: now + this.unknownTtlMs });
      // A vendor id (not a DevEUI) may exist in several tenants: then it tells no tenant.
      const tenants = new Map<string, number>();
      for (const r of rows) tenants.set(r.id, (tenants.get(r.id) ?? 0) + 1);
      for (const r of rows) {
        if (tenants.get(r.id) !== 1) continue;
        const info = toInfo(r);
        this.cache.set(sensorKey(null, r.id), { info, expiresAtMs: now + this.ttlMs });
        out.set(sensorKey(null, r.id), info);
      }
    }
    for (const r of found) {
      const info = toInfo(r);
      const key = sensorKey(r.tenant_id, r.id);
      this.cache.set(key, { info, expiresAtMs: now + this.ttlMs });
      out.set(key, info);
    }
    return out;
  }

  /**
   * Tenants other than `tenantId` with an active sensor of this id, as of the last lookup (the
   * topic or integration named one tenant, the sensor belongs to another: a device publishing under
   * a tenant not its own, which the broker ACL should have stopped).
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
