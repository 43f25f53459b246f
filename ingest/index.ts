/**
 * Public surface of the ingester: start it in-process (`npm start`), its metrics, and the payload
 * contract the simulator and API use. The standalone process is ingest/main.ts.
 */
export { startIngester, INGEST_DEFAULTS } from './ingester.ts';
export type { Ingester, IngesterOptions, IngesterStats } from './ingester.ts';
export { ingestMetrics } from './metrics.ts';
export * from './contracts/index.ts';
export { migrate, migrateDatabase, detectStorageMode, MIGRATIONS } from './migrations/index.ts';
export type { MigrateOptions, MigrateResult, StorageMode } from './migrations/index.ts';
