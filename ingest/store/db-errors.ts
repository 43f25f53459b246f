/**
 * Which database errors are about the data (retrying the same rows cannot help: isolate the bad
 * row and dead-letter it) and how long to wait before retrying everything else (the database is
 * restarting, the connection was terminated, a deadlock, ...).
 */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  // Class 22 data exception, 23 integrity constraint violation.
  return typeof code === 'string' && /^2[23]/.test(code);
}

/** Exponential backoff with jitter: 100 ms, 200 ms, ... capped at `capMs`. */
export function backoffMs(attempt: number, capMs = 10_000, random = Math.random): number {
  const base = Math.min(capMs, 100 * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.5 + random() / 2));
}
