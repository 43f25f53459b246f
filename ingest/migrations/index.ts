import pg from 'pg';
import { poolRunner } from '../../platform/db.ts';
import { migrate, type MigrateOptions, type MigrateResult } from './runner.ts';
import { updateTimescaleExtension, type Session } from './timescale-update.ts';
import type { MigrationLog } from './types.ts';

export { migrate, detectStorageMode, planStorage, MIGRATIONS } from './runner.ts';
export type { MigrateOptions, MigrateResult } from './runner.ts';
export type { StorageMode, Migration, MigrationContext } from './types.ts';
export { TimescaleConfigError, type TimescaleSetting } from './timescale-capabilities.ts';

/** The MigrateOptions.log for a pino logger: warnings at warn level, the rest at info. */
export function migrationLog(logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }): MigrationLog {
  return (msg, data = {}) => (data.level === 'warn' ? logger.warn(data, msg) : logger.info(data, msg));
}

async function openSession(databaseUrl: string): Promise<Session & { client: pg.Client }> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  await client.connect();
  return { ...poolRunner(client), client, close: () => client.end() };
}

/**
 * Migrate the database at a URL on one dedicated connection (transactions and the lock need one
 * session), after bringing the timescaledb extension up to the server's version on a fresh one.
 */
export async function migrateDatabase(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  if (!options.mode) await updateTimescaleExtension(() => openSession(databaseUrl), options.timescaledb, options.log);
  const session = await openSession(databaseUrl);
  try {
    return await migrate(session, options);
  } finally {
    await session.close();
  }
}
