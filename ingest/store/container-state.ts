/**
 * Latest state per container and collection events detected from sharp drops, written in the
 * batch's transaction. Only new rows are passed in (a replay changes nothing). A reading older
 * than the stored state does not overwrite it. The state rows are locked (in key order, so two
 * writers cannot deadlock on them): a concurrent batch for the same container waits and then sees
 * this batch's state, so one emptying is detected once.
 *
 * Returns the rows that are current (newer than the stored state, or of a sensor without a
 * container): only those may raise or resolve alerts, so a late old reading changes nothing.
 */
import type pg from 'pg';
import { containerStatus, isEmptying } from '../pipeline/emptying.ts';
import type { ReadingRow } from '../pipeline/prepare-batch.ts';
import { flagsToBits } from '../contracts/index.ts';

interface StoredState {
  fill_level: number | null;
  measured_at: Date | null;
  last_emptied_at: Date | null;
}

export async function updateContainerState(db: pg.ClientBase, rows: ReadingRow[]): Promise<{ collectionEvents: number; current: ReadingRow[] }> {
  const byContainer = new Map<string, ReadingRow[]>();
  const current: ReadingRow[] = [];
  for (const row of rows) {
    if (!row.sensor.containerId) {
      current.push(row);
      continue;
    }
    const key = `${row.reading.tenantId}\u0000${row.sensor.containerId}`;
    const list = byContainer.get(key);
    if (list) list.push(row);
    else byContainer.set(key, [row]);
  }
  if (byContainer.size === 0) return { collectionEvents: 0, current };
  // Sorted keys: concurrent ingesters lock container_state rows in the same order (no deadlock).
  const keys = [...byContainer.keys()].sort();
  const tenants = keys.map((k) => k.split('\u0000')[0]!);
  const containers = keys.map((k) => k.split('\u0000')[1]!);

  const { rows: stored } = await db.query<StoredState & { tenant_id: string; container_id: string }>(
    `SELECT cs.tenant_id, cs.container_id, cs.fill_level, cs.measured_at, cs.last_emptied_at
       FROM unnest($1::text[], $2::text[]) AS k(tenant_id, container_id)
       JOIN container_state cs USING (tenant_id, container_id)
      ORDER BY cs.tenant_id, cs.container_id
        FOR UPDATE OF cs`,
    [tenants, containers],
  );
  const previous = new Map(stored.map((s) => [`${s.tenant_id}\u0000${s.container_id}`, s]));

  // Rows go to the server as one JSON document (json_to_recordset): cheaper to build than ten
  // escaped arrays of a thousand elements each.
  const events: { tenant_id: string; container_id: string; time: string; fill_before: number; fill_after: number }[] = [];
  const states: Record<string, string | number | null>[] = [];
  for (const key of keys) {
    const list = byContainer.get(key)!.sort((a, b) => (a.reading.time < b.reading.time ? -1 : a.reading.time > b.reading.time ? 1 : 0));
    const prev = previous.get(key);
    const prevMs = prev?.measured_at?.getTime() ?? -Infinity;
    let fill = prev?.fill_level ?? null;
    let emptied = prev?.last_emptied_at?.toISOString() ?? null;
    let latest: ReadingRow | undefined;
    for (const row of list) {
      if (Date.parse(row.reading.time) <= prevMs) continue;
      current.push(row);
      if (isEmptying(fill, row.fillLevel)) {
        events.push({ tenant_id: row.reading.tenantId, container_id: row.sensor.containerId!, time: row.reading.time, fill_before: fill!, fill_after: row.fillLevel });
        emptied = row.reading.time;
      }
      fill = row.fillLevel;
      latest = row;
    }
    if (!latest) continue;
    states.push({
      tenant_id: latest.reading.tenantId, container_id: latest.sensor.containerId!, sensor_id: latest.reading.sensorId,
      fill_level: latest.fillLevel, measured_at: latest.reading.time, battery_pct: latest.reading.batteryPct ?? null,
      temperature_c: latest.reading.temperatureC ?? null, flags: flagsToBits(latest.reading.flags), status: containerStatus(latest),
      last_emptied_at: emptied,
    });
  }

  let collectionEvents = 0;
  if (events.length > 0) {
    const res = await db.query(
      `INSERT INTO collection_events (tenant_id, container_id, time, source, fill_before, fill_after)
       SELECT tenant_id, container_id, time, 'sensor', fill_before, fill_after
         FROM json_to_recordset($1::json) AS e(tenant_id text, container_id text, time timestamptz, fill_before real, fill_after real)
       ON CONFLICT (tenant_id, container_id, time, source) DO NOTHING`,
      [JSON.stringify(events)],
    );
    collectionEvents = res.rowCount ?? 0;
  }
  if (states.length > 0) {
    await db.query(
      `INSERT INTO container_state AS cs (tenant_id, container_id, sensor_id, fill_level, measured_at, battery_pct, temperature_c, flags, status, last_emptied_at, updated_at)
       SELECT s.*, now()
         FROM json_to_recordset($1::json) AS s(tenant_id text, container_id text, sensor_id text, fill_level real, measured_at timestamptz,
              battery_pct real, temperature_c real, flags smallint, status text, last_emptied_at timestamptz)
         JOIN containers c ON c.tenant_id = s.tenant_id AND c.id = s.container_id
        ORDER BY s.tenant_id, s.container_id
       ON CONFLICT (tenant_id, container_id) DO UPDATE SET
         sensor_id = excluded.sensor_id, fill_level = excluded.fill_level, measured_at = excluded.measured_at,
         battery_pct = excluded.battery_pct, temperature_c = excluded.temperature_c, flags = excluded.flags,
         status = excluded.status, last_emptied_at = greatest(cs.last_emptied_at, excluded.last_emptied_at), updated_at = now()
       WHERE cs.measured_at IS NULL OR excluded.measured_at > cs.measured_at`,
      [JSON.stringify(states)],
    );
  }
  return { collectionEvents, current };
}
