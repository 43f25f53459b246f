/**
 * Dispatcher edits: move a container stop to another route or position, check the result with
 * the optimizer's check mode (violations and cost delta) against the problem stored with the
 * plan, and optionally apply it. Breaks and unload visits keep their place in the sequence that is
 * checked (edit-sequence.ts), so a multi-trip route is checked trip by trip and a route that lost
 * its unloads is reported. The check mode re-times the changed routes with the stored
 * matrix; their road geometry and directions are then drawn by the plan worker (a `geometry` job,
 * followed on the plan's event stream), which owns the router: the API process never loads the
 * road network nor spends its event loop on route searches.
 */
import type pg from 'pg';
import type { Problem } from '../optimizer/model/problem.ts';
import type { CheckResult, PlannedRoute, Solution } from '../optimizer/model/solution.ts';
import { loadSolver, plannedStopId, type PlannedProblem, type PlanStop } from '../planner/index.ts';
import { toPlanResult } from '../planner/result.ts';
import { applyMoves, closingFacility, StopKinds, type Move, type Sequences } from './edit-sequence.ts';
import { insertRoute, loadPlan } from './jobs/plan-store.ts';
import { QueueUnavailable, type PlanJobs } from './jobs/plan-jobs.ts';
import { HttpProblem, notFound } from './problem.ts';
import { withTransaction } from '../platform/db.ts';

export type { Move };

export interface EditOutcome {
  feasible: boolean;
  violations: { name: string; constraint: string; reason: string }[];
  cost: number;
  costBefore: number;
  costDelta: number;
  solver: string;
  routes: { vehicleId: string; containerIds: string[] }[];
  applied: boolean;
  /** pending: the plan worker is drawing the changed routes on the road (see the plan's events). */
  geometry?: 'pending' | 'none';
}

const EDITABLE = new Set(['draft', 'approved']);

/** Each vehicle's stored sequence as check mode reads it: containers, breaks and unloads (facility ids). */
async function currentRoutes(pool: pg.Pool, planId: string, problem: Problem): Promise<Sequences> {
  const { rows } = await pool.query<{ vehicle_id: string; kind: PlanStop['kind']; container_id: string | null; facility_id: string | null }>(
    `SELECT r.vehicle_id, rs.kind, rs.container_id, rs.facility_id FROM route_stops rs JOIN routes r ON r.id = rs.route_id
      WHERE r.plan_id = $1 AND rs.kind IN ('job', 'break', 'unload') ORDER BY r.vehicle_id, rs.position`,
    [planId],
  );
  // Breaks and unloads stay where they were planned: the check mode wants them in the sequence, so
  // that an edited multi-trip route is checked trip by trip and a missing unload is reported.
  const routes: Sequences = new Map(problem.vehicles.map((v) => [v.id, []]));
  for (const r of rows) {
    const id = plannedStopId(r.vehicle_id, { kind: r.kind, containerId: r.container_id ?? undefined, facilityId: r.facility_id ?? undefined });
    if (id !== undefined) routes.get(r.vehicle_id)?.push(id);
  }
  return routes;
}

const planned = (routes: Sequences): PlannedRoute[] => [...routes].map(([vehicle, jobs]) => ({ vehicle, jobs }));

