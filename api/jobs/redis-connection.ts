/** BullMQ connection options from a redis:// URL (BullMQ opens and closes its own connections). */
import type { ConnectionOptions } from 'bullmq';

export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // Workers and queue events block on Redis; BullMQ requires unlimited retries per request.
    maxRetriesPerRequest: null,
  };
}
