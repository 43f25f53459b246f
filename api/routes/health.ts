import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health, type ComponentHealth } from '../schemas/health.ts';

export type HealthCheck = () => Promise<ComponentHealth>;

export interface HealthOptions {
  version: string;
  /** Components by name (database, redis, broker, router …); `database` is essential. */
  checks: Record<string, HealthCheck>;
}

const health: FastifyPluginAsyncTypebox<HealthOptions> = async (app, opts) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'State of the service and of every component it depends on',
        security: [],
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const names = Object.keys(opts.checks);
      const results = await Promise.all(
        names.map((n) => opts.checks[n]!().catch((err: Error): ComponentHealth => ({ status: 'down', detail: err.message }))),
      );
      const components = Object.fromEntries(names.map((n, i) => [n, results[i]!]));
      const status = components.database?.status === 'down' ? 'down' : results.some((r) => r.status !== 'up') ? 'degraded' : 'up';
      return reply.status(status === 'down' ? 503 : 200).send({ status, version: opts.version, time: new Date().toISOString(), components });
    },
  );
};

export default health;
