/**
 * Raises `silent` alerts for active sensors whose last reading is older than three reporting
 * intervals (or that never reported within three intervals of installation). Run periodically; the
 * open-alert index makes a repeated check raise nothing new. Any new reading resolves the alert.
 */
import type pg from 'pg';
import type { AlertMessage } from '../contracts/index.ts';
import { alertRowToMessage } from './alerts-store.ts';

export const SILENT_INTERVALS = 3;

export async function raiseSilentAlerts(db: pg.Pool | pg.ClientBase): Promise<AlertMessage[]> {
  const { rows } = await db.query(
    `WITH overdue AS (
       SELECT s.tenant_id, s.id AS sensor_id, s.container_id, s.reporting_interval_s, last.time AS last_time
         FROM sensors s
         LEFT JOIN LATERAL (SELECT max(r.time) AS time FROM readings r WHERE r.tenant_id = s.tenant_id AND r.sensor_id = s.id) last ON true
        WHERE s.active
          AND coalesce(last.time, s.installed_at) < now() - make_interval(secs => $1::int * s.reporting_interval_s))
     INSERT INTO alerts (tenant_id, kind, severity, container_id, sensor_id, message, data)
     SELECT tenant_id, 'silent', 'warning', container_id, sensor_id,
            CASE WHEN container_id IS NULL THEN 'Sensor ' || sensor_id ELSE 'Container ' || container_id || ' (sensor ' || sensor_id || ')' END
              || ' silent for more than ' || $1::int || ' reporting intervals',
            jsonb_build_object('lastReadingTime', last_time, 'reportingIntervalS', reporting_interval_s)
       FROM overdue
     ON CONFLICT (tenant_id, coalesce(sensor_id, ''), coalesce(container_id, ''), kind) WHERE resolved_at IS NULL DO NOTHING
     RETURNING id, tenant_id, kind, severity, container_id, sensor_id, message, data, raised_at`,
    [SILENT_INTERVALS],
  );
  return rows.map(alertRowToMessage);
}
