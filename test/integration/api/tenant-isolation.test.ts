/**
 * Tenant isolation, route by route (issue 17 item 1): two municipalities in one database with no
 * id in common. For every operation in the OpenAPI document, the second municipality's tokens,
 * given the first one's ids, get 404 (reads) or a refusal without effect (writes), lists never
 * contain an id of the first, and `?tenant=<first>` never widens what a token reaches. A route
 * added later is covered automatically; one whose path names a resource this file does not know
 * fails until its ids are added below.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { createPlanJobs } from '../../../api/jobs/plan-jobs.ts';
import { processPlanJob } from '../../../api/jobs/process-plan-job.ts';
import { StraightLineProvider } from '../../../optimizer/routing/index.ts';
import { optimizerSolver } from '../../../planner/index.ts';
import { clearQueuePrefix, createTestDatabase, randomQueuePrefix, randomTenant, TEST_REDIS_URL } from '../../helpers/index.ts';
import { bearer, seedMunicipality, todayAmsterdam } from './fixtures.ts';
import { exampleValue, openApiOperations } from './openapi-operations.ts';

const db = await createTestDatabase();
const first = randomTenant();
const second = randomTenant();
const A = await seedMunicipality(db.pool, first, 6, { idPrefix: 'iso-a-' });
const B = await seedMunicipality(db.pool, second, 6);

// The first municipality has a plan with routes and stops, so every kind of id exists.
const planId: string = (await db.pool.query(`INSERT INTO plans (tenant_id, date, params) VALUES ($1, $2, '{"timeLimitS":1}') RETURNING id`, [first, todayAmsterdam()])).rows[0].id;
await processPlanJob(
  { data: { planId, tenantId: first, kind: 'plan', timeLimitS: 1 }, attemptsMade: 0, opts: { attempts: 1 }, updateProgress: async () => {} },
  { pool: db.pool, routing: new StraightLineProvider(), solver: optimizerSolver },
);
await db.pool.query(`UPDATE plans SET status = 'dispatched' WHERE id = $1`, [planId]);
// an import job, a network-server integration and an unknown device of the first municipality
await db.pool.query(`INSERT INTO imports (tenant_id, kind, status) VALUES ($1, 'containers', 'completed')`, [first]);
await db.pool.query(`INSERT INTO network_integrations (tenant_id, kind, name, application_id) VALUES ($1, 'own-broker', 'iso-a-app', 'iso-a-app')`, [first]);
await db.pool.query(
  `INSERT INTO unknown_devices (tenant_id, device_id, format, first_seen_at, last_seen_at, messages) VALUES ($1, 'a1a1a1a1a1a1a1a1', 'ttn', now(), now(), 1)`,
  [first],
);
const one = async (sql: string) => String((await db.pool.query(sql, [first])).rows[0]?.id);
const ids: Record<string, string> = {
  containers: A.containers[0]!,
  plans: planId,
  routes: await one(`SELECT id FROM routes WHERE tenant_id = $1 LIMIT 1`),
  stops: await one(`SELECT id FROM route_stops WHERE tenant_id = $1 AND kind = 'job' LIMIT 1`),
  alerts: await one(`SELECT id FROM alerts WHERE tenant_id = $1 LIMIT 1`),
  tokens: await one(`SELECT id FROM api_tokens WHERE tenant_id = $1 AND role = 'dispatcher' LIMIT 1`),
  vehicles: 'iso-a-v1',
  depots: 'iso-a-d1',
  facilities: 'iso-a-f1',
  'vehicle-types': 'iso-a-rear',
  sensors: `s-${A.containers[0]}`,
  imports: await one(`SELECT id FROM imports WHERE tenant_id = $1`),
  integrations: await one(`SELECT id FROM network_integrations WHERE tenant_id = $1`),
  'unknown-devices': 'a1a1a1a1a1a1a1a1',
};
/** Every id of the first municipality: none may appear in an answer to the second. */
const foreign = [...new Set([...Object.values(ids), ...A.containers, first])];

const prefix = randomQueuePrefix();
const planJobs = await createPlanJobs({ redisUrl: TEST_REDIS_URL, prefix });
const app = await buildApp({ pool: db.pool, planJobs, defaultTenant: second });
await app.ready();
const operations = await openApiOperations(app);

