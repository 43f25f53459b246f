import { defineConfig } from 'vitest/config';

// Three projects: unit (pure code, no services), integration (the real PostgreSQL, Redis and
// Mosquitto of this machine, each file in its own database / topic prefix / queue prefix) and
// browser (headless Chromium through playwright-core against pages served on localhost).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // FC_SEED=<seed> replays a failing fast-check run (test/helpers/properties.ts keeps such seeds)
          setupFiles: ['test/helpers/fast-check-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // a fresh machine without Chromium: each browser file stops with one line saying how to get it
          setupFiles: ['test/browser/support/require-chromium.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
