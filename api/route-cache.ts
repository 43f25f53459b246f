/**
 * Short-lived cache of drivers' serialized routes. A depot's tablets poll their route often; the
 * route changes only when the driver reports a stop or a dispatcher changes the plan, and those
 * writes clear the tenant's entries in this process at once. Other API processes see a change
 * within `ttlMs`. Concurrent misses share one load (no stampede at expiry).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface CachedRoute {
  routeId: string | null;
  /** JSON body, or null when the vehicle has no dispatched route that day. */
  body: string | null;
  /** The body gzipped once per cache period (a route with its geometry shrinks about five-fold). */
  gzip: Buffer | null;
  etag: string | null;
}

export class RouteCache {
  private readonly entries = new Map<string, { value: Promise<CachedRoute>; until: number }>();
  constructor(private readonly ttlMs = 2000) {}

  get(tenantId: string, key: string, load: () => Promise<{ routeId: string; body: string } | null>): Promise<CachedRoute> {
    const full = `${tenantId}\u0000${key}`;
    const now = Date.now();
    const hit = this.entries.get(full);
    if (hit && hit.until > now) return hit.value;
    const value = load().then((r) =>
      r
        ? { routeId: r.routeId, body: r.body, gzip: gzipSync(r.body, { level: 6 }), etag: `"${createHash('sha1').update(r.body).digest('base64url')}"` }
        : { routeId: null, body: null, gzip: null, etag: null },
    );
    this.entries.set(full, { value, until: now + this.ttlMs });
    // A failed load must not be served from the cache.
    value.catch(() => this.entries.delete(full));
    if (this.entries.size > 5000) this.prune(now);
    return value;
  }

  /** After any write that may change a route of the tenant. */
  invalidate(tenantId: string): void {
    const start = `${tenantId}\u0000`;
    for (const key of this.entries.keys()) if (key.startsWith(start)) this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [key, e] of this.entries) if (e.until <= now) this.entries.delete(key);
  }
}
