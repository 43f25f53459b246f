/**
 * The API as a plugin built by a function: tests call `buildApp(...)` and `app.inject`, the server
 * file only listens. Plugins are registered here, explicitly and in order.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import type pg from 'pg';
import { clientErrorHandler, frameworkErrorHandler, HttpProblem, problemErrorHandler, sendProblem } from './problem.ts';
import { installApiConformance, relativeToServer, tuplesAsArrays } from './openapi-conformance.ts';
import landing, { apiContact, type ApiContact } from './routes/landing.ts';
import health, { type HealthCheck } from './routes/health.ts';
import { ComponentHealth, Health } from './schemas/health.ts';
import { API_VERSION } from './version.ts';
import { bearerToken, installAuth } from './auth/install-auth.ts';
import { hashToken, TokenVerifier } from './auth/tokens.ts';
import type { ApiContext } from './context.ts';
import type { PlanJobs } from './jobs/plan-jobs.ts';
import type { ImportJobs } from './jobs/import-jobs.ts';
import { installMetrics } from './metrics.ts';
import { installInputGuards } from './input-guards.ts';
import { ProcessingLog } from './processing-log.ts';
import { Tenants } from './tenants.ts';
import { RouteCache } from './route-cache.ts';
import { ProblemDetails } from './schemas/common.ts';
import { Container } from './schemas/containers.ts';
import containers from './routes/containers.ts';
import fillHistory from './routes/fill-history.ts';
import containerForecast from './routes/forecast.ts';
import fleet from './routes/fleet.ts';
import alerts from './routes/alerts.ts';
import admin from './routes/admin.ts';
import registry from './routes/registry.ts';
import plans from './routes/plans.ts';
import planEvents from './routes/plan-events.ts';
import planEdits from './routes/plan-edits.ts';
import planDecisions from './routes/plan-decisions.ts';
import driver from './routes/driver.ts';
import routes from './routes/routes.ts';
import sensors from './routes/sensors.ts';
import unknownDevices from './routes/unknown-devices.ts';
import integrations from './routes/integrations.ts';
import webPlugin, { type WebPluginOptions } from '../web/plugin.ts';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  corsOrigins?: string[];
  /** External URL of the API (PUBLIC_URL, else the listen address): the OpenAPI `servers` entry with /v1. */
  publicUrl?: string;
  /** `info.contact` of the OpenAPI document (API_CONTACT_NAME, API_CONTACT_EMAIL, API_CONTACT_URL). */
  contact?: Partial<ApiContact>;
  health?: Record<string, HealthCheck>;
  /** The database: without it only health, OpenAPI and metrics are served. */
  pool?: pg.Pool;
  /** The plan queue (createPlanJobs); without it POST /v1/plans answers 503. */
  planJobs?: PlanJobs;
  /** The import queue (createImportJobs); without it POST /v1/imports answers 503. */
  importJobs?: ImportJobs;
  /** Tenant read by anonymous (open data) requests without ?tenant=. */
  defaultTenant?: string;
  /** Requests per minute per token or address; 0 or absent: no limit. */
  rateLimitPerMinute?: number;
  /** Seconds between SSE keep-alive comments (tests shorten it). */
  sseHeartbeatMs?: number;
  /** Bearer token for /metrics (METRICS_TOKEN); absent: metrics for loopback callers only. */
  metricsToken?: string;
  /** Map tiles of the web pages (MAP_TILE_URL, MAP_TILE_ATTRIBUTION); default OpenStreetMap. */
  web?: WebPluginOptions;
  /** SECRETS_KEY: encrypts network-server secrets at rest (api/routes/integrations.ts). */
  secretsKey?: Buffer;
}

