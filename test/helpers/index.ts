export * from './database.ts';
export * from './isolation.ts';
export * from './pglite-timescale.ts';
export * from './processes.ts';
export * from './redis-server.ts';
