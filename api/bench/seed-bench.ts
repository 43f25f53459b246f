/**
 * The benchmark's municipality: one depot, a facility, six trucks and N street containers on road
 * nodes of the OSM extract that trucks can reach and leave (so no container is dropped as
 * unreachable), all full enough to be required.
 */
import type pg from 'pg';
import { loadRoadNetwork, reachableRoadNodes } from '../../optimizer/routing/index.ts';

export const BENCH_TENANT = 'bench';
export const BENCH_VEHICLES = ['t1', 't2', 't3', 't4', 't5', 't6'];

export async function seedBench(pool: pg.Pool, pbfPath: string, containerCount: number): Promise<void> {
  const nodes = reachableRoadNodes(await loadRoadNetwork(pbfPath));
  if (nodes.length < containerCount + 2) throw new Error(`only ${nodes.length} reachable road nodes in ${pbfPath}`);
  // Spread over the network deterministically: every k-th node.
  const stride = Math.floor(nodes.length / (containerCount + 2));
  const pick = (i: number) => nodes[i * stride]!;
  const [depot, facility] = [pick(0), pick(1)];
  await pool.query(`INSERT INTO tenants (id, name, time_zone) VALUES ($1, 'Benchmark', 'Europe/Amsterdam') ON CONFLICT DO NOTHING`, [BENCH_TENANT]);
  await pool.query(`INSERT INTO depots (tenant_id, id, name, lon, lat) VALUES ($1, 'd1', 'Depot', $2, $3)`, [BENCH_TENANT, depot[0], depot[1]]);
  await pool.query(`INSERT INTO disposal_facilities (tenant_id, id, name, lon, lat, fractions) VALUES ($1, 'f1', 'Facility', $2, $3, '{residual}')`, [BENCH_TENANT, facility[0], facility[1]]);
  await pool.query(
    `INSERT INTO vehicle_types (tenant_id, id, name, capacity_kg, capacity_m3, fractions, compaction_factor, cost_per_km, cost_per_hour)
     VALUES ($1, 'rear', 'Rear loader', 20000, 40, '{residual}', 4, 1, 30)`,
    [BENCH_TENANT],
  );
  for (const id of BENCH_VEHICLES) {
    await pool.query(
      `INSERT INTO vehicles (tenant_id, id, name, vehicle_type_id, depot_id, shift_start, shift_end) VALUES ($1, $2, $2, 'rear', 'd1', '06:00', '16:00')`,
      [BENCH_TENANT, id],
    );
  }
  const ids = Array.from({ length: containerCount }, (_, i) => `c${String(i + 1).padStart(4, '0')}`);
  const points = ids.map((_, i) => pick(i + 2));
  await pool.query(
    `INSERT INTO containers (tenant_id, id, lon, lat, address, fraction, volume_m3, type, service_time_s)
     SELECT $1, u.id, u.lon, u.lat, 'Street ' || u.id, 'residual', 1.1, 'street', 60
       FROM unnest($2::text[], $3::float8[], $4::float8[]) AS u(id, lon, lat)`,
    [BENCH_TENANT, ids, points.map((p) => p[0]), points.map((p) => p[1])],
  );
  await pool.query(
    `INSERT INTO container_state (tenant_id, container_id, fill_level, measured_at)
     SELECT $1, id, 0.85 + (row_number() OVER (ORDER BY id) % 15) / 100.0, now() FROM containers WHERE tenant_id = $1`,
    [BENCH_TENANT],
  );
}
