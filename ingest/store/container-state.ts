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

  const ev = { tenant: [] as string[], container: [] as string[], time: [] as string[], before: [] as number[], after: [] as number[] };
  const st = {
    tenant: [] as string[], container: [] as string[], sensor: [] as string[], fill: [] as number[], time: [] as string[],
    battery: [] as (number | null)[], temperature: [] as (number | null)[], flags: [] as number[], status: [] as string[], emptied: [] as (string | null)[],
  };
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
        ev.tenant.push(row.reading.tenantId);
        ev.container.push(row.sensor.containerId!);
        ev.time.push(row.reading.time);
        ev.before.push(fill!);
        ev.after.push(row.fillLevel);
        emptied = row.reading.time;
      }
      fill = row.fillLevel;
      latest = row;
    }
    if (!latest) continue;
    st.tenant.push(latest.reading.tenantId);
    st.container.push(latest.sensor.containerId!);
    st.sensor.push(latest.reading.sensorId);
    st.fill.push(latest.fillLevel);
    st.time.push(latest.reading.time);
    st.battery.push(latest.reading.batteryPct ?? null);
    st.temperature.push(latest.reading.temperatureC ?? null);
    st.flags.push(flagsToBits(latest.reading.flags));
    st.status.push(containerStatus(latest));
    st.emptied.push(emptied);
  }

  let collectionEvents = 0;
  if (ev.tenant.length > 0) {
    const res = await db.query(
      `INSERT INTO collection_events (tenant_id, container_id, time, source, fill_before, fill_after)
       SELECT tenant_id, container_id, time, 'sensor', fill_before, fill_after
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::real[], $5::real[]) AS e(tenant_id, container_id, time, fill_before, fill_after)
       ON CONFLICT (tenant_id, container_id, time, source) DO NOTHING`,
      [ev.tenant, ev.container, ev.time, ev.before, ev.after],
    );
    collectionEvents = res.rowCount ?? 0;
  }
  if (st.tenant.length > 0) {
    await db.query(
      `INSERT INTO container_state AS cs (tenant_id, container_id, sensor_id, fill_level, measured_at, battery_pct, temperature_c, flags, status, last_emptied_at, updated_at)
       SELECT s.*, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::real[], $5::timestamptz[], $6::real[], $7::real[], $8::smallint[], $9::text[], $10::timestamptz[])
              AS s(tenant_id, container_id, sensor_id, fill_level, measured_at, battery_pct, temperature_c, flags, status, last_emptied_at)
         JOIN containers c ON c.tenant_id = s.tenant_id AND c.id = s.container_id
        ORDER BY s.tenant_id, s.container_id
       ON CONFLICT (tenant_id, container_id) DO UPDATE SET
         sensor_id = excluded.sensor_id, fill_level = excluded.fill_level, measured_at = excluded.measured_at,
         battery_pct = excluded.battery_pct, temperature_c = excluded.temperature_c, flags = excluded.flags,
         status = excluded.status, last_emptied_at = greatest(cs.last_emptied_at, excluded.last_emptied_at), updated_at = now()
       WHERE cs.measured_at IS NULL OR excluded.measured_at > cs.measured_at`,
      [st.tenant, st.container, st.sensor, st.fill, st.time, st.battery, st.temperature, st.flags, st.status, st.emptied],
    );
  }
  return { collectionEvents, current };
}
