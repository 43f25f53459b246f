/**
 * Prometheus metrics on the prom-client default registry: process defaults plus request
 * durations per route and status. Served at GET /metrics (outside /v1: it is for operators),
 * to the holder of METRICS_TOKEN or, without one, to this machine only (platform/metrics-access.ts).
 */
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { metricsAccess } from '../platform/metrics-access.ts';
import { HttpProblem } from './problem.ts';

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

export function installMetrics(app: FastifyInstance, options: { token?: string } = {}): void {
  const histogram = metrics();
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    histogram.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    // The socket's address, not request.ip: no proxy is trusted to say who is local.
    const access = metricsAccess(options.token, { remoteAddress: request.socket.remoteAddress, headers: request.headers });
    if (!access.allowed) {
      if (access.status === 401) reply.header('WWW-Authenticate', 'Bearer');
      throw new HttpProblem(access.status, access.status === 401 ? 'Unauthorized' : 'Forbidden', access.reason);
    }
    reply.type(client.register.contentType);
    return client.register.metrics();
  });
}
