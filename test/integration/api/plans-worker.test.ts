/**
 * Plans through the real queue: BullMQ on this machine's Redis (random prefix), the sandboxed
 * processor in its own process, progress as server-sent events, failure reasons, state changes,
 * dispatcher edits through the optimizer's check mode, and the exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import type { PlanJobs } from '../../../api/jobs/plan-jobs.ts';
import type { TestDatabase } from '../../helpers/index.ts';
import { bearer, sseEvents, todayAmsterdam, type Seeded } from './fixtures.ts';
import { startPlanningStack, type PlanningStack } from './planning-stack.ts';

let stack: PlanningStack;
let db: TestDatabase;
let app: FastifyInstance;
let seed: Seeded;
let planJobs: PlanJobs;
let planId: string;

beforeAll(async () => {
  stack = await startPlanningStack();
  ({ db, app, seed, planJobs } = stack);
});
afterAll(async () => stack?.close());

const staff = () => bearer(seed.tokens.dispatcher);

describe('a plan from request to draft', () => {
  it('answers 202 with the plan id and streams progress until completed', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/plans', headers: staff(), payload: { date: todayAmsterdam(), timeLimitS: 1 } });
    expect(res.statusCode).toBe(202);
    planId = res.json().id;
    expect(res.headers.location).toBe(`/v1/plans/${planId}`);
    expect(res.json().links.events).toBe(`/v1/plans/${planId}/events`);

    // inject resolves when the stream ends, i.e. after the final event
    const events = await app.inject({ url: `/v1/plans/${planId}/events`, headers: staff() });
    expect(events.headers['content-type']).toContain('text/event-stream');
    expect(events.headers['x-content-type-options']).toBe('nosniff'); // hooks' headers survive the hijack
    expect(events.headers['api-version']).toBeDefined();
    const parsed = sseEvents(events.body);
    expect(parsed[0]!.event).toBe('state');
    expect(parsed.at(-1)).toMatchObject({ event: 'completed', data: { status: 'draft' } });
    const progress = parsed.filter((e) => e.event === 'progress').map((e) => e.data.percent as number);
    expect(progress.length).toBeGreaterThan(0);
    expect(Math.max(...progress)).toBe(100);
  });

  it('stores routes serving every full container, with stats and no failure', async () => {
    const plan = (await app.inject({ url: `/v1/plans/${planId}`, headers: staff() })).json();
    expect(plan).toMatchObject({ status: 'draft', failureReason: null, stats: { solver: 'optimizer', router: 'straight-line', required: 4 } });
    expect(plan.attempts).toMatchObject({ made: 1, max: 2, state: 'completed' });
    expect(plan.routes.length).toBeGreaterThan(0);
    const { rows } = await db.pool.query(
      `SELECT rs.container_id FROM route_stops rs JOIN routes r ON r.id = rs.route_id WHERE r.plan_id = $1 AND rs.kind = 'job'`,
      [planId],
    );
    const served = rows.map((r) => r.container_id);
    for (const full of ['c001', 'c004', 'c007', 'c010']) expect(served).toContain(full);
    expect(served).not.toContain('c003'); // 10 % full
    // a finished plan's stream says so at once, with where its job got to
    const again = sseEvents((await app.inject({ url: `/v1/plans/${planId}/events`, headers: staff() })).body);
    expect(again.map((e) => e.event)).toEqual(['state', 'progress', 'completed']);
    expect(again[1]!.data).toMatchObject({ percent: 100 });
  });

  it('checks dispatcher moves with the check mode: another stream\'s truck is a violation, a new order is applied', async () => {
    const plan = (await app.inject({ url: `/v1/plans/${planId}`, headers: staff() })).json();
    // one fraction per truck: residual on one, paper on the other
    expect(new Set(Object.values(plan.stats.fractionByVehicle))).toEqual(new Set(['residual', 'paper']));
    const from = plan.routes.find((r: { stops: number }) => r.stops >= 2);
    const route = (await app.inject({ url: `/v1/routes/${from.id}`, headers: staff() })).json();
    const jobs = route.stops.filter((s: { kind: string }) => s.kind === 'job').map((s: { containerId: string }) => s.containerId);
    const other = from.vehicleId === 'v1' ? 'v2' : 'v1';

    const across = { moves: [{ containerId: jobs[0], vehicleId: other, position: 0 }] };
    const check = await app.inject({ method: 'POST', url: `/v1/plans/${planId}/check`, headers: staff(), payload: across });
    expect(check.statusCode).toBe(200);
    const c = check.json();
    expect(c).toMatchObject({ feasible: false, applied: false, solver: 'optimizer' });
    expect(c.violations).toContainEqual(expect.objectContaining({ name: jobs[0], constraint: 'allowed-vehicles' }));
    expect(c.costDelta).toBeCloseTo(c.cost - c.costBefore, 6);
    expect(c.routes.find((r: { vehicleId: string }) => r.vehicleId === other).containerIds[0]).toBe(jobs[0]);
    // not applied without force
    expect((await app.inject({ method: 'POST', url: `/v1/plans/${planId}/edits`, headers: staff(), payload: across })).json().applied).toBe(false);
    // an unknown vehicle is named
    const bad = await app.inject({ method: 'POST', url: `/v1/plans/${planId}/check`, headers: staff(), payload: { moves: [{ containerId: jobs[0], vehicleId: 'v9', position: 0 }] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()['invalid-params'][0].name).toBe('body.moves.0.vehicleId');

    // the last stop first: feasible, applied, stored with new times
    const reorder = { moves: [{ containerId: jobs.at(-1), vehicleId: from.vehicleId, position: 0 }] };
    const applied = (await app.inject({ method: 'POST', url: `/v1/plans/${planId}/edits`, headers: staff(), payload: reorder })).json();
    expect(applied).toMatchObject({ feasible: true, applied: true });
    expect(applied.costDelta).not.toBe(0);
    const after = (await app.inject({ url: `/v1/plans/${planId}`, headers: staff() })).json();
    expect(after.cost).toBeCloseTo(applied.cost, 6);
    const moved = after.routes.find((r: { vehicleId: string }) => r.vehicleId === from.vehicleId);
    const movedRoute = (await app.inject({ url: `/v1/routes/${moved.id}`, headers: staff() })).json();
    const newOrder = movedRoute.stops.filter((s: { kind: string }) => s.kind === 'job');
    expect(newOrder.map((s: { containerId: string }) => s.containerId)).toEqual([jobs.at(-1), ...jobs.slice(0, -1)]);
    expect(newOrder[0].eta).not.toBeNull();
  });

  it('exports a route as GPX and as GeoJSON (in RD on request)', async () => {
    const plan = (await app.inject({ url: `/v1/plans/${planId}`, headers: staff() })).json();
    const id = plan.routes[0].id;
    const gpx = await app.inject({ url: `/v1/routes/${id}/export?format=gpx`, headers: staff() });
    expect(gpx.statusCode).toBe(200);
    expect(gpx.headers['content-type']).toContain('application/gpx+xml');
    expect(gpx.body).toMatch(/^<\?xml/);
    expect(gpx.body).toContain('<gpx version="1.1"');
    expect(gpx.body).toMatch(/<wpt lat="43\.\d+" lon="7\.\d+">/);
    expect(gpx.body).toContain('<trkpt');
    const geo = await app.inject({ url: `/v1/routes/${id}/export?format=geojson`, headers: { ...staff(), 'accept-crs': 'EPSG:28992' } });
    expect(geo.headers['content-crs']).toBe('EPSG:28992');
    const fc = geo.json();
    expect(fc.features[0].geometry.type).toBe('LineString');
    expect(fc.features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'Point').length).toBeGreaterThan(2);
  });

  it('moves through draft → approved → dispatched → completed, refusing skips', async () => {
    const to = (status: string) => app.inject({ method: 'POST', url: `/v1/plans/${planId}/status`, headers: staff(), payload: { status } });
    const skip = await to('completed');
    expect(skip.statusCode).toBe(409);
    expect(skip.json()['invalid-params'][0]).toMatchObject({ name: 'body.status' });
    expect((await to('approved')).json().status).toBe('approved');
    expect((await to('dispatched')).json().status).toBe('dispatched');
    // now the driver of a truck with a route sees it, and the driver of a truck without one gets 404
    const routed = new Set<string>((await app.inject({ url: `/v1/plans/${planId}/routes`, headers: staff() })).json().map((r: { vehicleId: string }) => r.vehicleId));
    expect(routed.size).toBeGreaterThan(0);
    for (const [vehicle, token] of [['v1', seed.tokens.driver], ['v2', seed.tokens.driver2]] as const) {
      const route = await app.inject({ url: '/v1/driver/route?lang=en', headers: bearer(token) });
      if (routed.has(vehicle)) {
        expect(route.statusCode).toBe(200);
        expect(route.json()).toMatchObject({ vehicleId: vehicle, planId });
      } else {
        expect(route.statusCode).toBe(404);
      }
    }
    expect((await to('completed')).json().status).toBe('completed');
  });
});

describe('a plan that cannot be made', () => {
  it('fails without retrying and shows the reason, in the plan and in the stream', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/plans', headers: staff(), payload: { date: todayAmsterdam(), vehicleIds: ['v3'], timeLimitS: 1 } });
    expect(res.statusCode).toBe(202);
    const id = res.json().id;
    const events = sseEvents((await app.inject({ url: `/v1/plans/${id}/events`, headers: staff() })).body);
    expect(events.at(-1)).toMatchObject({ event: 'failed', data: { status: 'failed' } });
    const plan = (await app.inject({ url: `/v1/plans/${id}`, headers: staff() })).json();
    expect(plan.status).toBe('failed');
    expect(plan.failureReason).toContain('no active vehicle');
    expect(plan.attempts).toMatchObject({ made: 1, max: 2, state: 'failed' });
  });
});

describe('server-sent events and shutdown', () => {
  it('ends open streams when the app closes', async () => {
    const other = await buildApp({ pool: db.pool, planJobs, defaultTenant: seed.tenant, sseHeartbeatMs: 200 });
    const { rows } = await db.pool.query(`INSERT INTO plans (tenant_id, date) VALUES ($1, $2) RETURNING id`, [seed.tenant, todayAmsterdam()]);
    const address = await other.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/v1/plans/${rows[0].id}/events`, { headers: staff() });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: state');
    await other.close();
    // the stream has ended (without the hook close() would wait for this browser): reading drains to done
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
