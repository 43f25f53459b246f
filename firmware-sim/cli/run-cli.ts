/**
 * Shared CLI plumbing: parse flags with node:util, run, and map errors to exit codes
 * (InputError 2 with its details, anything else 1), as ARCHITECTURE.md asks.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError, isAppError } from '../../platform/errors.ts';

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(options: T, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ options, args: argv, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw new InputError((err as Error).message, [{ name: 'arguments', reason: (err as Error).message }]);
  }
}

export function numberFlag(value: string | undefined, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new InputError(`--${name}: expected a number ${min}..${max}, got ${value}`, [{ name, reason: `expected ${min}..${max}` }]);
  return n;
}

export function lonLatFlag(value: string | undefined, name: string): [number, number] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map(Number);
  if (parts.length !== 2 || !parts.every(Number.isFinite)) throw new InputError(`--${name}: expected lon,lat`, [{ name, reason: 'expected lon,lat (WGS84)' }]);
  return [parts[0], parts[1]];
}

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (isAppError(err)) {
      process.stderr.write(`${err.name}: ${err.message}\n`);
      for (const d of err.details) process.stderr.write(`  ${d.name}: ${d.reason}\n`);
      process.exit(err.exitCode);
    }
    process.stderr.write(`Internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  }
}
