/**
 * Devices seen but registered nowhere: one row per tenant and device with first and last sight and
 * the last decoded measurement, kept in the batch's transaction beside the dead letter, so the
 * console can offer "bind this device to a container" (registry/sensors binds and removes the row).
 */
import type pg from 'pg';
import type { UnknownDevice } from '../pipeline/prepare-batch.ts';

export async function recordUnknownDevices(db: pg.ClientBase, devices: readonly UnknownDevice[] | undefined): Promise<void> {
  if (!devices || devices.length === 0) return;
  // One row per device: ON CONFLICT may not touch a row twice in one statement.
  const latest = new Map<string, UnknownDevice & { messages: number }>();
  for (const d of devices) {
    const key = `${d.tenantId}\u0000${d.deviceId}`;
    const seen = latest.get(key);
    if (!seen) latest.set(key, { ...d, messages: 1 });
    else latest.set(key, { ...(Date.parse(d.readingTime) >= Date.parse(seen.readingTime) ? d : seen), messages: seen.messages + 1 });
  }
  const list = [...latest.values()];
  const col = <K extends keyof (typeof list)[number]>(k: K) => list.map((d) => d[k] ?? null);
  await db.query(
    `INSERT INTO unknown_devices AS u (tenant_id, device_id, format, integration_id, first_seen_at, last_seen_at, last_reading_time,
                                       last_fill_level, last_distance_mm, last_topic, messages)
     SELECT t, d, f, i, now(), now(), rt, fl, dm, tp, n
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::timestamptz[], $6::real[], $7::int[], $8::text[], $9::int[])
            AS x(t, d, f, i, rt, fl, dm, tp, n)
     ON CONFLICT (tenant_id, device_id) DO UPDATE SET
       last_seen_at = now(),
       messages = u.messages + excluded.messages,
       format = excluded.format,
       integration_id = coalesce(excluded.integration_id, u.integration_id),
       last_topic = excluded.last_topic,
       last_fill_level = CASE WHEN excluded.last_reading_time >= coalesce(u.last_reading_time, '-infinity') THEN excluded.last_fill_level ELSE u.last_fill_level END,
       last_distance_mm = CASE WHEN excluded.last_reading_time >= coalesce(u.last_reading_time, '-infinity') THEN excluded.last_distance_mm ELSE u.last_distance_mm END,
       last_reading_time = greatest(u.last_reading_time, excluded.last_reading_time)`,
    [col('tenantId'), col('deviceId'), col('format'), col('integrationId'), col('readingTime'), col('fillLevel'), col('distanceMm'),
      list.map((d) => d.topic.slice(0, 500)), col('messages')],
  );
}
