/**
 * A bare Prometheus endpoint for processes without an HTTP API (the ingester): GET /metrics on
 * the prom-client default registry, bound to METRICS_HOST (default 127.0.0.1) and guarded by
 * metricsAccess (METRICS_TOKEN).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import client from 'prom-client';
import { metricsAccess } from './metrics-access.ts';

export interface MetricsServerOptions {
  port: number;
  host: string;
  token: string | undefined;
}

export interface MetricsServer {
  /** Where it listens (port 0 picks a free one). */
  readonly address: AddressInfo;
  close(): Promise<void>;
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const access = metricsAccess(opts.token, { remoteAddress: req.socket.remoteAddress, headers: req.headers });
    if (!access.allowed) {
      res.writeHead(access.status, { 'content-type': 'text/plain; charset=utf-8', ...(access.status === 401 ? { 'www-authenticate': 'Bearer' } : {}) }).end(`${access.reason}\n`);
      return;
    }
    client.register.metrics().then((body) => {
      res.writeHead(200, { 'content-type': client.register.contentType }).end(body);
    }, () => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    address: server.address() as AddressInfo,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
