/** The database of a registry command: created and migrated when needed (a first command on an empty installation works). */
import type pg from 'pg';
import type { Config } from '../../platform/config.ts';
import { createPool, ensureDatabase } from '../../platform/db.ts';
import { migrateDatabase } from '../../ingest/migrations/index.ts';

export async function openDatabase(config: Config): Promise<pg.Pool> {
  await ensureDatabase(config.databaseUrl);
  await migrateDatabase(config.databaseUrl, { readingsRetentionDays: config.readingsRetentionDays });
  return createPool(config.databaseUrl, { max: 4 });
}
