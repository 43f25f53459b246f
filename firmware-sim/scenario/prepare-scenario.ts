/**
 * The scenario a running system simulates (`npm start`): the named scenario file when it exists,
 * otherwise built from the configured extract (and saved), moved to the configured tenant, and
 * upserted into the database so that the ingester knows every sensor.
 */
import { existsSync } from 'node:fs';
import type pg from 'pg';
import type { Config } from '../../platform/config.ts';
import { buildScenario } from './build-scenario.ts';
import { writeScenarioToDatabase } from './scenario-db.ts';
import { loadScenario, saveScenario, scenarioPath } from './scenario-file.ts';
import type { Scenario } from './types.ts';

export interface PrepareScenarioOptions {
  config: Pick<Config, 'osmPbf' | 'tenant' | 'timeZone'>;
  pool?: pg.Pool;
  /** Scenario name or path (default `monaco`). */
  scenario?: string;
  /** Used when the scenario has to be built. */
  containers?: number;
  seed?: number | string;
}

export async function prepareScenario(o: PrepareScenarioOptions): Promise<Scenario> {
  const name = o.scenario ?? 'monaco';
  let scenario: Scenario;
  if (existsSync(scenarioPath(name))) scenario = loadScenario(name);
  else {
    scenario = await buildScenario({ pbf: o.config.osmPbf, containers: o.containers ?? 400, seed: o.seed ?? 1, name, tenant: { id: o.config.tenant, timeZone: o.config.timeZone } });
    saveScenario(scenario, scenarioPath(name));
  }
  scenario = { ...scenario, tenant: { ...scenario.tenant, id: o.config.tenant, timeZone: o.config.timeZone } };
  if (o.pool) await writeScenarioToDatabase(o.pool, scenario);
  return scenario;
}
