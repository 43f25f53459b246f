/**
 * Alerts in the database: resolve the kinds a batch cleared, raise the ones it triggered. The
 * partial unique index `alerts_open_key` keeps one open alert per sensor, container and kind, so
 * a condition that persists (or several ingesters seeing it) raises once; only alerts actually
 * inserted are returned, to be published. The text's code and parameters are kept in `data.text`
 * (the English rendering in `message`), so the API renders it in the tenant's language.
 */
import type pg from 'pg';
import type { AlertMessage } from '../contracts/index.ts';
import type { AlertDraft, AlertKey } from '../pipeline/alert-rules.ts';
import { alertDataOf, alertTextOf } from '../contracts/alert.ts';

interface AlertRow {
  id: string;
  tenant_id: string;
  kind: AlertMessage['kind'];
  severity: AlertMessage['severity'];
  container_id: string | null;
  sensor_id: string | null;
  message: string;
  data: Record<string, unknown>;
  raised_at: Date;
}

export function alertRowToMessage(r: AlertRow): AlertMessage {
  const m: AlertMessage = {
    id: r.id, tenantId: r.tenant_id, kind: r.kind, severity: r.severity, message: r.message, data: alertDataOf(r.data),
    ...alertTextOf(r),
    raisedAt: r.raised_at.toISOString(),
  };
  if (r.container_id) m.containerId = r.container_id;
  if (r.sensor_id) m.sensorId = r.sensor_id;
  return m;
}

export async function resolveAlerts(db: pg.ClientBase, keys: AlertKey[]): Promise<number> {
  if (keys.length === 0) return 0;
  // One element per sensor with its kinds joined: a batch resolves up to six kinds for every
  // sensor in it, and sending them as separate array elements cost more than the UPDATE itself.
  const bySensor = new Map<string, { tenantId: string; sensorId: string; kinds: string[] }>();
  for (const k of keys) {
    const key = `${k.tenantId}\u0000${k.sensorId}`;
    const entry = bySensor.get(key);
    if (entry) entry.kinds.push(k.kind);
    else bySensor.set(key, { tenantId: k.tenantId, sensorId: k.sensorId, kinds: [k.kind] });
  }
  const entries = [...bySensor.values()];
  const res = await db.query(
    `UPDATE alerts a SET resolved_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k(tenant_id, sensor_id, kinds)
      WHERE a.resolved_at IS NULL AND a.tenant_id = k.tenant_id AND a.sensor_id = k.sensor_id
        AND a.kind = ANY (string_to_array(k.kinds, ','))`,
    [entries.map((e) => e.tenantId), entries.map((e) => e.sensorId), entries.map((e) => e.kinds.join(','))],
  );
  return res.rowCount ?? 0;
}

export async function raiseAlerts(db: pg.Pool | pg.ClientBase, drafts: AlertDraft[]): Promise<AlertMessage[]> {
  if (drafts.length === 0) return [];
  const { rows } = await db.query<AlertRow>(
    `INSERT INTO alerts (tenant_id, kind, severity, container_id, sensor_id, message, data)
     SELECT tenant_id, kind, severity, container_id, sensor_id, message, data
       FROM json_to_recordset($1::json) AS d(tenant_id text, kind text, severity text, container_id text, sensor_id text, message text, data jsonb)
     ON CONFLICT (tenant_id, coalesce(sensor_id, ''), coalesce(container_id, ''), kind) WHERE resolved_at IS NULL DO NOTHING
     RETURNING id, tenant_id, kind, severity, container_id, sensor_id, message, data, raised_at`,
    [JSON.stringify(drafts.map((d) => ({
      tenant_id: d.tenantId, kind: d.kind, severity: d.severity, container_id: d.containerId, sensor_id: d.sensorId, message: d.message,
      data: { ...d.data, text: d.text },
    })))],
  );
  return rows.map(alertRowToMessage);
}
