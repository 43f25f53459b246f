import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, randomTenant, randomTopicPrefix, TEST_MQTT_URL, type TestDatabase } from '../../helpers/index.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PBF = resolve(REPO, process.env.OSM_PBF ?? '../shared/data/monaco.osm.pbf');
const TSX = join(REPO, 'node_modules/.bin/tsx');

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(TSX, [join(REPO, script), ...args], { cwd: REPO, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 50_000 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('simulator command lines', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits with code 2 and names the file when the extract is missing', async () => {
    const r = await run('firmware-sim/cli/city.ts', ['--pbf', '/nonexistent/city.osm.pbf', '--no-db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not found: \/nonexistent\/city\.osm\.pbf/);
  });

  it('builds the Monaco city into the database and a file, then publishes it', async () => {
    const tenant = randomTenant();
    const out = join(dir, 'monaco.json');
    const city = await run('firmware-sim/cli/city.ts', ['--pbf', PBF, '--containers', '150', '--seed', '1', '--tenant', tenant, '--out', out], { DATABASE_URL: db.url });
    expect(city.stderr).toBe('');
    expect(city.code).toBe(0);
    expect(JSON.parse(city.stdout).containers).toBe(150);
    expect(JSON.parse(readFileSync(out, 'utf8')).tenant.id).toBe(tenant);
    const { rows } = await db.pool.query('SELECT count(*) AS n FROM containers WHERE tenant_id = $1', [tenant]);
    expect(Number(rows[0].n)).toBe(150);

    const pub = await run('firmware-sim/cli/publish.ts', [
      '--scenario', out, '--days', '1', '--speed', 'max', '--format', 'ttn', '--seed', '1', '--prefix', randomTopicPrefix(), '--no-progress',
    ], { DATABASE_URL: db.url, MQTT_URL: TEST_MQTT_URL });
    expect(pub.code).toBe(0);
    const summary = JSON.parse(pub.stdout);
    expect(summary.acked).toBe(summary.sent);
    expect(summary.sent).toBeGreaterThan(150 * 20);
  });

  it('exits with code 2 when the broker is unreachable', async () => {
    const scenarioFile = join(dir, 'monaco.json');
    const r = await run('firmware-sim/cli/publish.ts', ['--scenario', scenarioFile, '--days', '1', '--no-progress'], { MQTT_URL: 'mqtt://127.0.0.1:1', DATABASE_URL: db.url });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot reach the MQTT broker at mqtt:\/\/127\.0\.0\.1:1/);
  });
});