export async function editPlan(
  pool: pg.Pool,
  tenantId: string,
  planId: string,
  moves: readonly Move[],
  apply: boolean,
  force: boolean,
  planJobs?: PlanJobs,
): Promise<EditOutcome> {
  const plan = await loadPlan(pool, planId);
  if (!plan || plan.tenant_id !== tenantId) throw notFound(`plan ${planId}`);
  if (apply && !EDITABLE.has(plan.status)) throw new HttpProblem(409, 'Conflict', `a ${plan.status} plan cannot be edited`, [{ name: 'params.id', reason: 'only draft or approved plans' }]);
  const stored = (await pool.query<{ problem: PlannedProblem }>('SELECT problem FROM plan_problems WHERE plan_id = $1', [planId])).rows[0]?.problem;
  if (!stored) throw new HttpProblem(409, 'Conflict', `plan ${planId} has no solved problem yet`, [{ name: 'params.id', reason: `plan is ${plan.status}` }]);
  const { problem } = stored;
  const solver = await loadSolver();
  const before = await currentRoutes(pool, planId, problem);
  const kinds = new StopKinds(problem);
  const after = applyMoves(before, moves, kinds);
  // A truck that had no route owes its break once it gets stops (put last, the check mode times
  // it) and, on a multi-trip day, an unload before it returns to the depot.
  for (const v of problem.vehicles) {
    const ids = after.get(v.id)!;
    if ((before.get(v.id) ?? []).some(kinds.isContainer) || !ids.some(kinds.isContainer)) continue;
    if (!ids.some(kinds.isBreak)) ids.push(...(v.breaks ?? []).map((b) => b.id));
    const facility = closingFacility(problem, v.id, ids);
    if (facility !== undefined) ids.push(facility);
  }
  const [checkBefore, checkAfter] = await Promise.all([solver.check(problem, planned(before)), solver.check(problem, planned(after))]);
  const outcome: EditOutcome = {
    feasible: checkAfter.feasible,
    violations: [...checkAfter.violations],
    cost: checkAfter.cost.total,
    costBefore: checkBefore.cost.total,
    costDelta: checkAfter.cost.total - checkBefore.cost.total,
    solver: solver.name,
    routes: [...after].map(([vehicleId, ids]) => ({ vehicleId, containerIds: ids.filter(kinds.isContainer) })),
    applied: false,
  };
  if (!apply || (!checkAfter.feasible && !force)) return outcome;
  const changed = await storeEdited(pool, plan, stored, checkAfter, before, after);
  const withRoutes = checkAfter.routes.filter((r) => changed.has(r.vehicle) && r.steps.some((st) => st.type === 'job')).map((r) => r.vehicle);
  if (!planJobs || withRoutes.length === 0) return { ...outcome, applied: true, geometry: 'none' };
  let jobId: string;
  try {
    jobId = await planJobs.enqueue({ planId, tenantId, kind: 'geometry', timeLimitS: 60, vehicleIds: withRoutes }, `${planId}-geometry-${Date.now()}`);
  } catch (err) {
    if (!(err instanceof QueueUnavailable)) throw err;
    // The edit is stored and stays; only the road drawing waits for the next edit. Said in the
    // answer and kept on the plan, never a 5xx for work that was done.
    await pool.query(`UPDATE plans SET failure_reason = $2, updated_at = now() WHERE id = $1`, [planId, `road geometry of edited routes failed: ${err.message}`]);
    return { ...outcome, applied: true, geometry: 'none' };
  }
  await pool.query('UPDATE plans SET job_id = $2 WHERE id = $1', [planId, jobId]);
  return { ...outcome, applied: true, geometry: 'pending' };
}

async function storeEdited(
  pool: pg.Pool,
  plan: NonNullable<Awaited<ReturnType<typeof loadPlan>>>,
  stored: PlannedProblem,
  checked: CheckResult,
  before: Sequences,
  after: Sequences,
): Promise<Set<string>> {
  const changed = new Set([...after].filter(([v, jobs]) => jobs.join('\n') !== (before.get(v) ?? []).join('\n')).map(([v]) => v));
  const solution: Solution = {
    routes: checked.routes.filter((r) => changed.has(r.vehicle) && r.steps.some((st) => st.type === 'job')),
    unassigned: [],
    cost: checked.cost,
    distanceM: checked.routes.reduce((s, r) => s + r.distanceM, 0),
    vehiclesUsed: checked.routes.length,
    feasible: checked.feasible,
    stats: { iterations: 0, elapsedMs: 0 },
  };
  const result = toPlanResult(solution, stored.problem, stored.points, [], [], { candidates: 0, required: 0, optional: 0, matrixMs: 0, solveMs: 0, solver: 'check', router: 'stored' });
  return await withTransaction(pool, async (client) => {
    const fills = (await client.query<{ container_id: string; expected_fill: number | null }>(
      `SELECT rs.container_id, rs.expected_fill FROM route_stops rs JOIN routes r ON r.id = rs.route_id WHERE r.plan_id = $1 AND rs.kind = 'job'`,
      [plan.id],
    )).rows;
    const expected = new Map(fills.map((f) => [f.container_id, f.expected_fill]));
    await client.query('DELETE FROM routes WHERE plan_id = $1 AND vehicle_id = ANY($2)', [plan.id, [...changed]]);
    for (const route of result.routes) {
      const stops = route.stops.map((s) => (s.containerId ? { ...s, expectedFill: expected.get(s.containerId) ?? undefined } : s));
      await insertRoute(client, plan, { ...route, stops }, undefined);
    }
    await client.query('UPDATE plans SET cost = $2, updated_at = now() WHERE id = $1', [plan.id, checked.cost.total]);
    return changed;
  });
}
