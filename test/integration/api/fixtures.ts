/**
 * A small municipality for the API tests: a depot, a facility, two trucks, containers in Monaco
 * with fills, sensors, readings, alerts, and a token per role (drivers bound to v1 and v2).
 */
import type pg from 'pg';
import { issueToken } from '../../../api/auth/tokens.ts';

export interface Seeded {
  tenant: string;
  containers: string[];
  tokens: { admin: string; dispatcher: string; driver: string; driver2: string };
}

/** Fill of container i: every third is full, every third half full, the rest nearly empty. */
export const fillOf = (i: number) => [0.92, 0.6, 0.1][i % 3]!;

/**
 * `idPrefix` prefixes every master-data id (depot, facility, vehicle type, vehicles, containers,
 * sensors), so two municipalities in one database have no id in common (tenant-isolation tests).
 */
export async function seedMunicipality(pool: pg.Pool, tenant: string, containerCount = 12, options: { state?: boolean; idPrefix?: string } = {}): Promise<Seeded> {
  const p = options.idPrefix ?? '';
  // Collection every day of the week (the default calendar is Monday–Friday), so a plan for "today" selects containers on any weekday.
  const everyDay = { calendar: { weekdays: { residual: [1, 2, 3, 4, 5, 6, 7], paper: [1, 2, 3, 4, 5, 6, 7] }, exceptions: [] } };
  await pool.query(`INSERT INTO tenants (id, name, time_zone, settings) VALUES ($1, $1, 'Europe/Amsterdam', $2) ON CONFLICT DO NOTHING`, [tenant, JSON.stringify(everyDay)]);
  await pool.query(`INSERT INTO depots (tenant_id, id, name, lon, lat, address) VALUES ($1, $2, 'Depot Fontvieille', 7.4165, 43.7295, 'Quai Antoine 1er')`, [tenant, `${p}d1`]);
  await pool.query(
    `INSERT INTO disposal_facilities (tenant_id, id, name, lon, lat, fractions) VALUES ($1, $2, 'Incinerator', 7.4190, 43.7310, '{residual,paper}')`,
    [tenant, `${p}f1`],
  );
  await pool.query(
    `INSERT INTO vehicle_types (tenant_id, id, name, capacity_kg, capacity_m3, fractions, compaction_factor, cost_per_km, cost_per_hour)
     VALUES ($1, $2, 'Rear loader', 10000, 20, '{residual,paper}', 2, 1, 30)`,
    [tenant, `${p}rear`],
  );
  // Shifts over the whole day, so a plan for "today" is feasible whatever time the test runs.
  for (const v of ['v1', 'v2', 'v3']) {
    await pool.query(
      `INSERT INTO vehicles (tenant_id, id, name, vehicle_type_id, depot_id, shift_start, shift_end, break_duration_s, break_earliest, break_latest, active)
       VALUES ($1, $2, $2, $4, $5, '00:00', '23:59', 0, NULL, NULL, $3)`,
      [tenant, `${p}${v}`, v !== 'v3', `${p}rear`, `${p}d1`],
    );
  }
  const containers: string[] = [];
  for (let i = 0; i < containerCount; i++) {
    const id = `${p}c${String(i + 1).padStart(3, '0')}`;
    containers.push(id);
    const lon = 7.4180 + (i % 6) * 0.0025;
    const lat = 43.7320 + Math.floor(i / 6) * 0.0030;
    await pool.query(
      `INSERT INTO containers (tenant_id, id, lon, lat, address, fraction, volume_m3, type) VALUES ($1, $2, $3, $4, $5, $6, 3, 'underground')`,
      [tenant, id, lon, lat, `Boulevard ${i + 1}`, i % 4 === 3 ? 'paper' : 'residual'],
    );
    await pool.query(
      `INSERT INTO sensors (tenant_id, id, container_id, model, empty_distance_mm, full_distance_mm) VALUES ($1, $2, $3, 'em400', 1500, 200)`,
      [tenant, `s-${id}`, id],
    );
    if (options.state === false) continue;
    await pool.query(
      `INSERT INTO container_state (tenant_id, container_id, sensor_id, fill_level, measured_at, battery_pct, status)
       VALUES ($1, $2, $3, $4, now() - INTERVAL '10 minutes', 80, 'ok')`,
      [tenant, id, `s-${id}`, fillOf(i)],
    );
  }
  // 48 hourly readings of the first container, rising from 0.2
  await pool.query(
    `INSERT INTO readings (time, tenant_id, sensor_id, container_id, fill_level, battery_pct)
     SELECT date_trunc('hour', now()) - (h * INTERVAL '1 hour') + INTERVAL '5 minutes', $1, $2, $3, 0.9 - h * 0.01, 80
       FROM generate_series(0, 47) AS h`,
    [tenant, `s-${p}c001`, `${p}c001`],
  );
  await pool.query(
    `INSERT INTO alerts (tenant_id, kind, severity, container_id, sensor_id, message) VALUES
       ($1, 'full', 'warning', $2, $3, 'c001 is full'),
       ($1, 'fire', 'critical', $4, $5, 'temperature above 70 °C')`,
    [tenant, `${p}c001`, `s-${p}c001`, `${p}c002`, `s-${p}c002`],
  );
  const token = async (role: 'admin' | 'dispatcher' | 'driver', vehicleId?: string) => (await issueToken(pool, { tenantId: tenant, role, vehicleId })).token;
  return {
    tenant,
    containers,
    tokens: { admin: await token('admin'), dispatcher: await token('dispatcher'), driver: await token('driver', `${p}v1`), driver2: await token('driver', `${p}v2`) },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Local date today in Amsterdam (plans and driver routes are per local day). */
export const todayAmsterdam = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

/**
 * The instant of a local time of day on a date in Amsterdam, ISO 8601 in UTC: tests that re-plan
 * "the rest of the day" pass it as `asOf`, so they do not depend on the hour the suite runs.
 */
export function amsterdamTime(date: string, hhmm: string): string {
  const naive = Date.parse(`${date}T${hhmm}:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .formatToParts(new Date(naive));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const shown = Date.parse(`${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:00Z`);
  return new Date(naive - (shown - naive)).toISOString();
}

/** Parses an SSE body into its events. */
export function sseEvents(body: string): { event: string; data: Record<string, unknown> }[] {
  return body
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return event && data ? { event, data: JSON.parse(data) as Record<string, unknown> } : undefined;
    })
    .filter((e): e is { event: string; data: Record<string, unknown> } => e !== undefined);
}
