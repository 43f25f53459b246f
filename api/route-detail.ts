/**
 * One route with its ordered stops, container details, ETAs, geometry and turn-by-turn
 * instructions: what the driver's tablet, the dispatcher's route view and the exports share.
 */
import type pg from 'pg';
import type { RouteLeg } from '../optimizer/routing/index.ts';
import { stopInstructions, type Language } from './driver-instructions.ts';
import { STOP_LON_LAT, STOP_PLACE_JOINS } from './stop-place-sql.ts';

export type { Language };

export interface StopDetail {
  id: string;
  position: number;
  kind: 'start' | 'job' | 'unload' | 'break' | 'end';
  status: 'planned' | 'arrived' | 'emptied' | 'skipped';
  containerId: string | null;
  facilityId: string | null;
  location: [number, number] | null;
  address: string | null;
  fraction: string | null;
  eta: string | null;
  departure: string | null;
  loadKg: number | null;
  loadM3: number | null;
  expectedFill: number | null;
  fillLevel: number | null;
  instructions: string[];
}

export interface RouteDetail {
  id: string;
  planId: string;
  planStatus: string;
  date: string;
  vehicleId: string;
  distanceM: number | null;
  durationS: number | null;
  cost: number | null;
  geometry: { type: 'LineString'; coordinates: number[][] } | null;
  stops: StopDetail[];
}

const ROUTE = `
  SELECT r.id, r.plan_id, p.status AS plan_status, p.date::text AS date, r.vehicle_id, r.distance_m, r.duration_s, r.cost, r.geometry, r.legs
    FROM routes r JOIN plans p ON p.id = r.plan_id`;

const STOPS = `
  SELECT rs.id, rs.position, rs.kind, rs.status, rs.container_id, rs.facility_id, rs.eta, rs.departure, rs.load_kg, rs.load_m3, rs.expected_fill,
         ${STOP_LON_LAT}, coalesce(c.address, f.address, d.address) AS address,
         c.fraction, cs.fill_level
    FROM route_stops rs
    JOIN routes r ON r.id = rs.route_id
${STOP_PLACE_JOINS}
    LEFT JOIN container_state cs ON cs.tenant_id = rs.tenant_id AND cs.container_id = rs.container_id
   WHERE rs.route_id = $1
   ORDER BY rs.position`;

/** Finds the route id for a query, then loads it. */
export async function loadRouteDetail(pool: pg.Pool, tenantId: string, routeId: string, lang: Language): Promise<RouteDetail | undefined> {
  const [route, stops] = await Promise.all([
    pool.query(`${ROUTE} WHERE r.tenant_id = $1 AND r.id = $2`, [tenantId, routeId]),
    pool.query(STOPS, [routeId]),
  ]);
  const r = route.rows[0];
  if (!r) return undefined;
  const legs = (r.legs ?? []) as RouteLeg[];
  let moving = 0; // index of the non-break stop, whose leg k ends there (k = moving - 1)
  return {
    id: r.id,
    planId: r.plan_id,
    planStatus: r.plan_status,
    date: r.date,
    vehicleId: r.vehicle_id,
    distanceM: r.distance_m,
    durationS: r.duration_s,
    cost: r.cost,
    geometry: r.geometry,
    stops: stops.rows.map((s) => {
      let instructions: string[] = [];
      if (s.kind !== 'break') {
        instructions = stopInstructions(legs[moving - 1], { kind: s.kind, containerId: s.container_id, facilityId: s.facility_id, address: s.address }, lang);
        moving++;
      }
      return {
        id: s.id,
        position: s.position,
        kind: s.kind,
        status: s.status,
        containerId: s.container_id,
        facilityId: s.facility_id,
        location: s.lon === null ? null : [s.lon, s.lat],
        address: s.address,
        fraction: s.fraction,
        eta: s.eta?.toISOString() ?? null,
        departure: s.departure?.toISOString() ?? null,
        loadKg: s.load_kg,
        loadM3: s.load_m3,
        expectedFill: s.expected_fill,
        fillLevel: s.fill_level,
        instructions,
      };
    }),
  };
}

/** Today's route of a vehicle in a plan that has been dispatched to the drivers. */
export async function findDispatchedRouteId(pool: pg.Pool, tenantId: string, vehicleId: string, date: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT r.id FROM routes r JOIN plans p ON p.id = r.plan_id
      WHERE r.tenant_id = $1 AND r.vehicle_id = $2 AND p.date = $3 AND p.status IN ('dispatched', 'completed')
      ORDER BY p.status = 'dispatched' DESC, p.updated_at DESC LIMIT 1`,
    [tenantId, vehicleId, date],
  );
  return rows[0]?.id;
}
