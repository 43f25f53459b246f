/**
 * The plan worker as its own process (docker compose service `worker`): `tsx api/jobs/worker-main.ts`.
 * Several may run side by side; each solves WORKER_CONCURRENCY plans at a time in sandboxed children.
 */
import { loadConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { runMain } from '../../platform/main.ts';
import { startPlanWorker } from './plan-worker.ts';

await runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'worker');
  const worker = await startPlanWorker({ config, logger });
  return () => worker.close();
});
