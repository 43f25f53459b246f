/**
 * `npm run bench:api -- [--json] [--containers 500] [--connections 200] [--duration 8] [--time-limit 8]`
 *
 * 1. plan_500: the time of a plan job for N required containers with the built-in router (or
 *    OSRM when OSRM_URL is set), from enqueue to stored draft, through the real queue and the
 *    sandboxed worker (after a warm-up job that loads the road network).
 * 2. route_fetch: p50/p99 of GET /v1/driver/route under C concurrent connections (autocannon)
 *    against the API server in its own process; route_revalidate_304: the same with the route's
 *    ETag (304, no body); and GET /v1/depots as the baseline measured in the same run.
 * Uses a throw-away database next to DATABASE_URL and a private BullMQ prefix in REDIS_URL.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Result as LoadResult } from 'autocannon';
import { Redis } from 'ioredis';
import { loadConfig } from '../../platform/config.ts';
import { createPool, databaseName, ensureDatabase, quoteIdent, withDatabase } from '../../platform/db.ts';
import { createLogger } from '../../platform/logger.ts';
import { migrateDatabase } from '../../ingest/migrations/index.ts';
import { issueToken } from '../auth/tokens.ts';
import { createPlanJobs } from '../jobs/plan-jobs.ts';
import { startPlanWorker } from '../jobs/plan-worker.ts';
import { localDate } from '../tenants.ts';
import { BENCH_TENANT, seedBench } from './seed-bench.ts';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    containers: { type: 'string', default: '500' },
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '8' },
    'time-limit': { type: 'string', default: '8' },
  },
});
const containers = Number(values.containers);
const connections = Number(values.connections);
const duration = Number(values.duration);
const timeLimitS = Number(values['time-limit']);
const say = (msg: string) => process.stderr.write(`${msg}\n`);

const config = loadConfig();
const suffix = randomBytes(3).toString('hex');
const benchUrl = withDatabase(config.databaseUrl, `${databaseName(config.databaseUrl)}_bench_${suffix}`);
const prefix = `bench-${suffix}`;
const benchConfig = { ...config, databaseUrl: benchUrl, logLevel: 'silent' as const };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function dropDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(config.databaseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(databaseName(benchUrl))} WITH (FORCE)`);
  await admin.end();
}

async function clearRedis(): Promise<void> {
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

await ensureDatabase(benchUrl);
await migrateDatabase(benchUrl);
const pool = createPool(benchUrl, { max: 4 });
const planJobs = await createPlanJobs({ redisUrl: config.redisUrl, prefix });
const worker = await startPlanWorker({ config: benchConfig, logger: createLogger('silent'), prefix, router: 'auto' });
let server: ReturnType<typeof spawn> | undefined;

try {
  say(`seeding ${containers} containers on the road network of ${config.osmPbf}`);
  await seedBench(pool, config.osmPbf, containers);
  const date = localDate('Europe/Amsterdam');

  const runPlan = async (policy: Record<string, unknown>): Promise<{ id: string; seconds: number }> => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO plans (tenant_id, date, policy, params) VALUES ($1, $2, $3, $4) RETURNING id`,
      [BENCH_TENANT, date, JSON.stringify(policy), JSON.stringify({ timeLimitS })],
    );
    const id = rows[0]!.id;
    const started = performance.now();
    const done = new Promise<void>((resolve, reject) => {
      const stop = planJobs.watch(id, (e) => {
        if (e.type === 'completed') resolve();
        else if (e.type === 'failed') reject(new Error(`plan job failed: ${e.reason}`));
        else return;
        stop();
      });
    });
    await planJobs.enqueue({ planId: id, tenantId: BENCH_TENANT, kind: 'plan', timeLimitS }, id);
    await done;
    return { id, seconds: (performance.now() - started) / 1000 };
  };

  say('warm-up plan job (loads the road network in the worker process)');
  const warmup = await runPlan({ fractions: ['glass'] });
  say(`planning ${containers} containers (solver time limit ${timeLimitS} s)`);
  const plan = await runPlan({ mustFill: 0.8, mayFill: 0.5 });
  const { rows: [stored] } = await pool.query(`SELECT status, cost, stats FROM plans WHERE id = $1`, [plan.id]);
  await pool.query(`UPDATE plans SET status = 'dispatched' WHERE id = $1`, [plan.id]);
  const { rows: [busiest] } = await pool.query<{ vehicle_id: string; stops: number }>(
    `SELECT r.vehicle_id, count(*)::int AS stops FROM routes r JOIN route_stops s ON s.route_id = r.id
      WHERE r.plan_id = $1 AND s.kind = 'job' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    [plan.id],
  );
  const driver = await issueToken(pool, { tenantId: BENCH_TENANT, role: 'driver', vehicleId: busiest!.vehicle_id });

  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS='--cpu-prof' profiles the API process (written when it stops).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  server = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', fileURLToPath(new URL('../server.ts', import.meta.url))], {
    env: { ...process.env, DATABASE_URL: benchUrl, PORT: String(port), HOST: '127.0.0.1', TENANT: BENCH_TENANT, API_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', WORKER_QUEUE_PREFIX: prefix },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/v1/depots`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 150) throw new Error('the API server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  // Tablets' HTTP clients accept gzip; the route is served precompressed.
  const headers = { authorization: `Bearer ${driver.token}`, 'accept-encoding': 'gzip' };
  const sample = await fetch(`${base}/v1/driver/route`, { headers });
  const bytes = Number(sample.headers.get('content-length') ?? 0);
  const bytesUncompressed = (await sample.text()).length;
  if (!sample.ok) throw new Error(`driver route answered ${sample.status}`);

  if (process.env.BENCH_SEQUENTIAL) {
    for (const url of ['/v1/driver/route', '/v1/depots']) {
      const t0 = performance.now();
      for (let i = 0; i < 20; i++) await (await fetch(`${base}${url}`, { headers })).text();
      say(`sequential ${url}: ${((performance.now() - t0) / 20).toFixed(1)} ms per request`);
    }
  }
  say(`route fetch: ${connections} connections for ${duration} s (${bytes} bytes gzipped, ${busiest!.stops} stops)`);
  await autocannon({ url: `${base}/v1/driver/route`, connections, duration: 1, headers }); // warm caches and JIT
  const route = await autocannon({ url: `${base}/v1/driver/route`, connections, duration, headers });
  // A tablet that already has today's route revalidates it (If-None-Match → 304, no body): the
  // same handler without the 25–30 kB transfer, which the load generator on this machine pays too.
  const etag = sample.headers.get('etag') ?? '';
  say('route revalidation (If-None-Match, 304) under the same load');
  const revalidate = await autocannon({ url: `${base}/v1/driver/route`, connections, duration, headers: { ...headers, 'if-none-match': etag } });
  say('baseline: GET /v1/depots under the same load');
  const baseline = await autocannon({ url: `${base}/v1/depots`, connections, duration });

  const figures = (r: LoadResult, expected = 2) => ({
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors: r.errors + r.timeouts + (expected === 2 ? r.non2xx : r.requests.total - r['3xx']),
    requests_per_s: Math.round(r.requests.average),
  });
  const stats = stored.stats as Record<string, unknown>;
  const result = {
    route_fetch: { ...figures(route), connections, duration_s: duration, response_bytes_gzip: bytes, response_bytes: bytesUncompressed, stops: busiest!.stops },
    route_revalidate_304: figures(revalidate, 3),
    baseline_depots: figures(baseline),
    route_fetch_p99_ratio_to_baseline: Math.round((route.latency.p99 / Math.max(baseline.latency.p99, 0.001)) * 100) / 100,
    route_revalidate_p99_ratio_to_baseline: Math.round((revalidate.latency.p99 / Math.max(baseline.latency.p99, 0.001)) * 100) / 100,
    plan_500: {
      seconds: Math.round(plan.seconds * 100) / 100,
      containers,
      served: stats.served,
      unassigned: (stats.unassigned as unknown[]).length,
      matrix_ms: Math.round(stats.matrixMs as number),
      solve_ms: Math.round(stats.solveMs as number),
      time_limit_s: timeLimitS,
      router: stats.router,
      solver: stats.solver,
      cost: stored.cost,
      status: stored.status,
    },
    warmup_seconds: Math.round(warmup.seconds * 100) / 100,
    // The load generator and the API share this machine: its load says how far the figures carry.
    machine: { cpus: os.cpus().length, load_average_1m: Math.round(os.loadavg()[0]! * 100) / 100 },
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await worker.close();
  await planJobs.close();
  await pool.end();
  await clearRedis().catch(() => {});
  await dropDatabase().catch((err) => say(`could not drop the bench database: ${(err as Error).message}`));
}
