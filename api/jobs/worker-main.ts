/**
 * The plan worker as its own process (docker compose service `worker`): `tsx api/jobs/worker-main.ts`.
 * Several may run side by side; each solves WORKER_CONCURRENCY plans at a time in sandboxed children.
 */
import { loadConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { runMain } from '../../platform/main.ts';
import { startPlanWorker } from './plan-worker.ts';
import { createPool } from '../../platform/db.ts';
import { startConfiguredImportWorker } from './import-jobs.ts';

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'worker');
  const worker = await startPlanWorker({ config, logger });
  const pool = createPool(config.databaseUrl, { max: 4 });
  const imports = await startConfiguredImportWorker(config, pool, logger.child({ component: 'import-worker' }));
  return async () => {
    await Promise.all([worker.close(), imports.close()]);
    await pool.end();
  };
});
