/**
 * fetch with the bearer token and the API's error format: an answer that is not 2xx becomes an
 * ApiError carrying the problem+json body (title, detail, invalid-params); a request that never
 * reached the server becomes a NetworkError, so callers can tell "offline" from "refused".
 */

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {{ title?: string, detail?: string, 'invalid-params'?: { name: string, reason: string }[] }} problem
   */
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** A short text for a person: the detail and every invalid parameter. */
  describe() {
    const params = (this.problem['invalid-params'] ?? []).map((p) => `${p.name}: ${p.reason}`);
    return [this.message, ...params].join(' — ');
  }
}

export class NetworkError extends Error {
  /** @param {unknown} cause */
  constructor(cause) {
    super('De server is niet bereikbaar');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

/**
 * @typedef {{ method?: string, body?: unknown, accept?: string, signal?: AbortSignal, headers?: Record<string, string> }} RequestOptions
 *   a FormData body goes as multipart/form-data (file uploads), anything else as JSON; `headers`
 *   adds request headers such as If-Match
 * @typedef {{ request: (path: string, opts?: RequestOptions) => Promise<any>, raw: (path: string, opts?: RequestOptions) => Promise<Response> }} Api
 */

/**
 * @param {{ getToken: () => string | null, baseUrl?: string, fetchImpl?: typeof fetch }} options
 * @returns {Api}
 */
export function createApi({ getToken, baseUrl = '', fetchImpl = (input, init) => fetch(input, init) }) {
  /** @param {string} path @param {RequestOptions} [opts] */
  async function raw(path, opts = {}) {
    const headers = new Headers({ Accept: opts.accept ?? 'application/json' });
    const token = getToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(opts.headers ?? {})) headers.set(name, value);
    const form = typeof FormData !== 'undefined' && opts.body instanceof FormData;
    // multipart: the browser writes the Content-Type with its boundary
    if (opts.body !== undefined && !form) headers.set('Content-Type', 'application/json');
    let response;
    try {
      response = await fetchImpl(baseUrl + path, {
        method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
        headers,
        body: opts.body === undefined ? undefined : form ? /** @type {FormData} */ (opts.body) : JSON.stringify(opts.body),
        signal: opts.signal,
        // revalidate (ETag) rather than bypass: an unchanged route costs a 304, not a new body
        cache: 'no-cache',
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new NetworkError(err);
    }
    if (!response.ok) {
      /** @type {any} */
      let problem = { title: response.statusText };
      try {
        problem = await response.json();
      } catch {
        // not JSON (a proxy's error page): keep the status text
      }
      throw new ApiError(response.status, problem);
    }
    return response;
  }

  return {
    raw,
    async request(path, opts) {
      const response = await raw(path, opts);
      if (response.status === 204) return null;
      return response.json();
    },
  };
}

/**
 * One line for a person about any error: the problem's detail and invalid parameters when the
 * API answered, else the message.
 * @param {unknown} err
 */
export function describeError(err) {
  if (err instanceof ApiError) return err.describe();
  return err instanceof Error ? err.message : String(err);
}
