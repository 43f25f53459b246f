/**
 * Start-up checks for the all-in-one `npm start`: each service the system needs must answer, or
 * the program stops with a message that says how to start it.
 */
import { InputError } from './errors.ts';
import { checkPostgres, checkRedis, type ServiceStatus } from './service-checks.ts';
import { withDatabase } from './db.ts';
import type { Config } from './config.ts';

function hostOf(url: string): string {
  const u = new URL(url);
  return u.host;
}

export class ServiceUnavailableError extends InputError {}

export async function requirePostgres(config: Config): Promise<ServiceStatus> {
  // Connect to the server's maintenance database: ours may not exist yet (it is created next).
  const status = await checkPostgres(withDatabase(config.databaseUrl, 'postgres'));
  if (status.status === 'down') {
    throw new ServiceUnavailableError(
      [
        `PostgreSQL does not answer at ${hostOf(config.databaseUrl)} (DATABASE_URL): ${status.detail}`,
        'Start it, then run `npm start` again:',
        '  on this machine:     pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
        '  with docker compose: docker compose up -d db redis',
        'or point DATABASE_URL at a running server (see .env.example).',
      ].join('\n'),
      [{ name: 'DATABASE_URL', reason: status.detail ?? 'no answer' }],
    );
  }
  return status;
}

export async function requireRedis(config: Config): Promise<ServiceStatus> {
  const status = await checkRedis(config.redisUrl);
  if (status.status === 'down') {
    throw new ServiceUnavailableError(
      [
        `Redis does not answer at ${hostOf(config.redisUrl)} (REDIS_URL): ${status.detail}`,
        'Start it, then run `npm start` again:',
        '  on this machine:     redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
        '  with docker compose: docker compose up -d db redis',
        'or point REDIS_URL at a running server (see .env.example).',
      ].join('\n'),
      [{ name: 'REDIS_URL', reason: status.detail ?? 'no answer' }],
    );
  }
  return status;
}
