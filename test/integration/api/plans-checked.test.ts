/**
 * Plans as the planner makes them and the API stores and serves them pass the independent checker
 * (issue 17 item 4): the stored problem (matrix, trucks, breaks, facility) replayed with the stored
 * stop order is feasible, and every stored and served ETA is the checker's own arrival time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.ts';
import { processPlanJob } from '../../../api/jobs/process-plan-job.ts';
import { StraightLineProvider } from '../../../optimizer/routing/index.ts';
import { breakIdOf, optimizerSolver, type PlannedProblem } from '../../../planner/index.ts';
import { independentCheck, type CheckedRoute } from '../../checker/checker.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { bearer, seedMunicipality, todayAmsterdam, type Seeded } from './fixtures.ts';
import { addDays } from '../../../registry/collection-calendar.ts';

let db: TestDatabase;
let seed: Seeded;

beforeAll(async () => {
  db = await createTestDatabase();
  seed = await seedMunicipality(db.pool, randomTenant(), 18);
  // A working day with a lunch break, so the ETAs carry shift, waiting and break.
  await db.pool.query(
    `UPDATE vehicles SET shift_start = '06:30', shift_end = '15:00', break_duration_s = 1800, break_earliest = '06:40', break_latest = '07:10' WHERE tenant_id = $1`,
    [seed.tenant],
  );
});
afterAll(async () => {
  await db?.drop();
});

interface StoredStop { vehicle_id: string; route_id: string; id: string; kind: string; container_id: string | null; facility_id: string | null; eta_s: number; eta: Date }

describe('a stored plan, replayed by the independent checker', () => {
  it('is feasible, and its stored and served ETAs are the checker’s arrival times', async () => {
    const date = addDays(todayAmsterdam(), 1);
    const planId = (await db.pool.query(`INSERT INTO plans (tenant_id, date, params) VALUES ($1, $2, '{"timeLimitS":1}') RETURNING id`, [seed.tenant, date])).rows[0].id;
    await processPlanJob(
      { data: { planId, tenantId: seed.tenant, kind: 'plan', timeLimitS: 1 }, attemptsMade: 0, opts: { attempts: 1 }, updateProgress: async () => {} },
      { pool: db.pool, routing: new StraightLineProvider(), solver: optimizerSolver },
    );
    const planned = (await db.pool.query<{ problem: PlannedProblem }>('SELECT problem FROM plan_problems WHERE plan_id = $1', [planId])).rows[0]!.problem;
    const stops = (await db.pool.query<StoredStop>(
      `SELECT r.vehicle_id, r.id AS route_id, rs.id, rs.kind, rs.container_id, rs.facility_id, rs.eta,
              extract(epoch FROM rs.eta - (p.date::timestamp AT TIME ZONE 'Europe/Amsterdam'))::float8 AS eta_s
         FROM route_stops rs JOIN routes r ON r.id = rs.route_id JOIN plans p ON p.id = r.plan_id
        WHERE r.plan_id = $1 ORDER BY r.vehicle_id, rs.position`, [planId])).rows;
    expect(stops.filter((s) => s.kind === 'job').length).toBeGreaterThan(3);
    expect(stops.some((s) => s.kind === 'break')).toBe(true);

    const byVehicle = new Map<string, StoredStop[]>();
    for (const s of stops) byVehicle.set(s.vehicle_id, [...(byVehicle.get(s.vehicle_id) ?? []), s]);
    const idOf = (s: StoredStop) => (s.kind === 'job' ? s.container_id! : s.kind === 'unload' ? s.facility_id! : breakIdOf(s.vehicle_id));
    const routes: CheckedRoute[] = [...byVehicle].map(([vehicle, list]) => ({
      vehicle,
      stops: list.filter((s) => s.kind === 'job' || s.kind === 'unload' || s.kind === 'break').map(idOf),
    }));
    const checked = independentCheck(planned.problem, routes, false);
    expect(checked.errors).toEqual([]);

    for (const schedule of checked.schedules) {
      const list = byVehicle.get(schedule.vehicle)!;
      const visits = list.filter((s) => s.kind !== 'start' && s.kind !== 'end');
      expect(visits.map(idOf)).toEqual(schedule.stops.map((s) => s.id));
      // ETAs are stored to the microsecond: compare to the millisecond.
      visits.forEach((s, i) => expect(s.eta_s, `${schedule.vehicle} ${idOf(s)}`).toBeCloseTo(schedule.stops[i]!.arrival, 3));
      expect(list[0]!.eta_s).toBeCloseTo(schedule.depart, 3);
      expect(list.at(-1)!.eta_s).toBeCloseTo(schedule.end, 3);
    }

    // What the API serves for a route is what was stored.
    const app = await buildApp({ pool: db.pool, defaultTenant: seed.tenant });
    try {
      const routeId = stops[0]!.route_id;
      const res = await app.inject({ url: `/v1/routes/${routeId}`, headers: bearer(seed.tokens.dispatcher) });
      expect(res.statusCode).toBe(200);
      const served = res.json().stops as { id: string; eta: string | null }[];
      const stored = stops.filter((s) => s.route_id === routeId);
      expect(served.map((s) => [s.id, s.eta])).toEqual(stored.map((s) => [s.id, s.eta.toISOString()]));
    } finally {
      await app.close();
    }
  });
});
