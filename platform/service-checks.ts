/**
 * Reachability checks for the services the system needs, used at start-up (to refuse to start
 * with a clear message) and by GET /v1/health.
 */
import net from 'node:net';
import pg from 'pg';
import { Redis } from 'ioredis';

export interface ServiceStatus {
  status: 'up' | 'down';
  latencyMs?: number;
  detail?: string;
}

async function timed(fn: () => Promise<string | undefined>): Promise<ServiceStatus> {
  const t0 = performance.now();
  try {
    const detail = await fn();
    return { status: 'up', latencyMs: Math.round((performance.now() - t0) * 10) / 10, ...(detail ? { detail } : {}) };
  } catch (err) {
    return { status: 'down', detail: (err as Error).message || String(err) };
  }
}

export function checkPostgres(databaseUrl: string, timeoutMs = 3000): Promise<ServiceStatus> {
  return timed(async () => {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
    client.on('error', () => {});
    try {
      await client.connect();
      const { rows } = await client.query<{ v: string }>('SHOW server_version');
      return `PostgreSQL ${rows[0]?.v}`;
    } finally {
      await client.end().catch(() => {});
    }
  });
}

export function checkPool(pool: pg.Pool): Promise<ServiceStatus> {
  return timed(async () => {
    await pool.query('SELECT 1');
    return undefined;
  });
}

export function checkRedis(redisUrl: string, timeoutMs = 3000): Promise<ServiceStatus> {
  return timed(async () => {
    const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => {});
    try {
      await redis.connect();
      const pong = await redis.ping();
      if (pong !== 'PONG') throw new Error(`unexpected PING answer ${pong}`);
      return undefined;
    } finally {
      redis.disconnect();
    }
  });
}

/** TCP reachability of an MQTT broker (a full CONNECT is the ingester's job). */
export function checkTcp(urlString: string, defaultPort: number, timeoutMs = 2000): Promise<ServiceStatus> {
  return timed(
    () =>
      new Promise<undefined>((resolve, reject) => {
        const u = new URL(urlString);
        const socket = net.connect({ host: u.hostname, port: Number(u.port || defaultPort) });
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error(`no answer from ${u.host} within ${timeoutMs} ms`));
        }, timeoutMs);
        socket.once('connect', () => {
          clearTimeout(timer);
          socket.end();
          resolve(undefined);
        });
        socket.once('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      }),
  );
}
