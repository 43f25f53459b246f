/**
 * Devices whose readings arrived but that nobody registered (the ingester keeps the list beside the
 * dead letters), and the one action on them: register the device as a sensor bound to a container.
 */
import type pg from 'pg';
import type { Actor } from '../store/change-log.ts';
import { recordNotFound } from '../store/record-errors.ts';
import type { DeviceModel } from '../../ingest/contracts/devices/index.ts';
import type { NetworkServer } from './sensor-shapes.ts';
import { createSensor, type SensorRecord } from './sensor-store.ts';

export interface UnknownDeviceRecord {
  deviceId: string;
  format: string;
  integrationId: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  lastReadingTime: string | null;
  lastFillLevel: number | null;
  lastDistanceMm: number | null;
  messages: number;
}

export interface RegisterUnknownDevice {
  containerId: string;
  model: DeviceModel;
  networkServer?: NetworkServer;
  emptyDistanceMm: number;
  fullDistanceMm: number;
  reportingIntervalS?: number;
  validFrom?: string;
}

export async function listUnknownDevices(db: pg.Pool | pg.PoolClient, tenantId: string, page: { limit: number; offset: number }): Promise<{ items: UnknownDeviceRecord[]; total: number }> {
  const { rows } = await db.query(
    `SELECT *, count(*) OVER () AS total FROM unknown_devices WHERE tenant_id = $1 ORDER BY last_seen_at DESC, device_id LIMIT $2 OFFSET $3`,
    [tenantId, page.limit, page.offset],
  );
  const items = rows.map((r) => ({
    deviceId: r.device_id, format: r.format, integrationId: r.integration_id, firstSeenAt: r.first_seen_at.toISOString(), lastSeenAt: r.last_seen_at.toISOString(),
    lastReadingTime: r.last_reading_time?.toISOString() ?? null, lastFillLevel: r.last_fill_level, lastDistanceMm: r.last_distance_mm, messages: Number(r.messages),
  }));
  return { items, total: Number(rows[0]?.total ?? 0) };
}

const NETWORK_SERVER_OF_FORMAT: Record<string, NetworkServer> = { ttn: 'things-stack', chirpstack: 'chirpstack', native: 'none', senml: 'none' };

/** Register an unknown device of this tenant as a sensor bound to a container; it leaves the list. */
export async function registerUnknownDevice(db: pg.PoolClient, tenantId: string, deviceId: string, input: RegisterUnknownDevice, actor: Actor): Promise<SensorRecord> {
  const { rows: [seen] } = await db.query<{ format: string; integration_id: string | null }>(
    'SELECT format, integration_id FROM unknown_devices WHERE tenant_id = $1 AND device_id = $2 FOR UPDATE', [tenantId, deviceId],
  );
  if (!seen) throw recordNotFound('unknown device', deviceId);
  return createSensor(db, tenantId, {
    id: deviceId,
    model: input.model,
    networkServer: input.networkServer ?? NETWORK_SERVER_OF_FORMAT[seen.format],
    integrationId: seen.integration_id,
    emptyDistanceMm: input.emptyDistanceMm,
    fullDistanceMm: input.fullDistanceMm,
    reportingIntervalS: input.reportingIntervalS,
    containerId: input.containerId,
    validFrom: input.validFrom,
  }, actor);
}
