/**
 * A driver's stop event, recorded once however often an offline tablet replays it (unique client
 * event id). "emptied" also resets the container's state and writes a collection event (source
 * 'driver'): that is what closes the loop for the forecast and the simulator. When no container
 * stop of a dispatched plan is left open, the plan is completed.
 */
import type pg from 'pg';
import { HttpProblem, notFound } from './problem.ts';

export type StopEventKind = 'arrived' | 'emptied' | 'skipped';
export type ReasonCode = 'blocked' | 'no_access' | 'contaminated' | 'damaged' | 'already_empty' | 'other';

export interface StopEventInput {
  clientEventId: string;
  kind: StopEventKind;
  time: Date;
  observedFill?: number;
  reasonCode?: ReasonCode;
  note?: string;
}

export interface StoredStopEvent {
  id: string;
  stopId: string;
  clientEventId: string;
  kind: StopEventKind;
  time: string;
  observedFill: number | null;
  reasonCode: ReasonCode | null;
  note: string | null;
  stopStatus: string;
}

const FINAL = new Set(['emptied', 'skipped']);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toEvent = (r: any, stopStatus: string): StoredStopEvent => ({
  id: r.id, stopId: r.stop_id, clientEventId: r.client_event_id, kind: r.kind, time: r.time.toISOString(),
  observedFill: r.observed_fill, reasonCode: r.reason_code, note: r.note, stopStatus,
});

export async function recordStopEvent(
  pool: pg.Pool,
  scope: { tenantId: string; vehicleId: string; actor: string },
  stopId: string,
  input: StopEventInput,
): Promise<{ event: StoredStopEvent; replayed: boolean }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const stop = (await client.query<{ status: string; kind: string; container_id: string | null; plan_id: string; plan_status: string }>(
      `SELECT rs.status, rs.kind, rs.container_id, r.plan_id, p.status AS plan_status
         FROM route_stops rs JOIN routes r ON r.id = rs.route_id JOIN plans p ON p.id = r.plan_id
        WHERE rs.id = $1 AND rs.tenant_id = $2 AND r.vehicle_id = $3 AND p.status IN ('dispatched', 'completed')
        FOR UPDATE OF rs`,
      [stopId, scope.tenantId, scope.vehicleId],
    )).rows[0];
    if (!stop) throw notFound(`stop ${stopId} on a dispatched route of vehicle ${scope.vehicleId}`);

    const inserted = await client.query(
      `INSERT INTO stop_events (tenant_id, stop_id, client_event_id, kind, observed_fill, reason_code, note, time, actor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, client_event_id) DO NOTHING RETURNING *`,
      [scope.tenantId, stopId, input.clientEventId, input.kind, input.observedFill ?? null, input.reasonCode ?? null, input.note ?? null, input.time, scope.actor],
    );
    if (!inserted.rows[0]) {
      const existing = (await client.query('SELECT * FROM stop_events WHERE tenant_id = $1 AND client_event_id = $2', [scope.tenantId, input.clientEventId])).rows[0];
      await client.query('COMMIT');
      if (existing.stop_id !== stopId || existing.kind !== input.kind) {
        throw new HttpProblem(409, 'Conflict', `client event id ${input.clientEventId} was already used for another event`, [
          { name: 'body.clientEventId', reason: 'already used for a different stop or kind' },
        ]);
      }
      return { event: toEvent(existing, stop.status), replayed: true };
    }

    if (stop.kind !== 'job' && input.kind !== 'arrived') {
      throw new HttpProblem(409, 'Conflict', `a ${stop.kind} stop cannot be ${input.kind}`, [{ name: 'body.kind', reason: 'only container stops are emptied or skipped' }]);
    }
    let status = stop.status;
    if (FINAL.has(input.kind)) {
      if (FINAL.has(stop.status) && stop.status !== input.kind) {
        throw new HttpProblem(409, 'Conflict', `stop ${stopId} is already ${stop.status}`, [{ name: 'body.kind', reason: `stop already ${stop.status}` }]);
      }
      status = input.kind;
    } else if (stop.status === 'planned') {
      status = 'arrived';
    }
    if (status !== stop.status) await client.query('UPDATE route_stops SET status = $2 WHERE id = $1', [stopId, status]);

    if (input.kind === 'emptied' && stop.container_id) await recordEmptying(client, scope.tenantId, stop.container_id, stopId, input);
    if (FINAL.has(status) && stop.plan_status === 'dispatched') await completePlanWhenDone(client, stop.plan_id);
    await client.query('COMMIT');
    return { event: toEvent(inserted.rows[0], status), replayed: false };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

async function recordEmptying(client: pg.PoolClient, tenantId: string, containerId: string, stopId: string, input: StopEventInput): Promise<void> {
  const before = (await client.query<{ fill_level: number | null }>(
    'SELECT fill_level FROM container_state WHERE tenant_id = $1 AND container_id = $2',
    [tenantId, containerId],
  )).rows[0]?.fill_level ?? null;
  await client.query(
    `INSERT INTO collection_events (tenant_id, container_id, time, source, fill_before, fill_after, stop_id)
     VALUES ($1, $2, $3, 'driver', $4, 0, $5) ON CONFLICT (tenant_id, container_id, time, source) DO NOTHING`,
    [tenantId, containerId, input.time, input.observedFill ?? before, stopId],
  );
  // An emptied container is no longer full: close those alerts (the dispatcher need not).
  await client.query(
    `UPDATE alerts SET resolved_at = $3 WHERE tenant_id = $1 AND container_id = $2 AND kind IN ('full', 'overflow') AND resolved_at IS NULL`,
    [tenantId, containerId, input.time],
  );
  // A sensor reading newer than the emptying wins: it measured after the driver was there.
  await client.query(
    `INSERT INTO container_state (tenant_id, container_id, fill_level, measured_at, last_emptied_at, updated_at)
     VALUES ($1, $2, 0, $3, $3, now())
     ON CONFLICT (tenant_id, container_id) DO UPDATE SET
       fill_level = CASE WHEN container_state.measured_at IS NULL OR container_state.measured_at <= EXCLUDED.last_emptied_at
                         THEN 0 ELSE container_state.fill_level END,
       measured_at = greatest(container_state.measured_at, EXCLUDED.measured_at),
       last_emptied_at = greatest(container_state.last_emptied_at, EXCLUDED.last_emptied_at),
       updated_at = now()`,
    [tenantId, containerId, input.time],
  );
}

async function completePlanWhenDone(client: pg.PoolClient, planId: string): Promise<void> {
  await client.query(
    `UPDATE plans SET status = 'completed', updated_at = now()
      WHERE id = $1 AND status = 'dispatched' AND NOT EXISTS (
        SELECT 1 FROM route_stops rs JOIN routes r ON r.id = rs.route_id
         WHERE r.plan_id = $1 AND rs.kind = 'job' AND rs.status IN ('planned', 'arrived'))`,
    [planId],
  );
}
