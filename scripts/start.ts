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
import { startApiServer } from '../api/server.ts';

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

  const app = await startApiServer({ config, logger, pool });
  stops.unshift(() => app.close());

  const base = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  process.stdout.write(
    [
      '',
      'Waste collection planner is running:',
      `  API          ${base}/v1`,
      `  Health       ${base}/v1/health`,
      `  API docs     ${base}/docs  (OpenAPI: ${base}/v1/openapi.json)`,
      `  MQTT broker  ${broker ? `${broker.url} (embedded)` : config.mqttUrl}`,
      `  Storage      ${migration.mode}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  return async () => {
    for (const stop of stops) await stop().catch((err) => logger.error({ err }, 'error while stopping'));
  };
});
