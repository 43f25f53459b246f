/**
 * Road geometry and turn-by-turn directions for routes already stored: the routes a dispatcher
 * changed (an edit re-times them with the stored matrix, without the router) and the routes of a
 * re-optimised day. The stops are read back in their stored order and handed to the planner's
 * `routeGeometry`, the same function the plan job uses for new routes.
 */
import type pg from 'pg';
import type { LonLat, RoutingProvider } from '../../optimizer/routing/index.ts';
import { routeGeometry, type GeometryStop, type PlanStop } from '../../planner/index.ts';
import { STOP_LON_LAT, STOP_PLACE_JOINS } from '../stop-place-sql.ts';

const STOPS = `
  SELECT r.id AS route_id, rs.kind, rs.container_id, rs.facility_id, ${STOP_LON_LAT}
    FROM routes r
    JOIN route_stops rs ON rs.route_id = r.id
${STOP_PLACE_JOINS}
   WHERE r.plan_id = $1 AND ($2::text[] IS NULL OR r.vehicle_id = ANY($2))
   ORDER BY r.vehicle_id, rs.position`;

export interface GeometryRefreshOptions {
  /** Only these vehicles' routes; default every route of the plan. */
  vehicleIds?: readonly string[];
  /**
   * Also store the road distance and driving time as the route's totals (a re-optimised day,
   * whose stored totals covered only the morning's plan). An edit keeps the check mode's totals,
   * which count service and waiting time too.
   */
  totals?: boolean;
  signal?: AbortSignal;
}

/** Returns how many routes got new geometry. A route replaced meanwhile (a later edit) is skipped. */
export async function refreshRouteGeometry(pool: pg.Pool, routing: RoutingProvider, planId: string, opts: GeometryRefreshOptions = {}): Promise<number> {
  const { rows } = await pool.query<{ route_id: string; kind: PlanStop['kind']; container_id: string | null; facility_id: string | null; lon: number | null; lat: number | null }>(
    STOPS, [planId, opts.vehicleIds ?? null]);
  const byRoute = new Map<string, GeometryStop[]>();
  for (const s of rows) {
    // breaks have no place of their own: routeGeometry leaves them out
    const location: LonLat = s.lon === null ? [0, 0] : [s.lon, s.lat!];
    if (s.lon === null && s.kind !== 'break') continue;
    const stop: GeometryStop = { kind: s.kind, location, containerId: s.container_id ?? undefined, facilityId: s.facility_id ?? undefined };
    byRoute.set(s.route_id, [...(byRoute.get(s.route_id) ?? []), stop]);
  }
  let refreshed = 0;
  for (const [routeId, stops] of byRoute) {
    if (stops.filter((s) => s.kind !== 'break').length < 2) continue;
    const g = await routeGeometry(routing, { stops }, opts.signal);
    const distanceM = g.legs.reduce((sum, leg) => sum + leg.distanceM, 0);
    const durationS = g.legs.reduce((sum, leg) => sum + leg.durationS, 0);
    const { rowCount } = await pool.query(
      opts.totals
        ? 'UPDATE routes SET geometry = $2, legs = $3, distance_m = $4, duration_s = $5 WHERE id = $1'
        : 'UPDATE routes SET geometry = $2, legs = $3 WHERE id = $1',
      [routeId, JSON.stringify(g.geometry), JSON.stringify(g.legs), ...(opts.totals ? [distanceM, durationS] : [])],
    );
    refreshed += rowCount ?? 0;
  }
  return refreshed;
}
