/**
 * Prometheus metrics on the prom-client default registry: process defaults plus request
 * durations per route and status. Served at GET /metrics (outside /v1: it is for operators).
 */
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';

let httpDuration: client.Histogram<'method' | 'route' | 'status'> | undefined;

function metrics() {
  if (!httpDuration) {
    client.collectDefaultMetrics();
    httpDuration = new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    });
  }
  return httpDuration;
}

export function installMetrics(app: FastifyInstance): void {
  const histogram = metrics();
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    histogram.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(client.register.contentType);
    return client.register.metrics();
  });
}
