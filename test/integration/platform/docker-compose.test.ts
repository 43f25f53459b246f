import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../helpers/processes.ts';

// `docker compose config` validates the stack file without a Docker engine. Debian packages a
// client that does (`docker-compose`, installed by .ci/run when missing). Without one the test is
// skipped on a laptop, and fails in CI (CI=true): a skipped check there proves nothing.
function composeCommand(): string[] | undefined {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  return undefined;
}

const compose = composeCommand();
const inCi = process.env.CI === 'true';

function run(args: string[], cwd = PROJECT_ROOT): string {
  if (!compose) throw new Error('CI=true but no docker compose client is installed: `apt-get install docker-compose` (.ci/run does)');
  const [cmd, ...base] = compose;
  return execFileSync(cmd!, [...base, ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
}

describe.skipIf(!compose && !inCi)(`docker-compose.yml (${compose ? compose.join(' ') : 'no compose client'})`, () => {
  it('is valid and has every service', () => {
    run(['config', '-q']);
    const services = run(['--profile', 'demo', 'config', '--services']).trim().split('\n').sort();
    expect(services).toEqual(['api', 'db', 'firmware-sim', 'ingest', 'migrate', 'mosquitto', 'osrm', 'osrm-prepare', 'redis', 'worker']);
  });

  it('pins TimescaleDB to an exact 2.x release on PostgreSQL 16, telemetry off, and the app requires it', () => {
    const resolved = run(['config']);
    expect(resolved).toMatch(/image: timescale\/timescaledb:2\.\d+\.\d+-pg16\b/);
    expect(resolved).not.toMatch(/timescaledb:latest/);
    expect(resolved).toMatch(/TIMESCALEDB_TELEMETRY: ['"]?off/);
    expect(resolved).toMatch(/TIMESCALEDB: require/);
  });

  it('the client really validates: a broken file is refused', () => {
    run(['version']); // fails first when there is no client, so the refusal below is the validator's
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    try {
      const broken = readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8')
        .replace('condition: service_completed_successfully', 'condition: when_it_feels_like_it');
      writeFileSync(join(dir, 'docker-compose.yml'), broken);
      expect(() => run(['-f', join(dir, 'docker-compose.yml'), 'config', '-q'], dir)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
