/**
 * Re-optimise the rest of a running day: the stops not yet visited of a dispatched plan are
 * planned again through the same pipeline, each truck starting where it is now (its last
 * reported stop) with the load it carries, from the current time. Visited stops stay as they are;
 * each route's geometry and directions are recomputed over the new sequence.
 */
import type pg from 'pg';
import { UnrecoverableError } from 'bullmq';
import type { LonLat, RoutingProvider } from '../../optimizer/routing/index.ts';
import { runPlanningPipeline, TimeBudget, type PlanningContainer, type PlanningVehicle, type Solver } from '../../planner/index.ts';
import type { PlanJobProgress } from './plan-job-data.ts';
import { insertStops, loadPlanningInput, type PlanRow } from './plan-store.ts';
import { refreshRouteGeometry } from './route-geometry-store.ts';
import { withTransaction } from '../../platform/db.ts';
import { STOP_LON_LAT, STOP_PLACE_JOINS } from '../stop-place-sql.ts';

interface StopRow {
  route_id: string;
  vehicle_id: string;
  id: string;
  position: number;
  kind: string;
  status: string;
  container_id: string | null;
  load_kg: number | null;
  load_m3: number | null;
  expected_fill: number | null;
  lon: number | null;
  lat: number | null;
}

const STOPS = `
  SELECT r.id AS route_id, r.vehicle_id, rs.id, rs.position, rs.kind, rs.status, rs.container_id, rs.load_kg, rs.load_m3, rs.expected_fill,
         ${STOP_LON_LAT}
    FROM routes r
    JOIN route_stops rs ON rs.route_id = r.id
${STOP_PLACE_JOINS}
   WHERE r.plan_id = $1
   ORDER BY r.vehicle_id, rs.position`;

export interface ReoptimiseDeps {
  pool: pg.Pool;
  routing: RoutingProvider;
  solver: Solver;
  signal?: AbortSignal;
}

export async function reoptimiseRemaining(
  plan: PlanRow,
  timeLimitS: number,
  deps: ReoptimiseDeps,
  progress: (p: PlanJobProgress) => void,
  asOf?: string,
): Promise<{ cost: number; routes: number; served: number; unassigned: number }> {
  const { pool } = deps;
  // As for a new plan: the limit covers the whole job, geometry and storing after the solve too.
  const budget = TimeBudget.forJob(timeLimitS * 1000);
  if (plan.status !== 'dispatched') throw new UnrecoverableError(`only a dispatched plan can be re-optimised; this one is ${plan.status}`);
  const stops = (await pool.query<StopRow>(STOPS, [plan.id])).rows;
  const nowS = Number((await pool.query<{ s: number }>(
    `SELECT extract(epoch FROM (coalesce($3::timestamptz, now()) AT TIME ZONE $2) - $1::date::timestamp)::float8 AS s`,
    [plan.date, plan.time_zone, asOf ?? null],
  )).rows[0]!.s);
  const byVehicle = new Map<string, StopRow[]>();
  for (const s of stops) byVehicle.set(s.vehicle_id, [...(byVehicle.get(s.vehicle_id) ?? []), s]);

  const input = await loadPlanningInput(pool, { ...plan, params: { ...plan.params, vehicleIds: [...byVehicle.keys()] } });
  const remaining = new Map(stops.filter((s) => s.kind === 'job' && s.status === 'planned').map((s) => [s.container_id!, s]));
  const containers: PlanningContainer[] = input.containers
    .filter((c) => remaining.has(c.id))
    .map((c) => ({ ...c, forecastFill: remaining.get(c.id)!.expected_fill ?? c.fillLevel ?? 1 }));
  const vehicles: PlanningVehicle[] = input.vehicles.map((v) => {
    const visited = (byVehicle.get(v.id) ?? []).filter((s) => s.status !== 'planned');
    const here = visited.at(-1);
    const location: LonLat | undefined = here && here.lon !== null ? [here.lon, here.lat!] : undefined;
    const { breakDurationS, breakWindowS, ...rest } = v;
    const onBoard = loadOnBoard(here);
    // A truck keeps the stream it has been collecting since the morning.
    const fraction = plan.stats.fractionByVehicle?.[v.id];
    return {
      ...rest,
      ...(fraction ? { fractions: [fraction] } : {}),
      ...(location ? { startLocation: location } : {}),
      // From now on, but never past the shift's end: a truck whose shift is over takes no more
      // stops (they are reported unassigned) instead of making the problem invalid.
      shiftStartS: Math.min(Math.max(v.shiftStartS, nowS), v.shiftEndS),
      // What the truck carries now (the planned load at its last reported stop, kg and loose m³).
      // Capacity stays the truck's: with facilities the planner makes this the optimizer's
      // initialLoad, which fills only the first trip (the truck may unload and carry on, and a
      // loaded truck unloads before the depot even without new stops); without facilities a route
      // is one trip and the planner takes the load off the capacity, which is the same thing there.
      ...(onBoard ? { loadOnBoard: onBoard } : {}),
      // A break whose window has passed was taken (or missed); do not plan it again.
      ...(breakDurationS && breakWindowS && breakWindowS[1] > nowS ? { breakDurationS, breakWindowS } : {}),
    };
  });

  const { result } = await runPlanningPipeline(
    { containers, vehicles, facilities: input.facilities, policy: { ...input.policy, mustFill: 0, mayFill: 0 } },
    { routing: deps.routing, solver: deps.solver, timeLimitMs: budget.limitMs, budget, signal: deps.signal, onProgress: progress },
  );

  await storeReoptimised(pool, plan, byVehicle, remaining, result, nowS);
  await pool.query(
    `UPDATE plans SET failure_reason = NULL, updated_at = now(),
            stats = stats || jsonb_build_object('reoptimisedAt', now(), 'reoptimise', $2::jsonb) WHERE id = $1`,
    [plan.id, JSON.stringify({ remaining: containers.length, served: result.stats.served, unassigned: result.unassigned, cost: result.cost })],
  );
  // Road geometry and directions over each route's whole stop sequence (visited and new).
  await refreshRouteGeometry(pool, deps.routing, plan.id, { totals: true, signal: deps.signal });
  return { cost: result.cost, routes: result.routes.length, served: result.stats.served, unassigned: result.unassigned.length };
}

