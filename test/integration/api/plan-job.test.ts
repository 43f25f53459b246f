/**
 * The plan job in-process (no queue): a cancelled plan is not overwritten by a late result, a
 * routing failure is retried with its reason visible while the plan waits, and re-optimising a
 * running day keeps the trucks' streams and visited stops and lets a loaded truck unload first
 * (the tenant has a facility, so routes have disposal trips).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnrecoverableError } from 'bullmq';
import { processPlanJob, type PlanJobLike } from '../../../api/jobs/process-plan-job.ts';
import { StraightLineProvider, type RoutingProvider } from '../../../optimizer/routing/index.ts';
import { optimizerSolver, type Solver } from '../../../planner/index.ts';
import { RoutingError } from '../../../platform/errors.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { amsterdamTime, seedMunicipality, todayAmsterdam } from './fixtures.ts';

let db: TestDatabase;
let tenant: string;
/** A second municipality with twice the containers, so that one truck has several left to collect. */
let bigger: string;

beforeAll(async () => {
  db = await createTestDatabase();
  tenant = (await seedMunicipality(db.pool, randomTenant(), 6)).tenant;
  bigger = (await seedMunicipality(db.pool, randomTenant(), 12)).tenant;
});
afterAll(async () => {
  await db?.drop();
});

async function newPlan(tenantId = tenant): Promise<string> {
  const { rows } = await db.pool.query(`INSERT INTO plans (tenant_id, date, params) VALUES ($1, $2, '{"timeLimitS":1}') RETURNING id`, [tenantId, todayAmsterdam()]);
  return rows[0].id;
}

/** Re-optimising happens mid-morning of the plan day, whatever the hour the suite runs. */
const midMorning = () => amsterdamTime(todayAmsterdam(), '10:00');

const job = (planId: string, attemptsMade = 0, tenantId = tenant): PlanJobLike => ({
  data: { planId, tenantId, kind: 'plan', timeLimitS: 1 },
  attemptsMade,
  opts: { attempts: 2 },
  updateProgress: async () => {},
});

