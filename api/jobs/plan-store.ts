/**
 * The plan worker's thin database edge: loads the pipeline's input for a tenant and day, stores
 * the result (routes, stops with local-time ETAs, the problem for later checks) in one transaction.
 */
import type pg from 'pg';
import {
  DEFAULT_POLICY, isoWeekday, openWindowOn,
  type Fraction, type OpeningHours, type PlanningFacility, type PlanningInput, type PlanningPolicy, type PlanResult, type PlannedProblem, type RouteGeometry,
} from '../../planner/index.ts';
import type { PlanDecision } from '../../planner/index.ts';
import { outlookOf } from '../../planner/forecast-outlook.ts';
import { InputError } from '../../platform/errors.ts';
import { withTransaction } from '../../platform/db.ts';
import { readTenantSettings } from '../../registry/tenant-settings.ts';
import { loadForecasts } from '../forecast-source.ts';

export interface PlanRow {
  id: string;
  tenant_id: string;
  date: string;
  status: string;
  cost: number | null;
  policy: Partial<PlanningPolicy>;
  params: { vehicleIds?: string[]; timeLimitS?: number };
  stats: { fractionByVehicle?: Record<string, Fraction> };
  time_zone: string;
  settings: Partial<PlanningPolicy>;
}

export async function loadPlan(db: pg.Pool | pg.PoolClient, planId: string): Promise<PlanRow | undefined> {
  const { rows } = await db.query<PlanRow>(
    `SELECT p.id, p.tenant_id, p.date::text AS date, p.status, p.cost, p.policy, p.params, p.stats, t.time_zone, t.settings
       FROM plans p JOIN tenants t ON t.id = p.tenant_id WHERE p.id = $1`,
    [planId],
  );
  return rows[0];
}

export function effectivePolicy(plan: PlanRow): PlanningPolicy {
  const pick = (k: keyof PlanningPolicy) => plan.policy[k] ?? plan.settings[k];
  const tenant = readTenantSettings(plan.settings);
  return {
    mustFill: (plan.policy.mustFill as number | undefined) ?? tenant.thresholds.mustFill ?? DEFAULT_POLICY.mustFill,
    mayFill: (plan.policy.mayFill as number | undefined) ?? tenant.thresholds.mayFill ?? DEFAULT_POLICY.mayFill,
    thresholdsByFraction: tenant.thresholdsByFraction,
    prizePerFill: (pick('prizePerFill') as number | undefined) ?? DEFAULT_POLICY.prizePerFill,
    ...(pick('fractions') ? { fractions: pick('fractions') as PlanningPolicy['fractions'] } : {}),
    ...(pick('mixFractions') !== undefined ? { mixFractions: Boolean(pick('mixFractions')) } : {}),
    ...(pick('densityKgPerM3') ? { densityKgPerM3: pick('densityKgPerM3') as PlanningPolicy['densityKgPerM3'] } : {}),
  };
}

/** The plan was cancelled (or deleted) during the solve. */
export class PlanNoLongerWanted extends Error {}

const seconds = (col: string) => `extract(epoch FROM ${col})::float8`;

/** Alerts that change a container's decision: fire (emergency dispatch) and overflow (must). */
const DECIDING_ALERTS = ['fire', 'overflow'];

