/**
 * Dispatcher edits through the real queue and worker (straight-line router): an applied move gets
 * road geometry and directions from the plan worker, a truck the plan left at the depot can be
 * given a stop (its route is made: start, break, the closing unload at the facility, end), and a
 * re-optimisation of the dispatched
 * day is followed on the plan's event stream until it ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { amsterdamTime, bearer, sseEvents, todayAmsterdam, type Seeded } from './fixtures.ts';
import { startPlanningStack, type PlanningStack } from './planning-stack.ts';

let stack: PlanningStack;
let app: FastifyInstance;
let seed: Seeded;
let planId: string;

interface Stop { id: string; kind: string; containerId: string | null; facilityId: string | null; instructions: string[]; status: string }
interface Route { id: string; vehicleId: string; geometry: { coordinates: number[][] } | null; stops: Stop[] }

beforeAll(async () => {
  stack = await startPlanningStack(async (database, seeded) => {
    // A truck costs so much to send out that one does the whole (small) day; both have a break.
    await database.pool.query(`UPDATE vehicle_types SET fixed_cost = 100000 WHERE tenant_id = $1`, [seeded.tenant]);
    await database.pool.query(`UPDATE vehicles SET break_duration_s = 1800, break_earliest = '00:00', break_latest = '23:59' WHERE tenant_id = $1`, [seeded.tenant]);
  });
  ({ app, seed } = stack);
});
afterAll(async () => stack?.close());

const staff = () => bearer(seed.tokens.dispatcher);
const events = async (id: string) => sseEvents((await app.inject({ url: `/v1/plans/${id}/events`, headers: staff() })).body);
const plan = async () => (await app.inject({ url: `/v1/plans/${planId}`, headers: staff() })).json();
const route = async (vehicleId: string): Promise<Route> => {
  const summary = (await plan()).routes.find((r: { vehicleId: string }) => r.vehicleId === vehicleId);
  return (await app.inject({ url: `/v1/routes/${summary.id}?lang=nl`, headers: staff() })).json();
};
const jobsOf = (r: Route) => r.stops.filter((s) => s.kind === 'job').map((s) => s.containerId!);
/** Every stop the truck drives to has directions; the route has a drawn line. */
function expectDrawn(r: Route) {
  expect(r.geometry, `geometry of ${r.vehicleId}`).not.toBeNull();
  expect(r.geometry!.coordinates.length).toBeGreaterThanOrEqual(r.stops.filter((s) => s.kind !== 'break').length);
  for (const s of r.stops.filter((x) => x.kind !== 'start' && x.kind !== 'break')) expect(s.instructions.length, `${s.kind} ${s.containerId}`).toBeGreaterThan(0);
  // the arrival names the container and its address, not "your 2nd destination"
  for (const s of r.stops.filter((x) => x.kind === 'job')) expect(s.instructions.at(-1)).toMatch(new RegExp(`^Bestemming bereikt: container ${s.containerId}, Boulevard \\d+`));
  // every route unloads at the facility before it returns to the depot
  expect(r.stops.at(-2)).toMatchObject({ kind: 'unload', facilityId: 'f1' });
  for (const s of r.stops.filter((x) => x.kind === 'unload')) expect(s.instructions.at(-1)).toMatch(/^Bestemming bereikt: losplaats f1/);
  expect(r.stops.at(-1)!.instructions.at(-1)).toBe('Bestemming bereikt: depot, Quai Antoine 1er');
}

