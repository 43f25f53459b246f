/**
 * Multi-trip plans through the real queue and worker (straight-line router, issue 8): a truck
 * smaller than the day's waste unloads at the facility mid-route and before the depot; the unload
 * stops are drawn, exported, read by the driver and kept by a dispatcher's edit, whose check sees
 * them. A stored plan that lost its unload stops is reported by check mode with the vehicle named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bearer, sseEvents, todayAmsterdam, type Seeded } from './fixtures.ts';
import { startPlanningStack, type PlanningStack } from './planning-stack.ts';

let stack: PlanningStack;
let app: FastifyInstance;
let seed: Seeded;
let planId: string;

interface Stop { id: string; kind: string; containerId: string | null; facilityId: string | null; location: [number, number] | null; loadKg: number; instructions: string[] }
interface Route { id: string; vehicleId: string; geometry: { coordinates: number[][] } | null; stops: Stop[] }

const CAPACITY_KG = 1000;
const FACILITY: [number, number] = [7.419, 43.731];

beforeAll(async () => {
  stack = await startPlanningStack(async (database, seeded) => {
    // The residual containers of the day (3 full ones of 414 kg, 3 half-full of 270 kg) are more than one truckload.
    await database.pool.query(`UPDATE vehicle_types SET capacity_kg = $2 WHERE tenant_id = $1`, [seeded.tenant, CAPACITY_KG]);
    // open every day, all day (the test runs whenever): the window reaches the stored problem
    await database.pool.query(`UPDATE disposal_facilities SET opening_hours = '[{"days":[1,2,3,4,5,6,7],"open":"00:00","close":"00:00"}]' WHERE tenant_id = $1`, [seeded.tenant]);
  });
  ({ app, seed } = stack);
});
afterAll(async () => stack?.close());

const staff = () => bearer(seed.tokens.dispatcher);
const events = async (id: string) => sseEvents((await app.inject({ url: `/v1/plans/${id}/events`, headers: staff() })).body);
const route = async (): Promise<Route> => {
  const summary = (await app.inject({ url: `/v1/plans/${planId}`, headers: staff() })).json().routes[0];
  return (await app.inject({ url: `/v1/routes/${summary.id}?lang=nl`, headers: staff() })).json();
};
const jobsOf = (r: Route) => r.stops.filter((s) => s.kind === 'job').map((s) => s.containerId!);
const kindsOf = (r: Route) => r.stops.map((s) => (s.kind === 'unload' ? `unload ${s.facilityId}` : s.kind));
const check = async (payload: { moves: { containerId: string | undefined; vehicleId: string; position: number }[] }) => (await app.inject({ method: 'POST', url: `/v1/plans/${planId}/check`, headers: staff(), payload })).json();

/** Two neighbouring containers of one trip: swapping them keeps every trip's load. */
function sameTripPair(r: Route): number {
  let position = 0;
  for (let k = 0; k + 1 < r.stops.length; k++) {
    if (r.stops[k]!.kind !== 'job') continue;
    if (r.stops[k + 1]!.kind === 'job') return position;
    position++;
  }
  throw new Error(`no trip with two containers in ${kindsOf(r).join(', ')}`);
}

