/**
 * Dispatcher edits: move a container stop to another route or position, check the result with
 * the optimizer's check mode (violations and cost delta) against the problem stored with the
 * plan, and optionally apply it. The check mode re-times the changed routes with the stored
 * matrix; their road geometry and directions are then drawn by the plan worker (a `geometry` job,
 * followed on the plan's event stream), which owns the router: the API process never loads the
 * road network nor spends its event loop on route searches.
 */
import type pg from 'pg';
import type { Problem } from '../optimizer/model/problem.ts';
import type { CheckResult, PlannedRoute, Solution } from '../optimizer/model/solution.ts';
import { breakIdOf, loadSolver, type PlannedProblem } from '../planner/index.ts';
import { toPlanResult } from '../planner/result.ts';
import { insertRoute, loadPlan } from './jobs/plan-store.ts';
import type { PlanJobs } from './jobs/plan-jobs.ts';
import { HttpProblem, notFound } from './problem.ts';
import { withTransaction } from '../platform/db.ts';

export interface Move {
  containerId: string;
  vehicleId: string;
  position: number;
}

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

async function currentRoutes(pool: pg.Pool, planId: string, problem: Problem): Promise<Map<string, string[]>> {
  const { rows } = await pool.query<{ vehicle_id: string; kind: string; container_id: string }>(
    `SELECT r.vehicle_id, rs.kind, rs.container_id FROM route_stops rs JOIN routes r ON r.id = rs.route_id
      WHERE r.plan_id = $1 AND rs.kind IN ('job', 'break') ORDER BY r.vehicle_id, rs.position`,
    [planId],
  );
  // Breaks stay where they were taken: the check mode wants them in the sequence.
  const routes = new Map<string, string[]>(problem.vehicles.map((v) => [v.id, []]));
  for (const r of rows) routes.get(r.vehicle_id)?.push(r.kind === 'break' ? breakIdOf(r.vehicle_id) : r.container_id);
  return routes;
}

function applyMoves(routes: Map<string, string[]>, moves: readonly Move[]): Map<string, string[]> {
  const next = new Map([...routes].map(([v, jobs]) => [v, [...jobs]]));
  moves.forEach((m, i) => {
    const target = next.get(m.vehicleId);
    if (!target) throw new HttpProblem(422, 'Unprocessable Content', `vehicle ${m.vehicleId} is not in this plan`, [{ name: `body.moves.${i}.vehicleId`, reason: 'not a vehicle of this plan' }]);
    for (const jobs of next.values()) {
      const at = jobs.indexOf(m.containerId);
      if (at >= 0) jobs.splice(at, 1);
    }
    // position counts container stops only; breaks keep their place among them
    const slots = target.flatMap((id, k) => (id === breakIdOf(m.vehicleId) ? [] : [k]));
    target.splice(m.position < slots.length ? slots[m.position]! : target.length, 0, m.containerId);
  });
  return next;
}

const planned = (routes: Map<string, string[]>): PlannedRoute[] => [...routes].map(([vehicle, jobs]) => ({ vehicle, jobs }));

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
  const after = applyMoves(before, moves);
  // A truck that had no route owes its break once it gets stops: put it last, the check mode times it.
  for (const v of problem.vehicles) {
    const jobs = after.get(v.id)!;
    if ((before.get(v.id) ?? []).length === 0 && jobs.length > 0 && v.breaks?.length) jobs.push(...v.breaks.map((b) => b.id));
  }
  const [checkBefore, checkAfter] = await Promise.all([solver.check(problem, planned(before)), solver.check(problem, planned(after))]);
  const outcome: EditOutcome = {
    feasible: checkAfter.feasible,
    violations: [...checkAfter.violations],
    cost: checkAfter.cost.total,
    costBefore: checkBefore.cost.total,
    costDelta: checkAfter.cost.total - checkBefore.cost.total,
    solver: solver.name,
    routes: [...after].map(([vehicleId, ids]) => ({ vehicleId, containerIds: ids.filter((id) => id !== breakIdOf(vehicleId)) })),
    applied: false,
  };
  if (!apply || (!checkAfter.feasible && !force)) return outcome;
  const changed = await storeEdited(pool, plan, stored, checkAfter, before, after);
  const withRoutes = checkAfter.routes.filter((r) => changed.has(r.vehicle) && r.steps.some((st) => st.type === 'job')).map((r) => r.vehicle);
  if (!planJobs || withRoutes.length === 0) return { ...outcome, applied: true, geometry: 'none' };
  const jobId = await planJobs.enqueue({ planId, tenantId, kind: 'geometry', timeLimitS: 60, vehicleIds: withRoutes }, `${planId}-geometry-${Date.now()}`);
  await pool.query('UPDATE plans SET job_id = $2 WHERE id = $1', [planId, jobId]);
  return { ...outcome, applied: true, geometry: 'pending' };
}

async function storeEdited(
  pool: pg.Pool,
  plan: NonNullable<Awaited<ReturnType<typeof loadPlan>>>,
  stored: PlannedProblem,
  checked: CheckResult,
  before: Map<string, string[]>,
  after: Map<string, string[]>,
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