afterAll(async () => {
  await app.close();
  await planJobs.close();
  await clearQueuePrefix(prefix);
  await db.drop();
});

const tokensOfSecond = [B.tokens.admin, B.tokens.dispatcher, B.tokens.driver];

/** Calls as the second municipality with the first role that is let in (not 401/403). */
async function asSecond(request: InjectOptions) {
  let res = await app.inject({ ...request, headers: bearer(tokensOfSecond[0]!) });
  for (const token of tokensOfSecond.slice(1)) {
    if (res.statusCode !== 403) break;
    res = await app.inject({ ...request, headers: bearer(token) });
  }
  return res;
}

/** Ids of the first municipality in an answer, other than those the request itself named (an error may echo them). */
function leaked(body: string, request: string): string[] {
  return foreign.filter((id) => body.includes(id) && !decodeURIComponent(request).includes(id));
}

describe('the second municipality cannot reach the first one’s data', () => {
  it('the document lists the routes this test walks', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it.each(operations)('$method $path', async (op) => {
    const { path, method } = op;
    // required query parameters get a valid value (the first of their enum, or their default)
    const query = op.parameters.filter((q) => q.in === 'query' && q.required).map((q) => `${q.name}=${encodeURIComponent(String(exampleValue(q.schema)))}`);
    const params = [...path.matchAll(/\{(\w+)\}/g)];
    const unknown: string[] = [];
    const url = path.replace(/\/([\w-]+)\/\{(\w+)\}/g, (_, resource: string) => {
      const id = ids[resource];
      if (!id) unknown.push(resource);
      return `/${resource}/${encodeURIComponent(id ?? 'x')}`;
    });
    expect(unknown, `no id of the first municipality for ${unknown.join(', ')}: add one to \`ids\``).toEqual([]);
    for (const tenantQuery of ['', `tenant=${first}`]) {
      const search = [...query, ...(tenantQuery ? [tenantQuery] : [])].join('&');
      const target = search ? `${url}?${search}` : url;
      const payload = method === 'GET' || method === 'DELETE' ? undefined : {};
      const res = await asSecond({ method: method as InjectOptions['method'], url: target, ...(payload ? { payload } : {}) });
      const where = `${method} ${target} → ${res.statusCode}`;
      expect(res.statusCode, where).toBeLessThan(500);
      expect(leaked(res.body, target), `${where} shows the first municipality's ids`).toEqual([]);
      if (params.length > 0) {
        // Reads and writes of another municipality's object: not found (validation may refuse a
        // write's empty body first), never success and never a conflict that reveals its state.
        if (method === 'GET') expect([404], where).toContain(res.statusCode);
        else expect([400, 404, 412, 428], where).toContain(res.statusCode);
      }
    }
  });

  it("the first municipality's own objects are still there and unchanged", async () => {
    const plan = await app.inject({ url: `/v1/plans/${planId}`, headers: bearer(A.tokens.dispatcher) });
    expect(plan.statusCode).toBe(200);
    expect(plan.json().status).toBe('dispatched');
    const alert = (await db.pool.query('SELECT acknowledged_at FROM alerts WHERE id = $1', [ids.alerts])).rows[0];
    expect(alert.acknowledged_at).toBeNull();
    const token = (await db.pool.query('SELECT revoked_at FROM api_tokens WHERE id = $1', [ids.tokens])).rows[0];
    expect(token.revoked_at).toBeNull();
    const still = async (sql: string) => (await db.pool.query(sql, [first])).rows.length;
    expect(await still(`SELECT 1 FROM unknown_devices WHERE tenant_id = $1 AND device_id = 'a1a1a1a1a1a1a1a1'`)).toBe(1);
    expect(await still(`SELECT 1 FROM network_integrations WHERE tenant_id = $1 AND enabled`)).toBe(1);
    expect(await still(`SELECT 1 FROM sensors WHERE tenant_id = $1 AND active`)).toBe(A.containers.length);
    expect(await still(`SELECT 1 FROM containers WHERE tenant_id = $1 AND active`)).toBe(A.containers.length);
  });
});