describe('dispatcher edits', () => {
  it('a plan for the residual containers on one truck', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/plans', headers: staff(), payload: { date: todayAmsterdam(), timeLimitS: 1, policy: { fractions: ['residual'] } } });
    planId = res.json().id;
    expect((await events(planId)).at(-1)).toMatchObject({ event: 'completed', data: { status: 'draft' } });
    const p = await plan();
    expect(p.routes).toHaveLength(1);
    expect(p.routes[0].stops).toBeGreaterThanOrEqual(2);
    expectDrawn(await route(p.routes[0].vehicleId));
  });

  it('an applied move redraws the changed route on the road, with directions, through the plan worker', async () => {
    const used = (await plan()).routes[0].vehicleId;
    const jobs = jobsOf(await route(used));
    const res = await app.inject({ method: 'POST', url: `/v1/plans/${planId}/edits`, headers: staff(), payload: { moves: [{ containerId: jobs.at(-1), vehicleId: used, position: 0 }] } });
    expect(res.json()).toMatchObject({ applied: true, geometry: 'pending' });
    // the plan's stream follows the geometry job to its end
    const stream = await events(planId);
    expect(stream.map((e) => e.event)).toContain('progress');
    expect(stream.at(-1)).toMatchObject({ event: 'completed', data: { status: 'draft' } });
    const after = await route(used);
    expect(jobsOf(after)).toEqual([jobs.at(-1), ...jobs.slice(0, -1)]);
    expectDrawn(after);
    const gpx = await app.inject({ url: `/v1/routes/${after.id}/export?format=gpx`, headers: staff() });
    expect(gpx.body.match(/<trkpt/g)!.length).toBe(after.geometry!.coordinates.length);
  });

  it('a stop moved to a truck without a route: checked feasible, and applied as a new route with start, break, unload and end', async () => {
    const used = (await plan()).routes[0].vehicleId;
    const idle = used === 'v1' ? 'v2' : 'v1';
    const container = jobsOf(await route(used))[0]!;
    const move = { moves: [{ containerId: container, vehicleId: idle, position: 0 }] };
    const check = (await app.inject({ method: 'POST', url: `/v1/plans/${planId}/check`, headers: staff(), payload: move })).json();
    expect(check.violations).toEqual([]);
    expect(check).toMatchObject({ feasible: true, applied: false });
    expect(check.routes.find((r: { vehicleId: string }) => r.vehicleId === idle).containerIds).toEqual([container]);

    const applied = (await app.inject({ method: 'POST', url: `/v1/plans/${planId}/edits`, headers: staff(), payload: move })).json();
    expect(applied).toMatchObject({ applied: true, feasible: true, geometry: 'pending' });
    expect((await events(planId)).at(-1)).toMatchObject({ event: 'completed', data: { status: 'draft' } });
    expect((await plan()).routes.map((r: { vehicleId: string }) => r.vehicleId).sort()).toEqual(['v1', 'v2']);
    const created = await route(idle);
    expect(created.stops.map((s) => s.kind)).toEqual(['start', 'job', 'break', 'unload', 'end']);
    expect(jobsOf(created)).toEqual([container]);
    expectDrawn(created);
    expect(jobsOf(await route(used))).not.toContain(container);
  });

  it('a re-optimisation of the dispatched day is followed on the event stream until it ends', async () => {
    for (const status of ['approved', 'dispatched']) {
      expect((await app.inject({ method: 'POST', url: `/v1/plans/${planId}/status`, headers: staff(), payload: { status } })).statusCode).toBe(200);
    }
    const res = await app.inject({ method: 'POST', url: `/v1/plans/${planId}/reoptimise`, headers: staff(), payload: { timeLimitS: 1, asOf: amsterdamTime(todayAmsterdam(), '10:00') } });
    expect(res.statusCode).toBe(202);
    const stream = await events(planId);
    expect(stream[0]).toMatchObject({ event: 'state', data: { status: 'dispatched' } });
    const progress = stream.filter((e) => e.event === 'progress').map((e) => e.data.percent as number);
    expect(progress.length).toBeGreaterThan(0);
    expect(Math.max(...progress)).toBe(100);
    expect(stream.at(-1)).toMatchObject({ event: 'completed', data: { status: 'dispatched' } });
    // once it has ended, the stream of the dispatched plan says so at once, with the job's last progress
    const ended = await events(planId);
    expect(ended.map((e) => e.event)).toEqual(['state', 'progress', 'completed']);
    expect(ended[1]!.data).toMatchObject({ percent: 100 });
  });
});
