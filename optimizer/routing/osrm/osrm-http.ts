import { RoutingError } from '../../../platform/errors.ts';

/**
 * One GET against osrm-routed with a per-attempt timeout and bounded retries. Only failures that
 * another attempt can cure are retried: network errors, timeouts and 5xx. A 4xx carries an OSRM
 * error code and is returned to the caller to map (retrying a NoSegment gives a NoSegment).
 */
export interface OsrmHttpOptions {
  readonly timeoutMs: number;
  /** Extra attempts after the first (0 = no retry). */
  readonly retries: number;
  /** Delay before retry k is backoffMs · 2^(k-1), with ±25 % jitter. */
  readonly backoffMs: number;
  readonly signal?: AbortSignal;
}

export interface OsrmHttpResponse {
  readonly status: number;
  readonly body: unknown;
}

class RetryableFailure extends Error {}

export async function getOsrmJson(url: string, options: OsrmHttpOptions): Promise<OsrmHttpResponse> {
  let lastReason = '';
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep(backoffDelay(options.backoffMs, attempt), options.signal);
    try {
      return await attemptOnce(url, options);
    } catch (err) {
      if (!(err instanceof RetryableFailure)) throw err;
      lastReason = err.message;
    }
  }
  const attempts = options.retries + 1;
  throw new RoutingError(`OSRM did not answer after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}: ${lastReason}`, [
    { name: 'osrm', reason: `${lastReason} (${redactPath(url)})` },
  ]);
}

async function attemptOnce(url: string, options: OsrmHttpOptions): Promise<OsrmHttpResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (err) {
    if (options.signal?.aborted) throw abortedError(options.signal);
    if (timeout.aborted) throw new RetryableFailure(`timed out after ${options.timeoutMs} ms`);
    throw new RetryableFailure(`network error: ${describe(err)}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    if (options.signal?.aborted) throw abortedError(options.signal);
    if (timeout.aborted) throw new RetryableFailure(`timed out after ${options.timeoutMs} ms reading the body`);
    throw new RetryableFailure(`network error reading the body: ${describe(err)}`);
  }
  if (response.status >= 500) throw new RetryableFailure(`HTTP ${response.status}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RoutingError(`OSRM answered HTTP ${response.status} with a body that is not JSON`, [
      { name: 'osrm', reason: `unexpected body: ${text.slice(0, 120)}` },
    ]);
  }
  return { status: response.status, body };
}

function backoffDelay(baseMs: number, attempt: number): number {
  const delay = baseMs * 2 ** (attempt - 1);
  return delay * (0.75 + Math.random() * 0.5);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortedError(signal: AbortSignal): RoutingError {
  return new RoutingError('routing request cancelled by the caller', [{ name: 'osrm', reason: 'cancelled' }], {
    cause: signal.reason,
  });
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
  }
  return String(err);
}

/** Long table URLs would flood logs and error details: keep service and the first characters. */
function redactPath(url: string): string {
  return url.length > 160 ? `${url.slice(0, 160)}…` : url;
}