describe('plan job', () => {
  it('discards the result of a plan cancelled during the solve', async () => {
    const planId = await newPlan();
    const cancelling: Solver = {
      ...optimizerSolver,
      async solve(problem, options) {
        await db.pool.query(`UPDATE plans SET status = 'cancelled' WHERE id = $1`, [planId]);
        return optimizerSolver.solve(problem, { ...options, maxIterations: 50 });
      },
    };
    await expect(processPlanJob(job(planId), { pool: db.pool, routing: new StraightLineProvider(), solver: cancelling })).rejects.toBeInstanceOf(UnrecoverableError);
    const { rows } = await db.pool.query('SELECT status, (SELECT count(*)::int FROM routes WHERE plan_id = $1) AS routes FROM plans WHERE id = $1', [planId]);
    expect(rows[0]).toEqual({ status: 'cancelled', routes: 0 });
  });

  it('keeps a plan queued with the reason while a routing failure is retried, then fails it', async () => {
    const planId = await newPlan();
    const down: RoutingProvider = Object.assign(Object.create(new StraightLineProvider()) as RoutingProvider, {
      table: async () => {
        throw new RoutingError('OSRM did not answer', [{ name: 'osrm', reason: 'timeout after 10000 ms' }]);
      },
    });
    await expect(processPlanJob(job(planId, 0), { pool: db.pool, routing: down, solver: optimizerSolver })).rejects.toBeInstanceOf(RoutingError);
    let plan = (await db.pool.query('SELECT status, failure_reason FROM plans WHERE id = $1', [planId])).rows[0];
    expect(plan.status).toBe('queued');
    expect(plan.failure_reason).toBe('attempt 1 failed, retrying: OSRM did not answer (osrm: timeout after 10000 ms)');
    await expect(processPlanJob(job(planId, 1), { pool: db.pool, routing: down, solver: optimizerSolver })).rejects.toBeInstanceOf(RoutingError);
    plan = (await db.pool.query('SELECT status, failure_reason FROM plans WHERE id = $1', [planId])).rows[0];
    expect(plan).toEqual({ status: 'failed', failure_reason: 'OSRM did not answer (osrm: timeout after 10000 ms)' });
  });

  it('re-optimises the rest of a dispatched day: trucks keep their stream and their visited stops', async () => {
    const planId = await newPlan();
    const deps = { pool: db.pool, routing: new StraightLineProvider(), solver: optimizerSolver };
    await processPlanJob(job(planId), deps);
    await db.pool.query(`UPDATE plans SET status = 'dispatched' WHERE id = $1`, [planId]);
    const stops = async () => (await db.pool.query(
      `SELECT r.vehicle_id, rs.id, rs.position, rs.status, c.fraction FROM route_stops rs JOIN routes r ON r.id = rs.route_id
         JOIN containers c ON c.tenant_id = rs.tenant_id AND c.id = rs.container_id
        WHERE r.plan_id = $1 AND rs.kind = 'job' ORDER BY r.vehicle_id, rs.position`, [planId])).rows;
    const before = await stops();
    const firstOf = new Map<string, string>();
    for (const s of before) if (!firstOf.has(s.vehicle_id)) firstOf.set(s.vehicle_id, s.id);
    await db.pool.query(`UPDATE route_stops SET status = 'emptied' WHERE id = ANY($1)`, [[...firstOf.values()]]);

    const reopt = await processPlanJob({ ...job(planId), data: { planId, tenantId: tenant, kind: 'reoptimise', timeLimitS: 1, asOf: midMorning() } }, deps);
    expect(reopt.unassigned).toBe(0);
    const after = await stops();
    expect(after.map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
    const fractionOf = new Map(before.map((s) => [s.vehicle_id, s.fraction]));
    for (const s of after) expect(s.fraction).toBe(fractionOf.get(s.vehicle_id));
    for (const [vehicle, id] of firstOf) expect(after.find((s) => s.vehicle_id === vehicle)).toMatchObject({ id, status: 'emptied' });
    const plan = (await db.pool.query('SELECT status, stats FROM plans WHERE id = $1', [planId])).rows[0];
    expect(plan.status).toBe('dispatched');
    expect(plan.stats.reoptimise).toMatchObject({ served: after.length - firstOf.size });
  });

  it('re-optimising after the trucks\' shifts have ended reports the open stops unassigned instead of failing', async () => {
    const planId = await newPlan();
    const deps = { pool: db.pool, routing: new StraightLineProvider(), solver: optimizerSolver };
    await processPlanJob(job(planId), deps);
    await db.pool.query(`UPDATE plans SET status = 'dispatched' WHERE id = $1`, [planId]);
    const open = Number((await db.pool.query(`SELECT count(*) FROM route_stops rs JOIN routes r ON r.id = rs.route_id WHERE r.plan_id = $1 AND rs.kind = 'job'`, [planId])).rows[0].count);
    await db.pool.query(`UPDATE vehicles SET shift_start = '00:00', shift_end = '00:01' WHERE tenant_id = $1`, [tenant]);
    try {
      const reopt = await processPlanJob({ ...job(planId), data: { planId, tenantId: tenant, kind: 'reoptimise', timeLimitS: 1, asOf: midMorning() } }, deps);
      expect(reopt.unassigned).toBe(open);
      const plan = (await db.pool.query('SELECT status, failure_reason FROM plans WHERE id = $1', [planId])).rows[0];
      expect(plan).toEqual({ status: 'dispatched', failure_reason: null });
      // the stops stay on their routes, without an ETA, for the dispatcher to see
      const stops = (await db.pool.query(`SELECT rs.eta FROM route_stops rs JOIN routes r ON r.id = rs.route_id WHERE r.plan_id = $1 AND rs.kind = 'job'`, [planId])).rows;
      expect(stops).toHaveLength(open);
      expect(stops.every((s) => s.eta === null)).toBe(true);
    } finally {
      await db.pool.query(`UPDATE vehicles SET shift_start = '00:00', shift_end = '23:59' WHERE tenant_id = $1`, [tenant]);
    }
  });

  describe('a truck that carries load when the day is re-optimised', () => {
    interface StopRow { vehicle_id: string; id: string; kind: string; status: string; container_id: string | null; facility_id: string | null; load_kg: number; load_m3: number }
    const routeStops = async (planId: string): Promise<StopRow[]> => (await db.pool.query(
      `SELECT r.vehicle_id, rs.id, rs.kind, rs.status, rs.container_id, rs.facility_id, rs.load_kg, rs.load_m3
         FROM route_stops rs JOIN routes r ON r.id = rs.route_id WHERE r.plan_id = $1 ORDER BY r.vehicle_id, rs.position`, [planId])).rows;
    /** Plans the bigger municipality's day and dispatches it. */
    const dispatchedDay = async () => {
      const planId = await newPlan(bigger);
      const deps = { pool: db.pool, routing: new StraightLineProvider(), solver: optimizerSolver };
      await processPlanJob(job(planId, 0, bigger), deps);
      await db.pool.query(`UPDATE plans SET status = 'dispatched' WHERE id = $1`, [planId]);
      const reoptimise = () => processPlanJob({ ...job(planId, 0, bigger), data: { planId, tenantId: bigger, kind: 'reoptimise', timeLimitS: 1, asOf: midMorning() } }, deps);
      return { planId, reoptimise };
    };
    const kindsOf = (rows: readonly StopRow[]) => rows.map((s) => (s.kind === 'unload' ? `unload ${s.facility_id}` : s.kind));

    it('a nearly full truck unloads at the facility first and then collects the rest (nothing reported for capacity)', async () => {
      const { planId, reoptimise } = await dispatchedDay();
      const before = await routeStops(planId);
      const jobsOf = (v: string) => before.filter((s) => s.vehicle_id === v && s.kind === 'job');
      const vehicle = [...new Set(before.map((s) => s.vehicle_id))].sort((a, b) => jobsOf(b).length - jobsOf(a).length)[0]!;
      const [first, ...rest] = jobsOf(vehicle);
      expect(rest.length).toBeGreaterThanOrEqual(2);
      // Rear loader: 10 000 kg, 20 m³ body × compaction 2 = 40 loose m³. After its first container the
      // truck is nearly full: no other container fits before it unloads.
      await db.pool.query(`UPDATE route_stops SET status = 'emptied', load_kg = 9950, load_m3 = 39.8 WHERE id = $1`, [first!.id]);

      const reopt = await reoptimise();
      expect(reopt.unassigned).toBe(0);
      const mine = (await routeStops(planId)).filter((s) => s.vehicle_id === vehicle);
      const open = mine.slice(mine.findIndex((s) => s.id === first!.id) + 1);
      expect(kindsOf(open)[0]).toBe('unload f1');
      expect(open[0]).toMatchObject({ load_kg: 0, load_m3: 0 });
      expect(kindsOf(open).slice(-2)).toEqual(['unload f1', 'end']);
      expect(open.filter((s) => s.kind === 'job').map((s) => s.id).sort()).toEqual(rest.map((s) => s.id).sort());
      // the load on board was unloaded: the containers after it ride in trips of their own
      for (const s of open.filter((x) => x.kind === 'job')) expect(s.load_kg).toBeLessThan(9950);
      const plan = (await db.pool.query('SELECT stats FROM plans WHERE id = $1', [planId])).rows[0];
      expect(plan.stats.reoptimise.unassigned).toEqual([]);
    });

    it('a loaded truck with no containers left still drives to the facility and unloads before the depot', async () => {
      const { planId, reoptimise } = await dispatchedDay();
      const before = await routeStops(planId);
      const vehicle = before.find((s) => s.kind === 'job')!.vehicle_id;
      const jobs = before.filter((s) => s.vehicle_id === vehicle && s.kind === 'job');
      await db.pool.query(`UPDATE route_stops SET status = 'emptied' WHERE id = ANY($1)`, [jobs.map((s) => s.id)]);
      expect(jobs.at(-1)!.load_kg).toBeGreaterThan(0);

      await reoptimise();
      const mine = (await routeStops(planId)).filter((s) => s.vehicle_id === vehicle);
      const open = mine.slice(mine.findIndex((s) => s.id === jobs.at(-1)!.id) + 1);
      expect(kindsOf(open)).toEqual(['unload f1', 'end']);
      expect(open[0]).toMatchObject({ load_kg: 0, load_m3: 0 });
    });
  });
});
