/** `npm run token`: prints only the token (stdout), which then works; wrong arguments exit 2. */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { createTestDatabase, PROJECT_ROOT, randomTenant, type TestDatabase } from '../../helpers/index.ts';
import { seedMunicipality } from './fixtures.ts';

let db: TestDatabase;
let app: FastifyInstance;
const tenant = randomTenant();

function runToken(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/cli/token.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: db.url, TENANT: tenant, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedMunicipality(db.pool, tenant, 1);
  app = await buildApp({ pool: db.pool, defaultTenant: tenant });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('npm run token', () => {
  it('prints only a driver token bound to the vehicle, and it opens the driver routes', async () => {
    const [driver, bad] = await Promise.all([runToken(['--role', 'driver', '--vehicle', 'v2']), runToken(['--role', 'driver'])]);
    expect(driver.code).toBe(0);
    expect(driver.stdout).toMatch(/^afr_[\w-]{43}\n$/);
    const token = driver.stdout.trim();
    const { rows } = await db.pool.query('SELECT role, vehicle_id FROM api_tokens WHERE tenant_id = $1 AND name = $2', [tenant, 'cli']);
    expect(rows).toEqual([{ role: 'driver', vehicle_id: 'v2' }]);
    const res = await app.inject({ url: '/v1/driver/route', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(404); // authenticated; no route dispatched yet
    expect(res.json().detail).toContain('vehicle v2');

    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('a driver token needs a vehicle');
  });
});
