/**
 * `npm run tenant` and `npm run import` as real processes against a fresh database: create is
 * idempotent, --json prints exactly one JSON object, exit 0 when nothing was rejected and 2 when a
 * row was (the good rows still stored), a dry run writes nothing, --retire-missing retires, and
 * the road check flags a container far from Monaco's roads (built-in router on the shared extract).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, PROJECT_ROOT, randomTenant, type TestDatabase } from '../../helpers/index.ts';

let db: TestDatabase;
let dir: string;
const tenant = randomTenant();

function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
const tenantCli = (args: string[]) => run('registry/cli/tenant.ts', args);
const importCli = (args: string[]) => run('registry/cli/import.ts', args);
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'registry-cli-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.drop();
});

describe('npm run tenant', () => {
  it('creates once, says unchanged the second time, updates and lists', async () => {
    const args = ['create', '--id', tenant, '--name', 'Monaco', '--time-zone', 'Europe/Monaco', '--area', '7.40,43.72,7.44,43.76', '--json'];
    const first = await tenantCli(args);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ outcome: 'created', tenant: { id: tenant, timeZone: 'Europe/Monaco', settings: { area: [7.4, 43.72, 7.44, 43.76] } } });
    expect(JSON.parse((await tenantCli(args)).stdout).outcome).toBe('unchanged');
    const updated = await tenantCli(['update', '--id', tenant, '--language', 'en', '--must-fill', '0.9', '--json']);
    expect(JSON.parse(updated.stdout).tenant.settings).toMatchObject({ language: 'en', thresholds: { mustFill: 0.9, mayFill: 0.5 } });
    const list = await tenantCli(['list', '--json']);
    expect(JSON.parse(list.stdout).tenants.map((t: { id: string }) => t.id)).toEqual([tenant]);
    const bad = await tenantCli(['create', '--id', 'Bad Id', '--name', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid tenant');
  });
});

describe('npm run import', () => {
  const csv = 'id;fractie;inhoud;lon;lat\nM1;rest;5;7,4200;43,7320\nM2;papier;3,5;7,4210;43,7330\nM3;glas;2;7,4220;43,7340\n';
  const map = 'id=id,fraction=fractie,volume_m3=inhoud,lon=lon,lat=lat';

  it('prints one JSON object and exits 0; the same file again is unchanged', async () => {
    const path = file('bakken.csv', csv);
    const first = await importCli(['--tenant', tenant, '--kind', 'containers', '--file', path, '--map', map, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: 3, updated: 0, unchanged: 0, retired: 0, rejected: 0, errors: [] });
    const second = await importCli(['--tenant', tenant, '--kind', 'containers', '--file', path, '--map', map, '--json', '--no-road-check']);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('exits 2 naming the bad row, stores the good ones, prints a summary without --json', async () => {
    const path = file('bad.csv', `${csv}M4;asbest;1;7,4230;43,7350\nM5;gft;1;7,4240;43,7360\n`);
    const res = await importCli(['--tenant', tenant, '--kind', 'containers', '--file', path, '--map', map, '--no-road-check']);
    expect(res.code).toBe(2);
    expect(res.stdout).toContain('created 1, updated 0, unchanged 3, retired 0, rejected 1');
    expect(res.stdout).toContain('row 5: fraction: unknown fraction code "asbest"');
  });

  it('writes nothing on a dry run, retires with --retire-missing', async () => {
    const path = file('two.csv', csv.split('\n').slice(0, 3).join('\n'));
    const dry = await importCli(['--tenant', tenant, '--kind', 'containers', '--file', path, '--map', map, '--retire-missing', '--dry-run', '--json', '--no-road-check']);
    // stored and active: M1, M2, M3 and M5 (M4 was rejected); the file names M1 and M2
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, retired: 2 });
    const count = async () => (await db.pool.query('SELECT count(*)::int AS n FROM containers WHERE tenant_id = $1 AND active', [tenant])).rows[0].n;
    expect(await count()).toBe(4);
    const real = await importCli(['--tenant', tenant, '--kind', 'containers', '--file', path, '--map', map, '--retire-missing', '--json', '--no-road-check']);
    expect(JSON.parse(real.stdout)).toMatchObject({ retired: 2, unchanged: 2 });
    expect(await count()).toBe(2);
  });

  it("flags a container far from the roads of the tenant's router", async () => {
    // at sea, over a kilometre off the coast of Monaco (still inside the tenant's area)
    const path = file('sea.csv', 'id,fraction,volume_m3,lon,lat\nSEA1,glass,2,7.4395,43.7205\n');
    const res = await importCli(['--tenant', tenant, '--kind', 'containers', '--file', path, '--json']);
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.created).toBe(1);
    expect(report.flagged).toEqual([{ row: 2, id: 'SEA1', reason: expect.stringMatching(/m from the nearest road|no road found/) }]);
    const { rows } = await db.pool.query('SELECT snap_distance_m FROM containers WHERE tenant_id = $1 AND id = $2', [tenant, 'SEA1']);
    expect(rows[0].snap_distance_m).toBeGreaterThan(200);
  });

  it('refuses a wrong option with exit 2, naming it', async () => {
    const res = await importCli(['--tenant', tenant, '--kind', 'containers', '--file', join(dir, 'bakken.csv'), '--crs', 'EPSG:3857']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--crs EPSG:3857 is not supported');
  });
});
