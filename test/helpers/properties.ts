/**
 * How the fast-check properties run: first every seed that once failed (kept below as
 * regression cases, replayed deterministically), then a fresh random run whose seed fast-check
 * prints with the counterexample when it fails. To replay a printed seed:
 * `FC_SEED=<seed> npx vitest run <file>`; to keep it, add it to REGRESSION_SEEDS.
 */
import fc from 'fast-check';

/** Seeds that found a defect once, per property name. */
export const REGRESSION_SEEDS: Readonly<Record<string, readonly number[]>> = {
  // 2 trucks, 10 jobs over capacity: repair left a truck half empty and dropped a job that fit (fixed by search/refill.ts).
  'served-when-servable': [-130634872],
};

export async function assertProperty<T>(name: string, property: fc.IAsyncProperty<T> | fc.IProperty<T>, numRuns: number): Promise<void> {
  for (const seed of REGRESSION_SEEDS[name] ?? []) await fc.assert(property, { seed, numRuns });
  const fromEnv = process.env.FC_SEED;
  await fc.assert(property, { numRuns, ...(fromEnv ? { seed: Number(fromEnv) } : {}) });
}
