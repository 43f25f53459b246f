/**
 * The API process: builds the app and listens. `npm start` uses startApiServer in-process; docker
 * compose runs this file on its own (`tsx api/server.ts`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { buildApp } from './app.ts';
import type { HealthCheck } from './routes/health.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { createPool } from '../platform/db.ts';
import { checkPool, checkRedis, checkTcp } from '../platform/service-checks.ts';
import { runMain } from '../platform/main.ts';
import { createPlanJobs, type PlanJobs } from './jobs/plan-jobs.ts';
import { createImportJobs } from './jobs/import-jobs.ts';
import type { WebPluginOptions } from '../web/plugin.ts';
import { integrationsHealth } from '../registry/sensors/integration-store.ts';

export interface ApiServerOptions {
  config: Config;
  logger: Logger;
  pool: pg.Pool;
  /** Extra or replacement health checks (the all-in-one start adds the embedded broker, the router). */
  health?: Record<string, HealthCheck>;
  /** The plan queue; default: one on config.redisUrl under config.workerQueuePrefix, closed with the app. */
  planJobs?: PlanJobs;
  /** BullMQ prefix when the queue is made here (tests: randomQueuePrefix()). */
  queuePrefix?: string;
}

export function defaultHealthChecks(config: Config, pool: pg.Pool): Record<string, HealthCheck> {
  return {
    database: () => checkPool(pool),
    redis: () => checkRedis(config.redisUrl, 1500),
    broker: () => checkTcp(config.mqttUrl, 1883, 1500),
    integrations: () => integrationsHealth(pool),
    router: async () => {
      if (config.osrmUrl) {
        const osrm = await checkTcp(config.osrmUrl, 5000, 1500);
        return { ...osrm, detail: `osrm ${config.osrmUrl}${osrm.detail ? `: ${osrm.detail}` : ''}` };
      }
      // The worker loads the extract; without it plans fall back to straight lines (rough).
      return existsSync(resolve(config.osmPbf))
        ? { status: 'up', detail: `builtin ${config.osmPbf}` }
        : { status: 'degraded', detail: `no road network at ${config.osmPbf}: straight-line routing` };
    },
  };
}

/** MAP_TILE_URL / MAP_TILE_ATTRIBUTION for the web pages; unset ones keep the plugin's defaults. */
export function webOptionsFromConfig(config: Pick<Config, 'mapTileUrl' | 'mapTileAttribution'>): WebPluginOptions {
  return {
    ...(config.mapTileUrl !== undefined ? { tileUrl: config.mapTileUrl } : {}),
    ...(config.mapTileAttribution !== undefined ? { tileAttribution: config.mapTileAttribution } : {}),
  };
}

export async function startApiServer(opts: ApiServerOptions): Promise<FastifyInstance> {
  const { config, logger, pool } = opts;
  const planJobs = opts.planJobs ?? (await createPlanJobs({ redisUrl: config.redisUrl, prefix: opts.queuePrefix ?? config.workerQueuePrefix }));
  const importJobs = await createImportJobs({ redisUrl: config.redisUrl, prefix: opts.queuePrefix ?? config.workerQueuePrefix });
  const app = await buildApp({
    logger: logger.child({ component: 'api' }),
    corsOrigins: config.corsOrigins,
    publicUrl: config.publicUrl,
    health: { ...defaultHealthChecks(config, pool), ...opts.health },
    pool,
    planJobs,
    importJobs,
    defaultTenant: config.tenant,
    rateLimitPerMinute: config.apiRateLimitPerMinute,
    web: webOptionsFromConfig(config),
    secretsKey: config.secretsKey,
  });
  if (!opts.planJobs) app.addHook('onClose', () => planJobs.close());
  app.addHook('onClose', () => importJobs.close());
  await app.listen({ host: config.host, port: config.port });
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runMain(async () => {
    const config = loadConfig();
    const logger = createLogger(config.logLevel, 'api');
    const pool = createPool(config.databaseUrl);
    const app = await startApiServer({ config, logger, pool });
    return async () => {
      await app.close();
      await pool.end();
    };
  });
}