/** The load after the last reported stop, if any; none before the first or after an unload. */
function loadOnBoard(here: StopRow | undefined): { kg: number; looseM3: number } | undefined {
  const kg = here?.load_kg ?? 0;
  const looseM3 = here?.load_m3 ?? 0;
  return kg > 0 || looseM3 > 0 ? { kg, looseM3 } : undefined;
}

/**
 * Rewrites the unvisited part of every route. Container stops keep their ids (a tablet that was
 * offline can still report them) and move to their new route and position; breaks, unloads and
 * ends are replaced. A stop the new plan cannot serve stays on its route without an ETA, before
 * the end, so that nobody loses sight of it.
 */
async function storeReoptimised(
  pool: pg.Pool,
  plan: PlanRow,
  byVehicle: ReadonlyMap<string, StopRow[]>,
  remaining: ReadonlyMap<string, StopRow>,
  result: Awaited<ReturnType<typeof runPlanningPipeline>>['result'],
  nowS: number,
): Promise<void> {
  const unassigned = new Set(result.unassigned.map((u) => u.containerId));
  await withTransaction(pool, async (client) => {
    await client.query('SET CONSTRAINTS ALL DEFERRED');
    for (const [vehicleId, rows] of byVehicle) {
      const routeId = rows[0]!.route_id;
      await client.query(`DELETE FROM route_stops WHERE route_id = $1 AND status = 'planned' AND kind NOT IN ('start', 'job')`, [routeId]);
      let position = rows.filter((r) => r.kind === 'start' || r.status !== 'planned').length;
      const kept = rows.filter((r) => r.kind === 'start' || r.status !== 'planned');
      for (const [i, r] of kept.entries()) await client.query('UPDATE route_stops SET position = $2 WHERE id = $1', [r.id, i]);
      const next = result.routes.find((r) => r.vehicleId === vehicleId)?.stops.filter((s) => s.kind !== 'start') ?? [];
      const body = next.filter((s) => s.kind !== 'end');
      for (const stop of body) {
        const existing = stop.kind === 'job' ? remaining.get(stop.containerId!) : undefined;
        if (existing) {
          await client.query(
            `UPDATE route_stops SET route_id = $2, position = $3, load_kg = $4, load_m3 = $5,
                    eta = (($6::date)::timestamp + $8 * INTERVAL '1 second') AT TIME ZONE $7,
                    departure = (($6::date)::timestamp + $9 * INTERVAL '1 second') AT TIME ZONE $7
              WHERE id = $1`,
            [existing.id, routeId, position, stop.loadKg, stop.loadM3, plan.date, plan.time_zone, stop.arrivalS, stop.departureS],
          );
        } else {
          await insertStops(client, plan, routeId, [stop], position);
        }
        position++;
      }
      for (const r of rows.filter((x) => x.kind === 'job' && x.status === 'planned' && unassigned.has(x.container_id!))) {
        await client.query('UPDATE route_stops SET position = $2, eta = NULL, departure = NULL WHERE id = $1', [r.id, position++]);
      }
      const end = next.find((s) => s.kind === 'end') ?? { kind: 'end' as const, location: [0, 0] as const, arrivalS: nowS, departureS: nowS, loadKg: 0, loadM3: 0 };
      await insertStops(client, plan, routeId, [end], position);
    }
  });
}
