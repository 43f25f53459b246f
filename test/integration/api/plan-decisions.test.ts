/**
 * The decisions of a plan: the plan job (in-process, straight-line router) stores one decision per
 * container with its reason; GET /v1/plans/{id}/decisions returns them paged and explained in the
 * tenant's language, only to the plan's own tenant and only to staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { processPlanJob } from '../../../api/jobs/process-plan-job.ts';
import { StraightLineProvider } from '../../../optimizer/routing/index.ts';
import { optimizerSolver } from '../../../planner/index.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { bearer, seedMunicipality, todayAmsterdam, type Seeded } from './fixtures.ts';

let db: TestDatabase;
let app: FastifyInstance;
let a: Seeded;
let b: Seeded;
let planId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  a = await seedMunicipality(db.pool, randomTenant(), 6);
  b = await seedMunicipality(db.pool, randomTenant(), 3);
  app = await buildApp({ pool: db.pool, defaultTenant: a.tenant });
  const { rows } = await db.pool.query(`INSERT INTO plans (tenant_id, date, params) VALUES ($1, $2, '{"timeLimitS":1}') RETURNING id`, [a.tenant, todayAmsterdam()]);
  planId = rows[0].id;
  await processPlanJob(
    { data: { planId, tenantId: a.tenant, kind: 'plan', timeLimitS: 1 }, attemptsMade: 0, opts: { attempts: 1 }, updateProgress: async () => {} },
    { pool: db.pool, routing: new StraightLineProvider(), solver: optimizerSolver },
  );
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const get = (url: string, token: string) => app.inject({ method: 'GET', url, headers: bearer(token) });

describe('GET /v1/plans/{id}/decisions', () => {
  it('explains every container of the day: musts on routes, the fire alarm as an emergency, in Dutch by default', async () => {
    const res = await get(`/v1/plans/${planId}/decisions`, a.tokens.dispatcher);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(6);
    const byId = new Map(body.items.map((d: { containerId: string }) => [d.containerId, d]));
    // c001: 48 readings rising to 90 % → the forecast makes it a must; c002 has an open fire alert.
    expect(byId.get('c001')).toMatchObject({ kind: 'must', outcome: 'planned', vehicleId: expect.stringMatching(/^v[12]$/), eta: expect.any(String) });
    expect(byId.get('c002')).toMatchObject({ kind: 'emergency', code: 'emergency.fire', outcome: 'emergency', explanation: 'brandmelding → noodrit, geen gewone stop' });
    // c003 (10 %, no readings): today's fill against the thresholds
    expect(byId.get('c003')).toMatchObject({ kind: 'skip', code: 'skip.threshold', explanation: '10 % nu, onder 50 % → overslaan' });
    expect(body.items[0].kind).toBe('must');
    const en = await get(`/v1/plans/${planId}/decisions?lang=en&kind=skip`, a.tokens.dispatcher);
    expect(en.json().items.map((d: { explanation: string }) => d.explanation)).toContain('10 % now, below 50 % → skip');
    expect(en.json().items.every((d: { kind: string }) => d.kind === 'skip')).toBe(true);
  });

  it('pages with Link headers and the total', async () => {
    const res = await get(`/v1/plans/${planId}/decisions?pageSize=2&page=1`, a.tokens.dispatcher);
    expect(res.json()).toMatchObject({ page: 1, pageSize: 2, total: 6 });
    expect(res.json().items).toHaveLength(2);
    expect(res.headers.link).toContain('rel="next"');
  });

  it('is tenant-scoped and for staff only; bad parameters are named', async () => {
    const other = await get(`/v1/plans/${planId}/decisions`, b.tokens.dispatcher);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect((await get(`/v1/plans/${planId}/decisions`, a.tokens.driver)).statusCode).toBe(403);
    const bad = await get(`/v1/plans/${planId}/decisions?kind=maybe`, a.tokens.dispatcher);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json()['invalid-params'])).toContain('kind');
  });
});
