/**
 * The sensor registry's store: sensors of a tenant and their bindings to containers with validity
 * periods. Every function runs on a connection inside the caller's transaction (the API wraps one
 * request in `withTransaction`, the import one row in a savepoint), and writes its change to the
 * processing log in that same transaction, so a change and who made it are durable together.
 *
 * Binding rules: a sensor has at most one open binding; binding it elsewhere closes the open one
 * at `validFrom` (default now; the first binding of a sensor holds since ever), and readings already
 * stored from `validFrom` on move to the new container, so history stays with the container the
 * sensor was really in. A validity period never overlaps an earlier one.
 */
import type pg from 'pg';
import { logChanges, type Actor } from '../store/change-log.ts';
import { RecordError, recordNotFound } from '../store/record-errors.ts';
import { invalid, normalizeSensorId, sensorProblems, staleVersion, type BindingInput, type NetworkServer, type SensorInput, type SensorPatch } from './sensor-shapes.ts';

export interface SensorRecord {
  id: string;
  model: string;
  networkServer: NetworkServer | null;
  integrationId: string | null;
  emptyDistanceMm: number;
  fullDistanceMm: number;
  reportingIntervalS: number;
  installedAt: string;
  active: boolean;
  containerId: string | null;
  /** Start of the open binding; null when unbound or bound since ever. */
  boundSince: string | null;
  version: number;
  lastSeenAt: string | null;
  batteryPct: number | null;
}

export interface BindingRecord {
  containerId: string;
  validFrom: string | null;
  validTo: string | null;
  createdAt: string;
}

const SELECT_SENSOR = `
  SELECT s.id, s.model, s.network_server, s.integration_id, s.empty_distance_mm, s.full_distance_mm, s.reporting_interval_s,
         s.installed_at, s.active, s.version, b.container_id,
         CASE WHEN b.valid_from = '-infinity' THEN NULL ELSE b.valid_from END AS bound_since,
         cs.measured_at, cs.battery_pct
    FROM sensors s
    LEFT JOIN sensor_bindings b ON b.tenant_id = s.tenant_id AND b.sensor_id = s.id AND b.valid_to IS NULL
    LEFT JOIN container_state cs ON cs.tenant_id = s.tenant_id AND cs.container_id = b.container_id AND cs.sensor_id = s.id`;

interface SensorRow {
  id: string; model: string; network_server: NetworkServer | null; integration_id: string | null; empty_distance_mm: number;
  full_distance_mm: number; reporting_interval_s: number; installed_at: Date; active: boolean; version: number;
  container_id: string | null; bound_since: Date | null; measured_at: Date | null; battery_pct: number | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toRecord(r: SensorRow): SensorRecord {
  return {
    id: r.id, model: r.model, networkServer: r.network_server, integrationId: r.integration_id, emptyDistanceMm: r.empty_distance_mm,
    fullDistanceMm: r.full_distance_mm, reportingIntervalS: r.reporting_interval_s, installedAt: r.installed_at.toISOString(),
    active: r.active, containerId: r.container_id, boundSince: iso(r.bound_since), version: r.version, lastSeenAt: iso(r.measured_at),
    batteryPct: r.battery_pct,
  };
}

export async function getSensor(db: pg.PoolClient | pg.Pool, tenantId: string, id: string): Promise<SensorRecord | undefined> {
  const { rows } = await db.query<SensorRow>(`${SELECT_SENSOR} WHERE s.tenant_id = $1 AND s.id = $2`, [tenantId, normalizeSensorId(id)]);
  return rows[0] && toRecord(rows[0]);
}

export async function listSensors(db: pg.PoolClient | pg.Pool, tenantId: string, page: { limit: number; offset: number }, filter: { containerId?: string } = {}): Promise<{ items: SensorRecord[]; total: number }> {
  const params: unknown[] = [tenantId];
  const where = ['s.tenant_id = $1'];
  if (filter.containerId) where.push(`b.container_id = $${params.push(filter.containerId)}`);
  const { rows } = await db.query<SensorRow & { total: string }>(
    `SELECT x.*, count(*) OVER () AS total FROM (${SELECT_SENSOR} WHERE ${where.join(' AND ')}) x ORDER BY x.id LIMIT $${params.push(page.limit)} OFFSET $${params.push(page.offset)}`,
    params,
  );
  return { items: rows.map(toRecord), total: Number(rows[0]?.total ?? 0) };
}

export async function listBindings(db: pg.PoolClient | pg.Pool, tenantId: string, sensorId: string): Promise<BindingRecord[]> {
  const { rows } = await db.query<{ container_id: string; valid_from: Date | null; valid_to: Date | null; created_at: Date }>(
    `SELECT b.container_id, CASE WHEN b.valid_from = '-infinity' THEN NULL ELSE b.valid_from END AS valid_from, b.valid_to, b.created_at
       FROM sensor_bindings b WHERE b.tenant_id = $1 AND b.sensor_id = $2 ORDER BY b.valid_from, b.id`,
    [tenantId, normalizeSensorId(sensorId)],
  );
  return rows.map((r) => ({ containerId: r.container_id, validFrom: iso(r.valid_from), validTo: iso(r.valid_to), createdAt: r.created_at.toISOString() }));
}

async function lockSensor(db: pg.PoolClient, tenantId: string, id: string, expectedVersion?: number): Promise<{ version: number }> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM sensors WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, id]);
  if (!rows[0]) throw recordNotFound('sensor', id);
  if (expectedVersion !== undefined && rows[0].version !== expectedVersion) throw staleVersion('sensor', id, rows[0].version);
  return rows[0];
}