/** Origins the pages may load map tiles from: any https server, plus the configured tile server (a LAN one may be plain http). */
function tileImageSources(tileUrl: string | undefined): string[] {
  if (!tileUrl) return [];
  try {
    return [new URL(tileUrl.replace(/\{[a-z]\}/g, '0')).origin];
  } catch {
    return [];
  }
}

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const loggerOpts =
    options.logger && typeof options.logger === 'object' && 'child' in options.logger
      ? { loggerInstance: options.logger as FastifyServerOptions['loggerInstance'] }
      : { logger: (options.logger as FastifyServerOptions['logger']) ?? false };
  const app = Fastify({
    ...loggerOpts,
    // API design rules: no trailing slashes; /v1/plans/ is not /v1/plans.
    routerOptions: { ignoreTrailingSlash: false },
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    // fastify's own errors (bad URL, parameter too long, headers too large) as problem+json too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(problemErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, { status: 404, title: 'Not Found', detail: `No resource at ${request.method} ${request.url.split('?')[0]}` }),
  );
  installApiConformance(app);
  installInputGuards(app);

  await app.register(helmet, {
    // Swagger UI and the web pages load their own scripts and styles from this origin.
    // Tablets may reach a depot server over plain http on the LAN: do not force https upgrades.
    contentSecurityPolicy: {
      directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'https:', ...tileImageSources(options.web?.tileUrl)], 'upgrade-insecure-requests': null },
    },
    hsts: false,
  });
  await app.register(cors, { origin: options.corsOrigins?.length ? options.corsOrigins : false, exposedHeaders: ['API-Version', 'Content-Crs', 'Link', 'ETag', 'Location'] });

  app.addSchema(ComponentHealth);
  app.addSchema(Health);
  app.addSchema(ProblemDetails);
  app.addSchema(Container);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Waste collection planning API',
        version: API_VERSION,
        description:
          'Containers, fill levels, plans and routes for dispatchers, drivers and open data. Bearer tokens carry a role ' +
          '(admin, dispatcher, driver bound to one vehicle); operations without a security requirement are open data. ' +
          'Reading routes and vehicle positions is recorded in a processing log with the purpose given in `X-Purpose`. ' +
          'Geometry is CRS84 unless `Accept-Crs: EPSG:28992` asks for Dutch RD; errors are application/problem+json.',
        license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl' },
        contact: apiContact(options.contact),
      },
      servers: [{ url: `${(options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '')}/v1` }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: ({ schema, url }) => relativeToServer({ schema, url }),
    transformObject: (document) => tuplesAsArrays('openapiObject' in document ? document.openapiObject : document.swaggerObject),
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(webPlugin, options.web ?? {});
  installMetrics(app, { token: options.metricsToken });

  const ctx = options.pool ? { ...apiContext(options.pool, options.planJobs, app), importJobs: options.importJobs } : undefined;
  if (ctx) app.addHook('onClose', () => ctx.processingLog.flush());

  await app.register(
    async (v1) => {
      if (options.rateLimitPerMinute) {
        await v1.register(rateLimit, {
          max: options.rateLimitPerMinute,
          timeWindow: '1 minute',
          // Per token when there is one (a depot's tablets share one address), else per address.
          keyGenerator: (request) => {
            const token = bearerToken(request);
            return token ? `t:${hashToken(token).slice(0, 32)}` : `a:${request.ip}`;
          },
          errorResponseBuilder: (_request, context) =>
            new HttpProblem(429, 'Too Many Requests', `At most ${context.max} requests per ${context.after}; try again later`),
        });
      }
      await v1.register(landing, { document: () => app.swagger() });
      await v1.register(health, { version: API_VERSION, checks: options.health ?? {} });
      if (!ctx) return;
      installAuth(v1, { verifier: ctx.verifier, defaultTenant: options.defaultTenant ?? 'demo' });
      await v1.register(containers, { ctx });
      await v1.register(fillHistory, { ctx });
      await v1.register(containerForecast, { ctx });
      await v1.register(fleet, { ctx });
      await v1.register(alerts, { ctx });
      await v1.register(plans, { ctx });
      await v1.register(planEvents, { ctx, heartbeatMs: options.sseHeartbeatMs });
      await v1.register(planEdits, { ctx });
      await v1.register(planDecisions, { ctx });
      await v1.register(routes, { ctx });
      await v1.register(driver, { ctx });
      await v1.register(admin, { ctx });
      await v1.register(registry, { ctx });
      await v1.register(sensors, { ctx });
      await v1.register(unknownDevices, { ctx });
      await v1.register(integrations, { ctx, secretsKey: options.secretsKey });
    },
    { prefix: '/v1' },
  );

  return app;
}

function apiContext(pool: pg.Pool, planJobs: PlanJobs | undefined, app: FastifyInstance): ApiContext {
  return {
    pool,
    planJobs,
    tenants: new Tenants(pool),
    verifier: new TokenVerifier(pool),
    routeCache: new RouteCache(),
    processingLog: new ProcessingLog(pool, (err) => app.log.error({ err }, 'processing log write failed')),
  };
}
