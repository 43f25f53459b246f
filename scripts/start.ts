/**
 * `npm start`: the whole system in one process for a laptop or a demo — migrations, API, ingester,
 * plan worker and (optionally) the simulated sensor fleet. docker compose runs the same parts as
 * separate services instead.
 */
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { createPool, ensureDatabase, databaseName } from '../platform/db.ts';
import { requirePostgres, requireRedis } from '../platform/preflight.ts';
import { checkTcp } from '../platform/service-checks.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from '../platform/embedded-broker.ts';
import { runMain, type Stop } from '../platform/main.ts';
import { migrateDatabase } from '../ingest/migrations/index.ts';
import { startApiServer, startPlanWorker } from '../api/index.ts';
import { startConfiguredImportWorker } from '../api/jobs/import-jobs.ts';
import { startIngester } from '../ingest/index.ts';
import { prepareScenario, startDemoFleet } from '../firmware-sim/index.ts';
import { createRoutingProvider, routingConfigFromConfig } from '../optimizer/index.ts';

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'afvalroute');
  const stops: Stop[] = [];

  await requirePostgres(config);
  await requireRedis(config);
  if (await ensureDatabase(config.databaseUrl)) logger.info({ database: databaseName(config.databaseUrl) }, 'created database');
  const migration = await migrateDatabase(config.databaseUrl, {
    readingsRetentionDays: config.readingsRetentionDays,
    log: (msg, data) => logger.info(data ?? {}, msg),
  });
  logger.info({ mode: migration.mode, version: migration.current }, 'database ready');

  const pool = createPool(config.databaseUrl);
  stops.push(() => pool.end());
  await pool.query(`INSERT INTO tenants (id, name, time_zone) VALUES ($1, $1, $2) ON CONFLICT (id) DO NOTHING`, [config.tenant, config.timeZone]);

  let broker: EmbeddedBroker | undefined;
  const brokerStatus = await checkTcp(config.mqttUrl, 1883);
  if (brokerStatus.status === 'down') {
    if (config.embeddedBroker === 'never') {
      throw new Error(`No MQTT broker answers at ${config.mqttUrl} (MQTT_URL) and EMBEDDED_BROKER=never`);
    }
    broker = await startEmbeddedBroker(config.mqttUrl);
    stops.push(() => broker!.close());
    logger.warn({ url: broker.url }, 'no MQTT broker answered at MQTT_URL: started an embedded broker (aedes, MQTT 3.1.1, in-process, not for production)');
  }

  // The API reports the router this installation uses; the plan worker's sandboxed processes
  // build their own from the same configuration.
  const router = await createRoutingProvider({ ...routingConfigFromConfig(config), logger: logger.child({ component: 'routing' }) });
  const mqttUrl = broker?.url ?? config.mqttUrl;
  const app = await startApiServer({
    config,
    logger,
    pool,
    health: {
      router: async () => {
        const h = await router.health();
        return { status: h.ok ? 'up' : 'degraded', detail: `${h.provider} ${h.version}${h.detail ? `: ${h.detail}` : ''}` };
      },
      ...(broker ? { broker: async () => ({ status: 'up' as const, detail: `embedded broker at ${broker!.url}` }) } : {}),
    },
  });
  stops.unshift(() => app.close());

  const worker = await startPlanWorker({ config, logger });
  stops.unshift(() => worker.close());
  const importWorker = await startConfiguredImportWorker(config, pool, logger.child({ component: 'import-worker' }));
  stops.unshift(() => importWorker.close());

  const ingester = await startIngester({
    config: { ...config, mqttUrl },
    logger: logger.child({ component: 'ingest' }),
    pool,
    // aedes has no shared subscriptions (and speaks MQTT 3.1.1 only).
    ...(broker ? { shareGroup: null, protocolVersion: 4 as const } : {}),
  });
  stops.unshift(() => ingester.stop());

  let fleetSensors = 0;
  if (config.simulator) {
    const scenario = await prepareScenario({ config, pool });
    const fleet = await startDemoFleet({ config: { ...config, mqttUrl }, logger: logger.child({ component: 'firmware-sim' }), pool, scenario });
    stops.unshift(() => fleet.stop());
    fleetSensors = scenario.sensors.length;
  }

  const base = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  process.stdout.write(
    [
      '',
      'Waste collection planner is running:',
      `  API          ${base}/v1`,
      `  Health       ${base}/v1/health`,
      `  API docs     ${base}/docs  (OpenAPI: ${base}/v1/openapi.json)`,
      `  Dispatcher   ${base}/web/`,
      `  Driver       ${base}/web/driver/`,
      `  Metrics      ${base}/metrics`,
      `  MQTT broker  ${broker ? `${broker.url} (embedded)` : config.mqttUrl}`,
      `  Storage      ${migration.mode}`,
      `  Router       ${router.name} ${router.version}`,
      `  Sensors      ${config.simulator ? `${fleetSensors} simulated sensors publishing (SIMULATOR=false to switch off)` : 'simulator off'}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  return async () => {
    for (const stop of stops) await stop().catch((err) => logger.error({ err }, 'error while stopping'));
  };
});
