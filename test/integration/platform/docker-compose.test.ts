import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../helpers/processes.ts';

// `docker compose config` validates the stack file. There is no Docker engine on CI, but the
// client (compose v2 plugin, or docker-compose v1) may be installed; without one, this is skipped.
function composeCommand(): string[] | undefined {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  return undefined;
}

const compose = composeCommand();

describe('docker-compose.yml', () => {
  it.skipIf(!compose)(`is valid (${compose ? compose.join(' ') : 'skipped: no docker compose client on this machine'})`, () => {
    const [cmd, ...args] = compose!;
    execFileSync(cmd!, [...args, 'config', '-q'], { cwd: PROJECT_ROOT, stdio: 'pipe' });
    const services = execFileSync(cmd!, [...args, '--profile', 'demo', 'config', '--services'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
      .trim()
      .split('\n')
      .sort();
    expect(services).toEqual(['api', 'db', 'firmware-sim', 'ingest', 'migrate', 'mosquitto', 'osrm', 'osrm-prepare', 'redis', 'worker']);
  });
});
