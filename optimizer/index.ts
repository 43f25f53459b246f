// Public surface of the optimizer folder. Each part adds its own exports; keep the others'.

// Routing providers (OSRM, built-in road router, straight line) behind one interface.
export * from './routing/index.ts';