export async function loadPlanningInput(pool: pg.Pool, plan: PlanRow, nowMs = Date.now()): Promise<PlanningInput> {
  const vehicleIds = plan.params.vehicleIds ?? null;
  const [vehicles, containers, facilities, alerts, forecasts] = await Promise.all([
    pool.query(
      `SELECT v.id, v.depot_id, d.lon, d.lat, t.capacity_kg, t.capacity_m3, t.compaction_factor, t.fractions,
              ${seconds('v.shift_start')} AS shift_start_s, ${seconds('v.shift_end')} AS shift_end_s, v.break_duration_s,
              ${seconds('v.break_earliest')} AS break_earliest_s, ${seconds('v.break_latest')} AS break_latest_s,
              t.fixed_cost, t.cost_per_km, t.cost_per_hour, v.max_trips, v.max_daily_load_kg, v.max_daily_stops
         FROM vehicles v
         JOIN vehicle_types t ON t.tenant_id = v.tenant_id AND t.id = v.vehicle_type_id
         JOIN depots d ON d.tenant_id = v.tenant_id AND d.id = v.depot_id
        WHERE v.tenant_id = $1 AND v.active AND ($2::text[] IS NULL OR v.id = ANY($2)) ORDER BY v.id`,
      [plan.tenant_id, vehicleIds],
    ),
    pool.query(
      `SELECT c.id, c.lon, c.lat, c.fraction, c.type, c.volume_m3, c.service_time_s, s.fill_level
         FROM containers c LEFT JOIN container_state s ON s.tenant_id = c.tenant_id AND s.container_id = c.id
        WHERE c.tenant_id = $1 AND c.active ORDER BY c.id`,
      [plan.tenant_id],
    ),
    pool.query(`SELECT id, lon, lat, fractions, unloading_time_s, opening_hours FROM disposal_facilities WHERE tenant_id = $1 ORDER BY id`, [plan.tenant_id]),
    pool.query<{ container_id: string; kinds: string[] }>(
      `SELECT container_id, array_agg(DISTINCT kind) AS kinds FROM alerts
        WHERE tenant_id = $1 AND resolved_at IS NULL AND container_id IS NOT NULL AND kind = ANY($2) GROUP BY container_id`,
      [plan.tenant_id, DECIDING_ALERTS],
    ),
    loadForecasts(pool, { tenantId: plan.tenant_id, timeZone: plan.time_zone, nowMs }),
  ]);
  const alertsOf = new Map(alerts.rows.map((a) => [a.container_id, a.kinds]));
  if (vehicles.rows.length === 0) {
    throw new InputError('no active vehicle to plan with', [{ name: 'vehicleIds', reason: vehicleIds ? 'none of these vehicles is active' : 'the tenant has no active vehicle' }]);
  }
  return {
    vehicles: vehicles.rows.map((v) => ({
      id: v.id,
      depotId: v.depot_id,
      depotLocation: [v.lon, v.lat] as const,
      capacityKg: v.capacity_kg,
      capacityM3: v.capacity_m3,
      compactionFactor: v.compaction_factor,
      fractions: v.fractions,
      shiftStartS: v.shift_start_s,
      shiftEndS: v.shift_end_s,
      ...(v.break_duration_s > 0 && v.break_earliest_s !== null && v.break_latest_s !== null
        ? { breakDurationS: v.break_duration_s, breakWindowS: [v.break_earliest_s, v.break_latest_s] as const }
        : {}),
      fixedCost: v.fixed_cost,
      costPerKm: v.cost_per_km || (v.cost_per_hour ? 0 : 1),
      costPerHour: v.cost_per_hour,
      // the municipality's daily limits of the truck (registry), rules inside the search
      ...(v.max_trips !== null ? { maxTrips: v.max_trips } : {}),
      ...(v.max_daily_load_kg !== null ? { maxDailyLoadKg: v.max_daily_load_kg } : {}),
      ...(v.max_daily_stops !== null ? { maxDailyStops: v.max_daily_stops } : {}),
    })),
    containers: containers.rows.map((c) => ({
      id: c.id,
      location: [c.lon, c.lat] as const,
      fraction: c.fraction,
      volumeM3: c.volume_m3,
      serviceS: c.service_time_s,
      fillLevel: c.fill_level,
      containerType: c.type,
      ...(alertsOf.has(c.id) ? { alerts: alertsOf.get(c.id) } : {}),
      // A forecast without a single reading knows less than the container's state: then today's fill decides.
      ...(forecasts.get(c.id)?.lastObservationMs != null ? { outlook: outlookOf(forecasts.get(c.id)!) } : {}),
    })),
    facilities: planDayFacilities(facilities.rows, plan.date),
    policy: effectivePolicy(plan),
    day: { date: plan.date, timeZone: plan.time_zone, calendar: readTenantSettings(plan.settings).calendar },
  };
}

/**
 * The facilities as the plan day sees them: routes unload there, so a facility closed that day is
 * left out and an open one carries its unloading window.
 */
function planDayFacilities(
  rows: readonly { id: string; lon: number; lat: number; fractions: Fraction[]; unloading_time_s: number; opening_hours: OpeningHours[] | null }[],
  date: string,
): PlanningFacility[] {
  const weekday = isoWeekday(date);
  return rows.flatMap((f) => {
    let window: ReturnType<typeof openWindowOn>;
    try {
      window = openWindowOn(f.opening_hours ?? [], weekday);
    } catch (err) {
      throw new InputError(`opening hours of facility ${f.id} cannot be read`, [{ name: `facility ${f.id}.openingHours`, reason: (err as Error).message }]);
    }
    if (window === null) return [];
    return [{ id: f.id, location: [f.lon, f.lat] as const, fractions: f.fractions, unloadS: f.unloading_time_s, ...(window ? { openWindowS: window } : {}) }];
  });
}

/** Local seconds since midnight of the plan day → timestamptz, in SQL so DST is right. */
const LOCAL = (secondsExpr: string) => `(($2::date)::timestamp + ${secondsExpr} * INTERVAL '1 second') AT TIME ZONE $3`;