async function requireIntegration(db: pg.PoolClient, tenantId: string, integrationId: string | null | undefined): Promise<void> {
  if (!integrationId) return;
  const { rowCount } = await db.query('SELECT 1 FROM network_integrations WHERE tenant_id = $1 AND id = $2', [tenantId, integrationId]);
  if (!rowCount) throw invalid([{ name: 'body.integrationId', reason: `integration ${integrationId} does not exist in this tenant` }]);
}

/** Register a sensor (and bind it when a container is given). */
export async function createSensor(db: pg.PoolClient, tenantId: string, input: SensorInput, actor: Actor | null): Promise<SensorRecord> {
  const id = normalizeSensorId(input.id);
  const problems = sensorProblems({ ...input, id });
  if (problems.length) throw invalid(problems);
  const { rows: owners } = await db.query<{ tenant_id: string }>('SELECT tenant_id FROM sensors WHERE id = $1', [id]);
  if (owners.some((o) => o.tenant_id === tenantId)) throw new RecordError('exists', `sensor ${id} is already registered`, [{ name: 'body.id', reason: 'already registered in this tenant' }]);
  if (owners.length > 0 && /^[0-9a-f]{16}$/.test(id)) {
    throw new RecordError('exists', `DevEUI ${id} is registered by another municipality`, [{ name: 'body.id', reason: 'a DevEUI can be registered in one tenant only' }]);
  }
  await requireIntegration(db, tenantId, input.integrationId);
  await db.query(
    `INSERT INTO sensors (tenant_id, id, model, network_server, integration_id, empty_distance_mm, full_distance_mm, reporting_interval_s, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [tenantId, id, input.model, input.networkServer ?? null, input.integrationId ?? null, input.emptyDistanceMm, input.fullDistanceMm,
      input.reportingIntervalS ?? 3600, input.active ?? true],
  );
  if (actor) await logChanges(db, tenantId, actor, 'create', 'sensor', [id]);
  if (input.containerId) await bindSensor(db, tenantId, id, { containerId: input.containerId, validFrom: input.validFrom }, actor);
  return (await getSensor(db, tenantId, id))!;
}

/** Change a sensor's own fields; `expectedVersion` from If-Match. */
export async function updateSensor(db: pg.PoolClient, tenantId: string, rawId: string, patch: SensorPatch, actor: Actor | null, expectedVersion?: number): Promise<SensorRecord> {
  const id = normalizeSensorId(rawId);
  await lockSensor(db, tenantId, id, expectedVersion);
  const current = (await getSensor(db, tenantId, id))!;
  const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as SensorRecord;
  const problems = sensorProblems(next);
  if (problems.length) throw invalid(problems);
  await requireIntegration(db, tenantId, next.integrationId);
  await db.query(
    `UPDATE sensors SET model = $3, network_server = $4, integration_id = $5, empty_distance_mm = $6, full_distance_mm = $7,
            reporting_interval_s = $8, active = $9, version = version + 1, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, next.model, next.networkServer, next.integrationId, next.emptyDistanceMm, next.fullDistanceMm, next.reportingIntervalS, next.active],
  );
  if (actor) await logChanges(db, tenantId, actor, 'update', 'sensor', [id]);
  return (await getSensor(db, tenantId, id))!;
}

