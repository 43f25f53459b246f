import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health, type ComponentHealth } from '../schemas/health.ts';
import { sendProblem } from '../problem.ts';

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
        description: 'up or degraded: 200 with the state of each component; down: 503 problem details with the same state in `health`',
        response: { 200: Health, 503: { description: 'The database does not answer (problem details; the state is in `health`)' } },
      },
    },
    async (request, reply) => {
      const names = Object.keys(opts.checks);
      const results = await Promise.all(
        names.map((n) => opts.checks[n]!().catch((err: Error): ComponentHealth => ({ status: 'down', detail: err.message }))),
      );
      const components = Object.fromEntries(names.map((n, i) => [n, results[i]!]));
      const status: Health['status'] = components.database?.status === 'down' ? 'down' : results.some((r) => r.status !== 'up') ? 'degraded' : 'up';
      const state = { status, version: opts.version, time: new Date().toISOString(), components };
      if (status !== 'down') return reply.status(200).send(state);
      // An error answer is problem details like every other; monitoring still sees the 503.
      const down = names.filter((n) => components[n]!.status === 'down');
      return sendProblem(reply, request, { status: 503, title: 'Service Unavailable', detail: `Not answering: ${down.join(', ')}`, health: state });
    },
  );
};

export default health;