describe('multi-trip plans (disposal trips)', () => {
  it('more waste than one truckload: the truck unloads mid-route and once more before the depot', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/plans', headers: staff(), payload: { date: todayAmsterdam(), vehicleIds: ['v1'], timeLimitS: 1, policy: { fractions: ['residual'] } } });
    planId = res.json().id;
    expect((await events(planId)).at(-1)).toMatchObject({ event: 'completed', data: { status: 'draft' } });
    const plan = (await app.inject({ url: `/v1/plans/${planId}`, headers: staff() })).json();
    expect(plan.stats.unassigned.filter((u: { required: boolean }) => u.required)).toEqual([]);
    const r = await route();
    for (const full of ['c001', 'c007', 'c010']) expect(jobsOf(r)).toContain(full);
    const kinds = kindsOf(r);
    expect(kinds.at(-2)).toBe('unload f1');
    expect(kinds.at(-1)).toBe('end');
    expect(kinds.some((k, i) => k === 'unload f1' && kinds.slice(i + 1).includes('job'))).toBe(true);
    for (const s of r.stops) expect(s.loadKg).toBeLessThanOrEqual(CAPACITY_KG + 1e-6);
    // unload stops are placed at the facility, empty the truck, and have directions ending there
    for (const s of r.stops.filter((x) => x.kind === 'unload')) {
      expect(s).toMatchObject({ location: FACILITY, loadKg: 0 });
      expect(s.instructions.at(-1)).toMatch(/^Bestemming bereikt: losplaats f1/);
    }
    const stored = (await stack.db.pool.query(`SELECT problem FROM plan_problems WHERE plan_id = $1`, [planId])).rows[0].problem;
    expect(stored.problem).toMatchObject({ disposalTrips: true, facilities: [{ id: 'f1', openWindow: [0, 86_400], acceptedFractions: ['residual', 'paper'] }] });
    // the road line passes every stop the truck drives to, the facility included
    expect(r.geometry!.coordinates.length).toBeGreaterThanOrEqual(r.stops.filter((s) => s.kind !== 'break').length);
  });

  it('GPX and GeoJSON exports carry the unload stops', async () => {
    const r = await route();
    const unloads = r.stops.filter((s) => s.kind === 'unload').length;
    const gpx = (await app.inject({ url: `/v1/routes/${r.id}/export?format=gpx`, headers: staff() })).body;
    expect(gpx.match(/<type>unload<\/type>/g)).toHaveLength(unloads);
    expect(gpx.match(/unload at f1/g)).toHaveLength(unloads);
    const geojson = (await app.inject({ url: `/v1/routes/${r.id}/export?format=geojson`, headers: staff() })).json();
    const points = geojson.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'unload');
    expect(points).toHaveLength(unloads);
    for (const p of points) expect(p.properties.facilityId).toBe('f1');
  });

  it('an edit that keeps the unload stops passes check mode and, applied, keeps them in place', async () => {
    const before = await route();
    const jobs = jobsOf(before);
    const k = sameTripPair(before);
    const move = { moves: [{ containerId: jobs[k + 1], vehicleId: 'v1', position: k }] };
    const checked = await check(move);
    expect(checked.violations).toEqual([]);
    expect(checked.feasible).toBe(true);
    const swapped = [...jobs.slice(0, k), jobs[k + 1], jobs[k], ...jobs.slice(k + 2)];
    expect(checked.routes).toEqual([{ vehicleId: 'v1', containerIds: swapped }]); // no facility ids among the containers

    const applied = (await app.inject({ method: 'POST', url: `/v1/plans/${planId}/edits`, headers: staff(), payload: move })).json();
    expect(applied).toMatchObject({ applied: true, feasible: true, geometry: 'pending' });
    expect((await events(planId)).at(-1)).toMatchObject({ event: 'completed', data: { status: 'draft' } });
    const after = await route();
    expect(jobsOf(after)).toEqual(swapped);
    expect(kindsOf(after)).toEqual(kindsOf(before));
    expect(after.geometry!.coordinates.length).toBeGreaterThanOrEqual(after.stops.filter((s) => s.kind !== 'break').length);
    for (const s of after.stops.filter((x) => x.kind === 'unload')) expect(s.instructions.at(-1)).toMatch(/^Bestemming bereikt: losplaats f1/);
  });

  it('a container moved past the last one goes before the closing unload', async () => {
    const jobs = jobsOf(await route());
    const checked = await check({ moves: [{ containerId: jobs[0], vehicleId: 'v1', position: 99 }] });
    // the last trip may now be too heavy, but the truck never comes home loaded
    expect(checked.violations.filter((v: { constraint: string }) => v.constraint === 'unload')).toEqual([]);
    expect(checked.routes[0].containerIds).toEqual([...jobs.slice(1), jobs[0]]);
  });

  it('an unload stop cannot be moved as if it were a container', async () => {
    const res = await app.inject({ method: 'POST', url: `/v1/plans/${planId}/check`, headers: staff(), payload: { moves: [{ containerId: 'f1', vehicleId: 'v1', position: 0 }] } });
    expect(res.statusCode).toBe(422);
    expect(res.json()['invalid-params']).toEqual([{ name: 'body.moves.0.containerId', reason: expect.stringContaining('only container stops') }]);
  });

  it('the driver of the dispatched route gets the unload stops, with directions', async () => {
    for (const status of ['approved', 'dispatched']) {
      expect((await app.inject({ method: 'POST', url: `/v1/plans/${planId}/status`, headers: staff(), payload: { status } })).statusCode).toBe(200);
    }
    const res = await app.inject({ url: '/v1/driver/route?lang=en', headers: bearer(seed.tokens.driver) });
    expect(res.statusCode).toBe(200);
    const driven: Route = res.json();
    expect(kindsOf(driven)).toEqual(kindsOf(await route()));
    for (const s of driven.stops.filter((x) => x.kind === 'unload')) {
      expect(s).toMatchObject({ facilityId: 'f1', location: FACILITY });
      expect(s.instructions.at(-1)).toMatch(/^Destination reached: unloading site f1/);
    }
  });

  it('a stored route that lost its unload stops is reported by check mode, the vehicle named', async () => {
    await stack.db.pool.query(
      `DELETE FROM route_stops rs USING routes r WHERE rs.route_id = r.id AND r.plan_id = $1 AND rs.kind = 'unload'`,
      [planId],
    );
    const jobs = jobsOf(await route());
    // a move that changes nothing: what is checked is the stored sequence itself
    const checked = await check({ moves: [{ containerId: jobs[0], vehicleId: 'v1', position: 0 }] });
    expect(checked.feasible).toBe(false);
    expect(checked.violations).toContainEqual(expect.objectContaining({ name: 'v1', constraint: 'unload' }));
    // without the mid-route unloads the day's waste does not fit in the truck
    expect(checked.violations.some((v: { constraint: string; reason: string }) => v.constraint === 'capacity' && v.reason.includes('vehicle v1'))).toBe(true);
  });
});
