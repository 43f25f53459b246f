import pg from 'pg';
import { poolRunner } from '../../platform/db.ts';
import { migrate, type MigrateOptions, type MigrateResult } from './runner.ts';

export { migrate, detectStorageMode, MIGRATIONS } from './runner.ts';
export type { MigrateOptions, MigrateResult } from './runner.ts';
export type { StorageMode, Migration, MigrationContext } from './types.ts';

/** Migrate the database at a URL on one dedicated connection (transactions and the lock need one session). */
export async function migrateDatabase(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await migrate(poolRunner(client), options);
  } finally {
    await client.end();
  }
}
