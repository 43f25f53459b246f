/** Scenario JSON files: `firmware-sim/scenarios/<name>.json` by default, or any path. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../platform/errors.ts';
import type { Scenario } from './types.ts';

export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios');

/** A bare name (`monaco`) means `firmware-sim/scenarios/monaco.json`; anything with a slash or .json is a path. */
export function scenarioPath(nameOrPath: string): string {
  return nameOrPath.includes('/') || nameOrPath.endsWith('.json') ? resolve(nameOrPath) : join(SCENARIO_DIR, `${nameOrPath}.json`);
}

export function saveScenario(scenario: Scenario, path = scenarioPath(scenario.name)): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(scenario, null, 1) + '\n');
  return path;
}

export function loadScenario(nameOrPath: string): Scenario {
  const path = scenarioPath(nameOrPath);
  if (!existsSync(path)) {
    throw new InputError(`Scenario not found: ${path}`, [{ name: 'scenario', reason: 'build it first with npm run sim:city' }]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError(`Scenario ${path} is not valid JSON`, [{ name: 'scenario', reason: (err as Error).message }]);
  }
  const s = parsed as Partial<Scenario>;
  if (s.version !== 1 || !Array.isArray(s.containers) || !Array.isArray(s.sensors) || !s.tenant) {
    throw new InputError(`Scenario ${path} has an unknown shape`, [{ name: 'scenario', reason: 'expected version 1 with tenant, containers and sensors' }]);
  }
  return s as Scenario;
}
