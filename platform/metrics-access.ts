/**
 * Who may read Prometheus metrics (the API's /metrics and the ingester's metrics listener): with
 * METRICS_TOKEN set, whoever sends `Authorization: Bearer <token>` (Prometheus: `authorization:
 * { credentials: … }` in the scrape config); without it, only this machine — a loopback connection
 * that did not come through a reverse proxy (a proxy on the same host makes every caller look
 * local, so forwarding headers count as remote). Metrics name routes, tenants' traffic and
 * process details: never open by default.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type MetricsAccess = { allowed: true } | { allowed: false; status: 401 | 403; reason: string };

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function metricsAccess(token: string | undefined, request: { remoteAddress: string | undefined; headers: IncomingHttpHeaders }): MetricsAccess {
  if (token) {
    const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    // Compared as digests, in constant time: the length of a wrong guess tells nothing either.
    if (m && timingSafeEqual(digest(m[1]!), digest(token))) return { allowed: true };
    return { allowed: false, status: 401, reason: 'metrics need the bearer token configured in METRICS_TOKEN' };
  }
  const proxied = FORWARDING_HEADERS.some((h) => request.headers[h] !== undefined);
  if (isLoopback(request.remoteAddress) && !proxied) return { allowed: true };
  return { allowed: false, status: 403, reason: 'metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere' };
}