/** Retire a sensor: inactive and unbound; its bindings and readings stay. */
export async function retireSensor(db: pg.PoolClient, tenantId: string, rawId: string, actor: Actor | null, expectedVersion?: number): Promise<void> {
  const id = normalizeSensorId(rawId);
  await lockSensor(db, tenantId, id, expectedVersion);
  await db.query(`UPDATE sensor_bindings SET valid_to = greatest(now(), valid_from + interval '1 millisecond') WHERE tenant_id = $1 AND sensor_id = $2 AND valid_to IS NULL`, [tenantId, id]);
  await db.query('UPDATE sensors SET active = false, version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  if (actor) await logChanges(db, tenantId, actor, 'retire', 'sensor', [id]);
}

export interface BindOutcome {
  changed: boolean;
  /** Readings already stored from validFrom on that now count for the new container. */
  readingsMoved: number;
}

/**
 * Bind a sensor to a container from `validFrom` (or unbind it with containerId null), closing the
 * open binding there. Registering a device also removes it from the unknown devices.
 */
export async function bindSensor(
  db: pg.PoolClient, tenantId: string, rawId: string, input: BindingInput, actor: Actor | null,
  options: { expectedVersion?: number } = {},
): Promise<BindOutcome> {
  const id = normalizeSensorId(rawId);
  await lockSensor(db, tenantId, id, options.expectedVersion);
  const containerId = input.containerId;
  if (containerId) {
    const { rowCount } = await db.query('SELECT 1 FROM containers WHERE tenant_id = $1 AND id = $2', [tenantId, containerId]);
    if (!rowCount) throw invalid([{ name: 'body.containerId', reason: `container ${containerId} does not exist in this tenant` }]);
  }
  const { rows: [latest] } = await db.query<{ id: string; container_id: string; from_ms: number | null; to_ms: number | null; open: boolean }>(
    `SELECT id, container_id, CASE WHEN valid_from = '-infinity' THEN NULL ELSE extract(epoch FROM valid_from) * 1000 END::float8 AS from_ms,
            (extract(epoch FROM valid_to) * 1000)::float8 AS to_ms, valid_to IS NULL AS open
       FROM sensor_bindings WHERE tenant_id = $1 AND sensor_id = $2 ORDER BY valid_from DESC, id DESC LIMIT 1`,
    [tenantId, id],
  );
  const fromMs = input.validFrom !== undefined ? Date.parse(input.validFrom) : latest ? Date.now() : null;
  const open = latest?.open ? latest : undefined;
  if (open && open.container_id === containerId) return { changed: false, readingsMoved: 0 };
  if (!open && !containerId) return { changed: false, readingsMoved: 0 };
  if (latest && fromMs !== null) {
    const boundary = open ? open.from_ms : latest.to_ms;
    if (boundary !== null && (open ? fromMs <= boundary : fromMs < boundary)) {
      throw invalid([{ name: 'body.validFrom', reason: `must be after ${new Date(boundary).toISOString()}, where the ${open ? 'current' : 'previous'} binding ${open ? 'starts' : 'ends'}` }]);
    }
  }
  if (latest && fromMs === null) throw invalid([{ name: 'body.validFrom', reason: 'the sensor was bound before: say when it moved' }]);
  const from = fromMs === null ? '-infinity' : new Date(fromMs).toISOString();
  if (open) await db.query('UPDATE sensor_bindings SET valid_to = $2 WHERE id = $1', [open.id, from]);
  let readingsMoved = 0;
  if (containerId) {
    await db.query('INSERT INTO sensor_bindings (tenant_id, sensor_id, container_id, valid_from, created_by) VALUES ($1, $2, $3, $4, $5)', [tenantId, id, containerId, from, actor?.actor ?? null]);
  }
  if (fromMs !== null) {
    // Readings stored since the move (a move reported late) belong to where the sensor really was.
    const moved = await db.query('UPDATE readings SET container_id = $3 WHERE tenant_id = $1 AND sensor_id = $2 AND time >= $4 AND container_id IS DISTINCT FROM $3', [tenantId, id, containerId, from]);
    readingsMoved = moved.rowCount ?? 0;
  }
  await db.query('UPDATE sensors SET version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  await db.query(`DELETE FROM unknown_devices WHERE tenant_id IN ($1, '') AND device_id = $2`, [tenantId, id]);
  if (actor) await logChanges(db, tenantId, actor, containerId ? 'bind' : 'unbind', 'sensor', [containerId ? `${id} container/${containerId}` : id]);
  return { changed: true, readingsMoved };
}
