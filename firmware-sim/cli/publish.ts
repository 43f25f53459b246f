/**
 * npm run sim -- --scenario monaco --days 7 --speed 3600 --format ttn --seed 1
 *   [--payload device|decoded] [--start 2026-01-05T00:00:00Z] [--rate 500] [--per-device | --connections 200]
 *   [--faults default|none|dead=0.05,fire=0.01] [--prefix test-x/] [--no-loop] [--no-progress]
 * Publishes the scenario's sensor fleet over MQTT (QoS 1, MQTT_URL) with a simulated clock.
 * --speed 3600: one simulated hour per real second; --speed max: as fast as the broker acknowledges.
 * The default start is now, or `days` ago when speed > 1, so that no reading lies in the future
 * (the ingester rejects those). Prints a JSON summary at the end.
 */
import pg from 'pg';
import { loadConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { InputError } from '../../platform/errors.ts';
import { parseFormat, parsePayloadStyle } from '../encode/encode-reading.ts';
import { parseFaultRates } from '../model/faults.ts';
import { createProgressBar } from '../publish/progress.ts';
import { startSimulatedFleet } from '../publish/start-fleet.ts';
import { loadScenario } from '../scenario/scenario-file.ts';
import { numberFlag, parseFlags, runCli } from './run-cli.ts';

await runCli(async () => {
  const f = parseFlags({
    scenario: { type: 'string' }, days: { type: 'string' }, speed: { type: 'string' }, format: { type: 'string' },
    payload: { type: 'string' }, seed: { type: 'string' }, start: { type: 'string' }, rate: { type: 'string' },
    'per-device': { type: 'boolean' }, connections: { type: 'string' }, faults: { type: 'string' }, prefix: { type: 'string' },
    'no-loop': { type: 'boolean' }, 'no-progress': { type: 'boolean' },
  });
  const config = loadConfig();
  const scenario = loadScenario(f.scenario ?? 'monaco');
  const days = numberFlag(f.days, 'days', 7, 0.001, 3650);
  const speed = f.speed === 'max' ? Infinity : numberFlag(f.speed, 'speed', 1, 0.001, 1e9);
  let startMs: number;
  if (f.start !== undefined) {
    startMs = Date.parse(f.start);
    if (!Number.isFinite(startMs)) throw new InputError(`--start: ${f.start} is not a date-time`, [{ name: 'start', reason: 'expected ISO 8601' }]);
  } else {
    const now = Math.floor(Date.now() / 1000) * 1000;
    startMs = speed > 1 ? now - days * 86_400_000 : now;
  }
  const connections = f['per-device'] ? Math.min(scenario.sensors.length, 1000) : numberFlag(f.connections, 'connections', 1, 1, 1000);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'firmware-sim');
  const bar = f['no-progress'] ? undefined : createProgressBar(startMs, startMs + days * 86_400_000);

  // The closed loop needs the database; without one the fleet still runs, open loop, and says so.
  let closedLoop = !f['no-loop'];
  if (closedLoop) {
    const probe = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 3000 });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.query('SELECT 1 FROM collection_events LIMIT 1');
    } catch (err) {
      closedLoop = false;
      process.stderr.write(`warning: no collection events from ${config.databaseUrl} (${(err as Error).message}); running open loop\n`);
    } finally {
      await probe.end().catch(() => {});
    }
  }

  const fleet = await startSimulatedFleet({
    config,
    logger,
    scenario,
    speed,
    seed: f.seed ?? scenario.seed,
    format: parseFormat(f.format ?? 'native'),
    payload: f.payload ? parsePayloadStyle(f.payload) : 'device',
    faults: parseFaultRates(f.faults),
    prefix: f.prefix,
    startMs,
    days,
    ratePerSecond: f.rate === undefined ? undefined : numberFlag(f.rate, 'rate', 100, 1, 1e7),
    connections,
    closedLoop,
    onProgress: bar ? (s) => bar.update(s) : undefined,
  });
  const onSignal = () => void fleet.stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stats = await fleet.done;
  bar?.stop();
  process.stdout.write(JSON.stringify({
    scenario: scenario.name, tenant: scenario.tenant.id, sensors: scenario.sensors.length, connections,
    from: new Date(startMs).toISOString(), to: new Date(stats.simTimeMs).toISOString(), ...stats,
    ratePerSecond: Math.round(stats.ratePerSecond),
  }) + '\n');
  if (stats.failed > 0) process.exitCode = 1;
});
