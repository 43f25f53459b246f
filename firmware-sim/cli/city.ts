/**
 * npm run sim:city -- --pbf ../shared/data/monaco.osm.pbf --containers 400 --seed 1
 *   [--name monaco] [--tenant demo] [--fractions residual=0.4,paper=0.2,glass=0.15,pmd=0.25]
 *   [--underground 0.7] [--depot lon,lat] [--facility lon,lat] [--vehicles 3] [--out file.json] [--no-db]
 * Builds a scenario city, writes it to firmware-sim/scenarios/<name>.json and upserts it into the
 * database (DATABASE_URL). Prints a JSON summary.
 */
import { loadConfig } from '../../platform/config.ts';
import { createPool } from '../../platform/db.ts';
import { InputError } from '../../platform/errors.ts';
import { buildScenario } from '../scenario/build-scenario.ts';
import { parseFractionShares } from '../scenario/options.ts';
import { writeScenarioToDatabase } from '../scenario/scenario-db.ts';
import { saveScenario, scenarioPath } from '../scenario/scenario-file.ts';
import { lonLatFlag, numberFlag, parseFlags, runCli } from './run-cli.ts';

await runCli(async () => {
  const f = parseFlags({
    pbf: { type: 'string' }, containers: { type: 'string' }, seed: { type: 'string' }, name: { type: 'string' },
    tenant: { type: 'string' }, fractions: { type: 'string' }, underground: { type: 'string' }, depot: { type: 'string' },
    facility: { type: 'string' }, vehicles: { type: 'string' }, out: { type: 'string' }, 'no-db': { type: 'boolean' },
  });
  const config = loadConfig();
  const scenario = await buildScenario({
    pbf: f.pbf ?? config.osmPbf,
    containers: numberFlag(f.containers, 'containers', 400, 1, 1_000_000),
    seed: f.seed ?? 1,
    name: f.name,
    tenant: { id: f.tenant ?? config.tenant, timeZone: config.timeZone },
    fractionShares: f.fractions ? parseFractionShares(f.fractions) : undefined,
    undergroundShare: f.underground === undefined ? undefined : numberFlag(f.underground, 'underground', 0.7, 0, 1),
    depot: lonLatFlag(f.depot, 'depot'),
    facility: lonLatFlag(f.facility, 'facility'),
    vehicles: f.vehicles === undefined ? undefined : numberFlag(f.vehicles, 'vehicles', 2, 1, 1000),
  });
  const file = saveScenario(scenario, f.out ? scenarioPath(f.out) : undefined);
  let database: unknown = 'skipped';
  if (!f['no-db']) {
    const pool = createPool(config.databaseUrl, { max: 1, connectionTimeoutMillis: 5000 });
    try {
      database = await writeScenarioToDatabase(pool, scenario);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === '42P01') throw new InputError('The database has no schema yet', [{ name: 'DATABASE_URL', reason: 'run npm run migrate first' }], { cause: err });
      if (code === 'ECONNREFUSED' || code === '3D000' || code === '28P01') {
        throw new InputError(`Cannot write the scenario to ${config.databaseUrl}: ${(err as Error).message}`, [{ name: 'DATABASE_URL', reason: 'unreachable or missing database (use --no-db to skip)' }], { cause: err });
      }
      throw err;
    } finally {
      await pool.end();
    }
  }
  const byFraction: Record<string, number> = {};
  for (const c of scenario.containers) byFraction[c.fraction] = (byFraction[c.fraction] ?? 0) + 1;
  process.stdout.write(JSON.stringify({
    scenario: scenario.name, file, tenant: scenario.tenant.id, containers: scenario.containers.length,
    sites: new Set(scenario.containers.map((c) => c.siteId)).size, fromOsm: scenario.containers.filter((c) => c.origin === 'osm').length,
    byFraction, depot: [scenario.depots[0].lon, scenario.depots[0].lat], facility: [scenario.facilities[0].lon, scenario.facilities[0].lat],
    source: scenario.source, database,
  }) + '\n');
});
