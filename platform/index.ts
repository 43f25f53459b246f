// Public surface of the platform layer shared by every process.
export { loadConfig, CONFIG_VARS, ConfigError } from './config.ts';
export type { Config, LogLevel } from './config.ts';
export { createLogger } from './logger.ts';
export type { Logger } from './logger.ts';
export { createPool, poolRunner, ensureDatabase, databaseName, withDatabase, withTransaction, quoteIdent } from './db.ts';
export type { SqlRunner } from './db.ts';
export { AppError, InputError, RoutingError, InternalError, isAppError } from './errors.ts';
export type { ErrorKind, ErrorDetail } from './errors.ts';
export { checkPostgres, checkPool, checkRedis, checkTcp } from './service-checks.ts';
export type { ServiceStatus } from './service-checks.ts';
export { requirePostgres, requireRedis, ServiceUnavailableError } from './preflight.ts';
export { startEmbeddedBroker } from './embedded-broker.ts';
export type { EmbeddedBroker } from './embedded-broker.ts';
export { runMain, reportFatal } from './main.ts';
export type { Stop } from './main.ts';
export { LocalClock } from './local-clock.ts';
