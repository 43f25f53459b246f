/**
 * Logs dead letters once per reason and interval: the first of each reason with its detail, then
 * how many more came in the interval, so a broken device cannot flood the log.
 */
import type { Logger } from '../../platform/logger.ts';
import type { DeadLetter } from './prepare-batch.ts';

export function createDeadLetterLog(logger: Logger, intervalMs = 60_000, now = () => Date.now()) {
  const windows = new Map<string, { startedAtMs: number; suppressed: number }>();
  return function log(letter: DeadLetter): void {
    const t = now();
    const w = windows.get(letter.reason);
    if (w && t - w.startedAtMs < intervalMs) {
      w.suppressed++;
      return;
    }
    logger.warn({ reason: letter.reason, detail: letter.detail, topic: letter.topic, tenantId: letter.tenantId,
      suppressedBefore: w?.suppressed ?? 0 }, 'dead letter');
    windows.set(letter.reason, { startedAtMs: t, suppressed: 0 });
  };
}
