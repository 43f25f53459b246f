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
import { problemErrorHandler, sendProblem } from './problem.ts';
import health, { type HealthCheck } from './routes/health.ts';
import { ComponentHealth, Health } from './schemas/health.ts';
import { API_VERSION } from './version.ts';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  corsOrigins?: string[];
  publicUrl?: string;
  health?: Record<string, HealthCheck>;
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
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(problemErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, { status: 404, title: 'Not Found', detail: `No resource at ${request.method} ${request.url.split('?')[0]}` }),
  );
  app.addHook('onSend', async (_request, reply) => {
    reply.header('API-Version', API_VERSION);
  });

  await app.register(helmet, {
    // Swagger UI and the web pages load their own scripts and styles from this origin.
    // Tablets may reach a depot server over plain http on the LAN: do not force https upgrades.
    contentSecurityPolicy: {
      directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'https:'], 'upgrade-insecure-requests': null },
    },
    hsts: false,
  });
  await app.register(cors, { origin: options.corsOrigins?.length ? options.corsOrigins : false, exposedHeaders: ['API-Version', 'Content-Crs', 'Link'] });

  app.addSchema(ComponentHealth);
  app.addSchema(Health);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Waste collection planning API',
        version: API_VERSION,
        description: 'Containers, fill levels, plans and routes for dispatchers, drivers and open data.',
        license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl' },
        contact: { name: 'Maintainers', url: 'https://github.com/' },
      },
      ...(options.publicUrl ? { servers: [{ url: options.publicUrl }] } : {}),
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(
    async (v1) => {
      v1.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await v1.register(health, { version: API_VERSION, checks: options.health ?? {} });
    },
    { prefix: '/v1' },
  );

  return app;
}
