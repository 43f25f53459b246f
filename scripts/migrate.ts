/** `npm run migrate`: create the database if needed and apply pending migrations (docker compose one-shot). */
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { ensureDatabase } from '../platform/db.ts';
import { requirePostgres } from '../platform/preflight.ts';
import { runMain } from '../platform/main.ts';
import { migrateDatabase, migrationLog } from '../ingest/migrations/index.ts';

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'migrate');
  await requirePostgres(config);
  await ensureDatabase(config.databaseUrl);
  const result = await migrateDatabase(config.databaseUrl, {
    readingsRetentionDays: config.readingsRetentionDays,
    timescaledb: config.timescaledb,
    log: migrationLog(logger),
  });
  logger.info(result, 'migrations done');
  process.exit(0);
});
