/**
 * From published readings to a driver at work: sensors publish over MQTT (the machine's
 * Mosquitto, random topic prefix) → the ingester stores readings and container state → a
 * dispatcher plans through the queue and the sandboxed worker → approves and dispatches → the
 * driver fetches the route, empties and skips stops (replaying one offline event) → the
 * containers' state, collection events, the plan and the processing log change accordingly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { gunzipSync } from 'node:zlib';
import mqtt from 'mqtt';
import { buildApp } from '../../../api/app.ts';
import { createPlanJobs, type PlanJobs } from '../../../api/jobs/plan-jobs.ts';
import { startPlanWorker, type PlanWorker } from '../../../api/jobs/plan-worker.ts';
import { startIngester, type Ingester } from '../../../ingest/index.ts';
import { encodeMessage } from '../../../ingest/contracts/index.ts';
import { loadConfig } from '../../../platform/config.ts';
import { createLogger } from '../../../platform/logger.ts';
import {
  clearQueuePrefix, createTestDatabase, randomQueuePrefix, randomTenant, randomTopicPrefix, TEST_MQTT_URL, TEST_REDIS_URL, type TestDatabase,
} from '../../helpers/index.ts';
import { amsterdamTime, bearer, fillOf, seedMunicipality, sseEvents, todayAmsterdam, type Seeded } from './fixtures.ts';

let db: TestDatabase;
let app: FastifyInstance;
let seed: Seeded;
let planJobs: PlanJobs;
let worker: PlanWorker;
let ingester: Ingester;
let publisher: mqtt.MqttClient;
const queuePrefix = randomQueuePrefix();
const topicPrefix = randomTopicPrefix();

async function waitFor<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  seed = await seedMunicipality(db.pool, randomTenant(), 9, { state: false });
  const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'silent' });
  ingester = await startIngester({
    databaseUrl: db.url, mqttUrl: TEST_MQTT_URL, topicPrefix, clientId: `ingest-${topicPrefix.slice(0, -1)}`,
    batchWaitMs: 20, logger: createLogger('silent'), silentCheckIntervalMs: 0, sessionExpirySeconds: 60,
  });
  publisher = await mqtt.connectAsync(TEST_MQTT_URL, { protocolVersion: 5, clean: true });
  planJobs = await createPlanJobs({ redisUrl: TEST_REDIS_URL, prefix: queuePrefix });
  worker = await startPlanWorker({ config, logger: createLogger('silent'), prefix: queuePrefix, router: 'straight-line' });
  app = await buildApp({ pool: db.pool, planJobs, defaultTenant: seed.tenant });
});
afterAll(async () => {
  await app?.close();
  await worker?.close();
  await planJobs?.close();
  await publisher?.endAsync();
  await ingester?.stop();
  await clearQueuePrefix(queuePrefix);
  await db?.drop();
});

describe('readings → plan → driver → container state', () => {
  it('runs the whole loop', async () => {
    // 1. every sensor publishes a reading; the ingester turns them into container state
    const time = new Date(Date.now() - 5 * 60_000).toISOString();
    for (const [i, id] of seed.containers.entries()) {
      const msg = encodeMessage({ tenantId: seed.tenant, sensorId: `s-${id}`, time, fillLevel: fillOf(i), batteryPct: 90, seq: 1 }, { format: 'native', prefix: topicPrefix });
      await publisher.publishAsync(msg.topic, msg.payload, { qos: 1 });
    }
    await waitFor('container state of every container', () => db.pool.query('SELECT count(*)::int AS n FROM container_state WHERE tenant_id = $1 AND fill_level IS NOT NULL', [seed.tenant]), (r) => r.rows[0].n === 9);
    const open = (await app.inject(`/v1/containers?minFill=0.9`)).json();
    expect(open.items.map((c: { id: string }) => c.id)).toEqual(['c001', 'c004', 'c007']);

    // 2. the dispatcher plans the day with v1 only, approves and dispatches it
    const staff = bearer(seed.tokens.dispatcher);
    const created = await app.inject({ method: 'POST', url: '/v1/plans', headers: staff, payload: { date: todayAmsterdam(), vehicleIds: ['v1'], timeLimitS: 1, policy: { mustFill: 0.8, mayFill: 0.5, mixFractions: true } } });
    const planId = created.json().id;
    const events = sseEvents((await app.inject({ url: `/v1/plans/${planId}/events`, headers: staff })).body);
    expect(events.at(-1)!.event).toBe('completed');
    for (const status of ['approved', 'dispatched']) {
      expect((await app.inject({ method: 'POST', url: `/v1/plans/${planId}/status`, headers: staff, payload: { status } })).statusCode).toBe(200);
    }

    // 3. the driver of v1 fetches today's route: ordered stops with container details and ETAs
    const driver = bearer(seed.tokens.driver);
    const res = await app.inject({ url: '/v1/driver/route?lang=en', headers: driver });
    expect(res.statusCode).toBe(200);
    const route = res.json();
    expect(route).toMatchObject({ planId, vehicleId: 'v1', planStatus: 'dispatched', geometry: { type: 'LineString' } });
    expect(route.stops[0].kind).toBe('start');
    expect(route.stops.at(-1).kind).toBe('end');
    const jobs = route.stops.filter((s: { kind: string }) => s.kind === 'job');
    // the full ones (0.92) are required, the half-full ones (0.6) optional, the empty ones left out
    const served = jobs.map((s: { containerId: string }) => s.containerId);
    for (const full of ['c001', 'c004', 'c007']) expect(served).toContain(full);
    for (const empty of ['c003', 'c006', 'c009']) expect(served).not.toContain(empty);
    for (const s of jobs) {
      expect(s).toMatchObject({ status: 'planned', address: expect.stringContaining('Boulevard'), eta: expect.any(String), location: [expect.any(Number), expect.any(Number)] });
      expect(s.instructions.length).toBeGreaterThan(0);
    }
    // a tablet that has this version gets 304 Not Modified
    const again = await app.inject({ url: '/v1/driver/route?lang=en', headers: { ...driver, 'if-none-match': res.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    // and one that accepts gzip gets the same route compressed
    const zipped = await app.inject({ url: '/v1/driver/route?lang=en', headers: { ...driver, 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString())).toEqual(route);
    // another truck's driver can neither report at nor export this route
    const other = bearer(seed.tokens.driver2);
    expect((await app.inject({ method: 'POST', url: `/v1/driver/stops/${jobs[0].id}/events`, headers: other, payload: { clientEventId: 'v2-intruder', kind: 'arrived' } })).statusCode).toBe(404);
    expect((await app.inject({ url: `/v1/routes/${route.id}/export?format=gpx`, headers: other })).statusCode).toBe(404);
    expect((await app.inject({ url: `/v1/routes/${route.id}/export?format=gpx`, headers: driver })).statusCode).toBe(200);
    // the second driver has no route today
    expect((await app.inject({ url: '/v1/driver/route', headers: bearer(seed.tokens.driver2) })).statusCode).toBe(404);

    // Every container on the route has an open "full" alert, so step 5 can see them closed.
    await db.pool.query(
      `INSERT INTO alerts (tenant_id, kind, container_id, message) SELECT $1, 'full', unnest($2::text[]), 'full' ON CONFLICT DO NOTHING`,
      [seed.tenant, jobs.map((s: { containerId: string }) => s.containerId)],
    );
    // 4. the driver works the route: empties the first two stops, then the dispatcher re-plans the
    //    rest of the day from where the truck is; the last stop is skipped (blocked), all others emptied
    const post = (stopId: string, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/v1/driver/stops/${stopId}/events`, headers: driver, payload: body });
    const emptiedAt = new Date(Date.now() - 60_000).toISOString();
    const empty = async (s: { id: string }, k: number) => {
      expect((await post(s.id, { clientEventId: `v1-${k}-arrived`, kind: 'arrived' })).statusCode).toBe(201);
      const emptied = await post(s.id, { clientEventId: `v1-${k}-emptied`, kind: 'emptied', observedFill: 0.95, time: emptiedAt });
      expect(emptied.statusCode).toBe(201);
      expect(emptied.json()).toMatchObject({ stopStatus: 'emptied', replayed: false });
    };
    await empty(jobs[0], 0);
    await empty(jobs[1], 1);
    const reopt = await app.inject({ method: 'POST', url: `/v1/plans/${planId}/reoptimise`, headers: staff, payload: { timeLimitS: 1, asOf: amsterdamTime(todayAmsterdam(), '10:00') } });
    expect(reopt.statusCode).toBe(202);
    const reoptEvents = sseEvents((await app.inject({ url: `/v1/plans/${planId}/events`, headers: staff })).body);
    expect(reoptEvents.at(-1)).toMatchObject({ event: 'completed', data: { status: 'dispatched' } });
    const replanned = (await app.inject({ url: '/v1/driver/route?lang=en', headers: driver })).json();
    const replannedJobs = replanned.stops.filter((s: { kind: string }) => s.kind === 'job');
    // visited stops stay first and keep their state; the rest keeps its stop ids (offline tablets) with new ETAs
    expect(replannedJobs.slice(0, 2).map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([[jobs[0].id, 'emptied'], [jobs[1].id, 'emptied']]);
    expect(replannedJobs.map((s: { id: string }) => s.id).sort()).toEqual(jobs.map((s: { id: string }) => s.id).sort());
    expect(replannedJobs.every((s: { eta: string | null }) => s.eta !== null)).toBe(true);
    expect(replanned.stops.at(-1).kind).toBe('end');
    expect(replanned.stops.map((s: { position: number }) => s.position)).toEqual(replanned.stops.map((_: unknown, i: number) => i));
    const rest = replannedJobs.slice(2);
    for (const [k, s] of rest.slice(0, -1).entries()) await empty(s, k + 2);
    const skipped = rest.at(-1);
    // the tablet was offline and sends the first emptying again: recognised, nothing changes
    const replay = await post(jobs[0].id, { clientEventId: 'v1-0-emptied', kind: 'emptied', observedFill: 0.95, time: emptiedAt });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().replayed).toBe(true);
    // the same client id for another stop is a conflict
    expect((await post(jobs[1].id, { clientEventId: 'v1-0-emptied', kind: 'emptied' })).statusCode).toBe(409);
    const skip = await post(skipped.id, { clientEventId: 'v1-last-skipped', kind: 'skipped', reasonCode: 'blocked', note: 'parked car' });
    expect(skip.json()).toMatchObject({ stopStatus: 'skipped', reasonCode: 'blocked' });
    // a skipped stop cannot be emptied afterwards
    expect((await post(skipped.id, { clientEventId: 'v1-last-emptied', kind: 'emptied' })).statusCode).toBe(409);

    // 5. emptied containers are empty with a driver collection event; the skipped one is not
    const state = await db.pool.query('SELECT container_id, fill_level, last_emptied_at FROM container_state WHERE tenant_id = $1', [seed.tenant]);
    const byId = new Map(state.rows.map((r) => [r.container_id, r]));
    for (const s of replannedJobs.slice(0, -1)) {
      expect(byId.get(s.containerId)!.fill_level).toBe(0);
      expect(byId.get(s.containerId)!.last_emptied_at.toISOString()).toBe(emptiedAt);
    }
    expect(byId.get(skipped.containerId)!.fill_level).toBeGreaterThan(0.5);
    expect(byId.get(skipped.containerId)!.last_emptied_at).toBeNull();
    const collections = await db.pool.query(`SELECT container_id, source, fill_before, fill_after FROM collection_events WHERE tenant_id = $1 AND source = 'driver'`, [seed.tenant]);
    expect(collections.rows).toHaveLength(jobs.length - 1);
    expect(collections.rows[0]).toMatchObject({ fill_before: expect.closeTo(0.95, 5), fill_after: 0 });
    // "full" alerts of emptied containers are closed
    const fullAlerts = await db.pool.query<{ container_id: string; open: boolean }>(
      `SELECT container_id, bool_or(resolved_at IS NULL) AS open FROM alerts WHERE tenant_id = $1 AND kind = 'full' AND container_id = ANY($2) GROUP BY container_id`,
      [seed.tenant, jobs.map((s: { containerId: string }) => s.containerId)],
    );
    const openByContainer = new Map(fullAlerts.rows.map((r) => [r.container_id, r.open]));
    expect(openByContainer.size).toBe(jobs.length);
    for (const s of replannedJobs.slice(0, -1)) expect(openByContainer.get(s.containerId), `alert of emptied ${s.containerId}`).toBe(false);
    expect(openByContainer.get(skipped.containerId), 'alert of the skipped container').toBe(true);

    // 6. every stop is done: the plan is completed; the dispatcher sees the truck's last position
    const plan = (await app.inject({ url: `/v1/plans/${planId}`, headers: staff })).json();
    expect(plan.status).toBe('completed');
    const vehicles = (await app.inject({ url: '/v1/vehicles', headers: staff })).json();
    expect(vehicles.items.find((v: { id: string }) => v.id === 'v1').lastPosition).toMatchObject({ event: 'skipped', stopId: skipped.id });
    const afterRes = await app.inject({ url: '/v1/driver/route?lang=en', headers: { ...driver, 'if-none-match': res.headers.etag as string } });
    expect(afterRes.statusCode).toBe(200); // the route changed: a new version
    const after = afterRes.json();
    expect(after.stops.filter((s: { status: string }) => s.status === 'emptied')).toHaveLength(jobs.length - 1);

    // 7. the processing log shows the driver reading the route and the dispatcher the positions
    const log = (await app.inject({ url: '/v1/admin/processing-log', headers: bearer(seed.tokens.admin) })).json();
    const actions = log.items.map((e: { role: string; action: string }) => `${e.role}:${e.action}`);
    expect(actions).toContain('driver:read-route');
    expect(actions).toContain('dispatcher:read-vehicle-positions');
  });
});