export async function storePlanResult(
  pool: pg.Pool,
  plan: PlanRow,
  result: PlanResult,
  geometries: ReadonlyMap<string, RouteGeometry>,
  planned: PlannedProblem,
  decisions: readonly PlanDecision[] = [],
): Promise<void> {
  await withTransaction(pool, async (client) => {
    // A dispatcher may have cancelled the plan while it was being solved: then nothing is stored.
    const { rows } = await client.query<{ status: string }>('SELECT status FROM plans WHERE id = $1 FOR UPDATE', [plan.id]);
    if (rows[0]?.status !== 'running' && rows[0]?.status !== 'queued') {
      throw new PlanNoLongerWanted(`plan ${plan.id} became ${rows[0]?.status ?? 'deleted'} while it was solved; result discarded`);
    }
    await client.query('DELETE FROM routes WHERE plan_id = $1', [plan.id]);
    for (const route of result.routes) {
      await insertRoute(client, plan, route, geometries.get(route.vehicleId));
    }
    await client.query(
      `INSERT INTO plan_problems (plan_id, problem) VALUES ($1, $2) ON CONFLICT (plan_id) DO UPDATE SET problem = EXCLUDED.problem, created_at = now()`,
      [plan.id, JSON.stringify(planned)],
    );
    await insertDecisions(client, plan, decisions);
    await client.query(
      `UPDATE plans SET status = 'draft', cost = $2, stats = $3, failure_reason = NULL, updated_at = now() WHERE id = $1`,
      [plan.id, result.cost, JSON.stringify({ ...result.stats, distanceM: result.distanceM, unassigned: result.unassigned })],
    );
  });
}

export async function insertRoute(
  client: pg.PoolClient,
  plan: Pick<PlanRow, 'id' | 'tenant_id' | 'date' | 'time_zone'>,
  route: PlanResult['routes'][number],
  geometry: RouteGeometry | undefined,
): Promise<string> {
  const first = route.stops[0]!;
  const last = route.stops.at(-1)!;
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO routes (plan_id, tenant_id, vehicle_id, start_time, end_time, distance_m, duration_s, cost, geometry, legs)
     VALUES ($1, $4, $5, ${LOCAL('$6::float8')}, ${LOCAL('$7::float8')}, $8, $9, $10, $11, $12) RETURNING id`,
    [plan.id, plan.date, plan.time_zone, plan.tenant_id, route.vehicleId, first.departureS, last.arrivalS, route.distanceM, route.durationS, route.cost,
      geometry ? JSON.stringify(geometry.geometry) : null, geometry ? JSON.stringify(geometry.legs) : null],
  );
  const routeId = rows[0]!.id;
  await insertStops(client, plan, routeId, route.stops, 0);
  return routeId;
}

/** Inserts stops of a route from `firstPosition` on, with ETAs turned into instants of the plan day. */
export async function insertStops(
  client: pg.PoolClient,
  plan: Pick<PlanRow, 'tenant_id' | 'date' | 'time_zone'>,
  routeId: string,
  stops: PlanResult['routes'][number]['stops'],
  firstPosition: number,
): Promise<void> {
  const col = <T>(f: (s: (typeof stops)[number]) => T) => stops.map(f);
  await client.query(
    `INSERT INTO route_stops (route_id, tenant_id, position, kind, container_id, facility_id, eta, departure, load_kg, load_m3, expected_fill)
     SELECT $1, $4, $13 + u.ord - 1, u.kind, u.container_id, u.facility_id, ${LOCAL('u.arr')}, ${LOCAL('u.dep')}, u.kg, u.m3, u.fill
       FROM unnest($5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::real[])
            WITH ORDINALITY AS u(kind, container_id, facility_id, arr, dep, kg, m3, fill, ord)`,
    [routeId, plan.date, plan.time_zone, plan.tenant_id, col((s) => s.kind), col((s) => s.containerId ?? null), col((s) => s.facilityId ?? null),
      col((s) => s.arrivalS), col((s) => s.departureS), col((s) => s.loadKg), col((s) => s.loadM3), col((s) => s.expectedFill ?? null), firstPosition],
  );
}

/** The day's decisions, one row per container (a re-run of the plan replaces them). */
async function insertDecisions(client: pg.PoolClient, plan: Pick<PlanRow, 'id' | 'tenant_id'>, decisions: readonly PlanDecision[]): Promise<void> {
  await client.query('DELETE FROM plan_decisions WHERE plan_id = $1', [plan.id]);
  if (decisions.length === 0) return;
  const col = <T>(f: (d: PlanDecision) => T) => decisions.map(f);
  await client.query(
    `INSERT INTO plan_decisions (plan_id, tenant_id, container_id, fraction, kind, code, params, fill_now, expected_fill, prize, outcome, vehicle_id, arrival_s, unassigned_code, unassigned_params)
     SELECT $1, $2, u.* FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::real[], $9::real[], $10::float8[], $11::text[], $12::text[], $13::float8[], $14::text[], $15::jsonb[])
       AS u(container_id, fraction, kind, code, params, fill_now, expected_fill, prize, outcome, vehicle_id, arrival_s, unassigned_code, unassigned_params)`,
    [plan.id, plan.tenant_id, col((d) => d.containerId), col((d) => d.fraction), col((d) => d.kind), col((d) => d.code), col((d) => JSON.stringify(d.params)),
      col((d) => d.fillNow), col((d) => d.expectedFill), col((d) => d.prize ?? null), col((d) => d.outcome), col((d) => d.vehicleId ?? null),
      col((d) => d.arrivalS ?? null), col((d) => d.unassigned?.code ?? null), col((d) => (d.unassigned ? JSON.stringify(d.unassigned.params) : null))],
  );
}
