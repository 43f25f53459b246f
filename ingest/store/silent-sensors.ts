/**
 * Raises `silent` alerts for active sensors whose last reading is older than three reporting
 * intervals (or that never reported within three intervals of installation). Run periodically; the
 * open-alert index makes a repeated check raise nothing new. Any new reading resolves the alert.
 */
import type pg from 'pg';
import type { AlertMessage } from '../contracts/index.ts';
import { alertText, type AlertDraft } from '../pipeline/alert-rules.ts';
import { raiseAlerts } from './alerts-store.ts';

export const SILENT_INTERVALS = 3;

export async function raiseSilentAlerts(db: pg.Pool | pg.ClientBase): Promise<AlertMessage[]> {
  const { rows } = await db.query<{ tenant_id: string; sensor_id: string; container_id: string | null; reporting_interval_s: number; last_time: Date | null }>(
    `SELECT s.tenant_id, s.id AS sensor_id, s.container_id, s.reporting_interval_s, last.time AS last_time
       FROM sensors s
       LEFT JOIN LATERAL (SELECT max(r.time) AS time FROM readings r WHERE r.tenant_id = s.tenant_id AND r.sensor_id = s.id) last ON true
      WHERE s.active
        AND coalesce(last.time, s.installed_at) < now() - make_interval(secs => $1::int * s.reporting_interval_s)`,
    [SILENT_INTERVALS],
  );
  const drafts: AlertDraft[] = rows.map((r) => ({
    tenantId: r.tenant_id, kind: 'silent', severity: 'warning', containerId: r.container_id, sensorId: r.sensor_id,
    ...alertText({ code: 'alert.silent', params: { containerId: r.container_id, sensorId: r.sensor_id, intervals: SILENT_INTERVALS } }),
    data: { lastReadingTime: r.last_time?.toISOString() ?? null, reportingIntervalS: r.reporting_interval_s },
  }));
  // The open-alert index keeps a sensor already reported silent (or seen by another ingester) from raising twice.
  return raiseAlerts(db, drafts);
}
