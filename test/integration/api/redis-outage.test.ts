/**
 * The plan endpoints while Redis is away, on a Redis of the test's own that it kills (-9) and
 * starts again (never the machine's 6379): answers come at once (503 + Retry-After where the
 * queue is needed, the plan itself where it is not), no plan is left that the caller was not told
 * about, the worker's error log backs off, and everything works again once Redis is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { createPlanJobs, type PlanJobs } from '../../../api/jobs/plan-jobs.ts';
import { startPlanWorker, type PlanWorker } from '../../../api/jobs/plan-worker.ts';
import { loadConfig } from '../../../platform/config.ts';
import { createTestDatabase, randomQueuePrefix, randomTenant, startOwnRedis, type OwnRedis, type TestDatabase } from '../../helpers/index.ts';
import { bearer, seedMunicipality, todayAmsterdam, type Seeded } from './fixtures.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

describe('plan endpoints and worker while Redis is down (own redis-server, killed and restarted)', () => {
  let redis: OwnRedis;
  let db: TestDatabase;
  let seed: Seeded;
  let planJobs: PlanJobs;
  let worker: PlanWorker;
  let app: FastifyInstance;
  const workerLog: { level: number; msg: string; suppressed?: number }[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    db = await createTestDatabase();
    seed = await seedMunicipality(db.pool, randomTenant(), 6);
    const prefix = randomQueuePrefix();
    const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: redis.url, LOG_LEVEL: 'info' });
    const logger = pino({ level: 'info' }, { write: (line: string) => workerLog.push(JSON.parse(line)) });
    planJobs = await createPlanJobs({ redisUrl: redis.url, prefix, timeoutMs: 1500 });
    worker = await startPlanWorker({ config, logger, prefix, router: 'straight-line' });
    app = await buildApp({ pool: db.pool, planJobs, defaultTenant: seed.tenant });
  });
  afterAll(async () => {
    // Redis must answer for BullMQ to close cleanly; start it again if a test left it down.
    await redis?.start().catch(() => {});
    await app?.close();
    await worker?.close();
    await planJobs?.close();
    await redis?.close();
    await db?.drop();
  });

  const post = () => app.inject({ method: 'POST', url: '/v1/plans', headers: bearer(seed.tokens.dispatcher), payload: { date: todayAmsterdam(), timeLimitS: 1 } });
  const planCount = async () => Number((await db.pool.query('SELECT count(*) AS n FROM plans')).rows[0].n);
  const solved = (id: string) => until(`plan ${id} solved`, async () => {
    const { rows } = await db.pool.query('SELECT status FROM plans WHERE id = $1', [id]);
    return rows[0]?.status === 'draft' ? true : undefined;
  });

  it('answers 503 with Retry-After at once, keeps no plan, serves what needs no queue, and recovers', async () => {
    const first = await post();
    expect(first.statusCode, first.body).toBe(202);
    await solved(first.json().id);

    await redis.kill();
    const before = await planCount();
    const down = await post();
    expect(down.statusCode, down.body).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
    expect(down.json().detail).toMatch(/plan queue/);
    expect(await planCount()).toBe(before);

    // Reading a plan needs the queue only for its retry count: the plan comes, without it.
    const read = await app.inject({ url: `/v1/plans/${first.json().id}`, headers: bearer(seed.tokens.dispatcher) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ status: 'draft', attempts: null });
    expect((await app.inject({ url: '/v1/plans', headers: bearer(seed.tokens.dispatcher) })).statusCode).toBe(200);

    // An edit is stored without the queue; only its road drawing waits, and the answer says so.
    const stop = (await db.pool.query(
      `SELECT s.container_id, r.vehicle_id FROM route_stops s JOIN routes r ON r.id = s.route_id WHERE r.plan_id = $1 AND s.kind = 'job' ORDER BY r.vehicle_id, s.position DESC LIMIT 1`,
      [first.json().id],
    )).rows[0];
    const edit = await app.inject({
      method: 'POST', url: `/v1/plans/${first.json().id}/edits`, headers: bearer(seed.tokens.dispatcher),
      payload: { moves: [{ containerId: stop.container_id, vehicleId: stop.vehicle_id === 'v1' ? 'v2' : 'v1', position: 0 }], force: true },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ applied: true, geometry: 'none' });
    expect((await db.pool.query('SELECT failure_reason FROM plans WHERE id = $1', [first.json().id])).rows[0].failure_reason).toMatch(/road geometry .*plan queue/);

    // Re-optimising needs the queue: 503, and the plan keeps its job.
    await db.pool.query(`UPDATE plans SET status = 'dispatched' WHERE id = $1`, [first.json().id]);
    const reopt = await app.inject({ method: 'POST', url: `/v1/plans/${first.json().id}/reoptimise`, headers: bearer(seed.tokens.dispatcher), payload: {} });
    expect(reopt.statusCode, reopt.body).toBe(503);
    expect(reopt.headers['retry-after']).toBeDefined();

    // Ten seconds away: the worker reconnects all the time, but logs only a few lines.
    const errorsBefore = workerLog.filter((l) => l.level >= 50).length;
    await sleep(10_000);
    const errorLines = workerLog.filter((l) => l.level >= 50).slice(errorsBefore);
    expect(errorLines.length).toBeGreaterThan(0);
    expect(errorLines.length).toBeLessThanOrEqual(5);

    await redis.start();
    const again = await until('POST /v1/plans accepted again', async () => {
      const res = await post();
      return res.statusCode === 202 ? res : undefined;
    });
    await solved(again.json().id);
    expect(await planCount()).toBe(before + 1);
  });
});
