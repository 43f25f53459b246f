// Public surface of the test support code: harness helpers (fresh database, random MQTT / BullMQ
// prefixes, PGlite TimescaleDB, process spawning) and the independent solution checker that the
// optimizer benchmark uses (it shares no evaluation code with the solver).
export * from './helpers/index.ts';
export { independentCheck } from './checker/checker.ts';
export type { CheckedRoute, IndependentCheck } from './checker/checker.ts';
