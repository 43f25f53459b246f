/**
 * Process entry helper: runs a start function, maps errors to the exit codes of ARCHITECTURE.md
 * (input 2, routing 3, internal 1) with a readable message instead of a stack trace for the
 * errors a person can fix, and stops cleanly on SIGINT / SIGTERM.
 */
import { isAppError } from './errors.ts';

export type Stop = () => Promise<void>;

export function reportFatal(err: unknown): number {
  if (isAppError(err) && err.kind !== 'internal') {
    process.stderr.write(`\n${err.message}\n\n`);
    return err.exitCode;
  }
  process.stderr.write(`\nInternal error (a bug, please report it):\n${(err as Error)?.stack ?? String(err)}\n`);
  return 1;
}

export async function runMain(start: () => Promise<Stop | void>): Promise<void> {
  let stop: Stop | void;
  try {
    stop = await start();
  } catch (err) {
    process.exitCode = reportFatal(err);
    // Open handles (pools, sockets) must not keep a failed start alive.
    setTimeout(() => process.exit(process.exitCode), 100).unref();
    return;
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal} received, stopping…\n`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      if (stop) await stop();
      process.exit(0);
    } catch (err) {
      process.exit(reportFatal(err));
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
