/**
 * A small municipality in Monaco (the shared road extract): one depot, one transfer station, two
 * rear loaders, twelve residual-waste containers with fills around the thresholds, two alerts,
 * and tokens for a dispatcher and the driver of each vehicle.
 */
import type pg from 'pg';
import { issueToken } from '../../../api/index.ts';

export const TENANT = 'browsertest';

/** [id, lon, lat, address, fill (null: no sensor state)] */
export const CONTAINERS: readonly [string, number, number, string, number | null][] = [
  // markup in an address must show as text, never become elements
  ['C01', 7.4246, 43.7384, 'Place du Casino <b>1</b>', 0.95],
  ['C02', 7.4206, 43.7361, 'Boulevard Albert 1er 12', 0.85],
  ['C03', 7.4275, 43.7405, 'Avenue de la Costa 5', 1.05],
  ['C04', 7.418, 43.7335, 'Rue Grimaldi 20', 0.9],
  ['C05', 7.4128, 43.731, 'Avenue Prince Pierre 3', 0.82],
  ['C06', 7.423, 43.733, 'Quai Antoine 1er 8', 0.6],
  ['C07', 7.43, 43.744, 'Boulevard d\'Italie 30', 0.55],
  ['C08', 7.4215, 43.7395, 'Boulevard des Moulins 2', 0.3],
  ['C09', 7.426, 43.735, 'Avenue Princesse Grace 4', 0.2],
  ['C10', 7.415, 43.7285, 'Rue du Gabian 11', 0.88],
  ['C11', 7.4195, 43.732, 'Rue Princesse Caroline 6', 0.4],
  ['C12', 7.433, 43.746, 'Avenue Hector Otto 14', null],
];

export interface Seeded {
  dispatcherToken: string;
  driverTokens: Record<string, string>;
}

export async function seedMunicipality(pool: pg.Pool): Promise<Seeded> {
  // Residual waste collected every day (the default calendar is Monday–Friday): a plan for "today" works on any weekday.
  const settings = { calendar: { weekdays: { residual: [1, 2, 3, 4, 5, 6, 7] }, exceptions: [] } };
  await pool.query(`INSERT INTO tenants (id, name, settings) VALUES ($1, 'Browsertest', $2) ON CONFLICT DO NOTHING`, [TENANT, JSON.stringify(settings)]);
  await pool.query(`INSERT INTO depots (tenant_id, id, name, lon, lat, address) VALUES ($1, 'D1', 'Depot Fontvieille', 7.4165, 43.7302, 'Rue de la Lujerneta 1')`, [TENANT]);
  await pool.query(
    `INSERT INTO disposal_facilities (tenant_id, id, name, lon, lat, address, fractions, opening_hours, unloading_time_s)
     VALUES ($1, 'F1', 'Overslag Fontvieille', 7.4138, 43.7279, 'Quai Jean-Charles Rey', '{residual}', '[{"days":[1,2,3,4,5,6,7],"open":"05:00","close":"22:00"}]', 600)`,
    [TENANT],
  );
  await pool.query(
    `INSERT INTO vehicle_types (tenant_id, id, name, capacity_kg, capacity_m3, fractions, compaction_factor, cost_per_km, cost_per_hour)
     VALUES ($1, 'RL', 'Zijlader', 8000, 20, '{residual}', 3, 1, 40)`,
    [TENANT],
  );
  for (const id of ['V1', 'V2']) {
    await pool.query(`INSERT INTO vehicles (tenant_id, id, name, vehicle_type_id, depot_id) VALUES ($1, $2, $3, 'RL', 'D1')`, [TENANT, id, `Wagen ${id}`]);
  }
  for (const [id, lon, lat, address, fill] of CONTAINERS) {
    await pool.query(`INSERT INTO containers (tenant_id, id, lon, lat, address, fraction, volume_m3, type) VALUES ($1, $2, $3, $4, $5, 'residual', 3, 'underground')`, [TENANT, id, lon, lat, address]);
    if (fill !== null) {
      await pool.query(
        `INSERT INTO container_state (tenant_id, container_id, fill_level, measured_at, battery_pct) VALUES ($1, $2, $3, now() - interval '20 minutes', 80)`,
        [TENANT, id, fill],
      );
    }
  }
  // three days of hourly readings of C01, filling up: the popup's fill history
  await pool.query(
    `INSERT INTO readings (time, tenant_id, sensor_id, container_id, fill_level)
     SELECT now() - make_interval(hours => h), $1, 'S01', 'C01', 0.95 - h * 0.011 FROM generate_series(1, 72) AS h`,
    [TENANT],
  );
  await pool.query(
    `INSERT INTO alerts (tenant_id, kind, severity, container_id, message) VALUES
       ($1, 'fire', 'critical', 'C03', 'Temperatuur 74 °C gemeten'),
       ($1, 'battery_low', 'warning', 'C11', 'Batterij 9%')`,
    [TENANT],
  );
  const dispatcher = await issueToken(pool, { tenantId: TENANT, role: 'dispatcher', name: 'browser test' });
  const driverTokens: Record<string, string> = {};
  for (const id of ['V1', 'V2']) driverTokens[id] = (await issueToken(pool, { tenantId: TENANT, role: 'driver', vehicleId: id })).token;
  return { dispatcherToken: dispatcher.token, driverTokens };
}
