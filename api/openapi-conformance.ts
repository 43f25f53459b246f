/**
 * Makes every route conform to the Dutch API Design Rules without work in the route itself:
 * - an `onRoute` hook documents the problem responses (4xx/5xx as application/problem+json), a 400
 *   wherever the route takes input, a 500 everywhere, and the `API-Version` header on every 2xx/3xx;
 * - an `onSend` hook sends that header on every answer;
 * - `documentTransforms` turn fastify's routes into a document the rules accept: paths relative to
 *   the absolute `servers` URL that carries the major version, and tuples (TypeBox `Type.Tuple`,
 *   e.g. [lon, lat]) as valid OpenAPI 3.0 arrays.
 * The rules are checked on the whole generated document by api/adr-ruleset.yaml (test:
 * test/unit/api/adr-conformance.test.ts), so a route added anywhere is covered.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { Type } from '@sinclair/typebox';
import { statusTitle } from './problem.ts';
import { ProblemDetails } from './schemas/common.ts';
import { API_VERSION } from './version.ts';

/** The prefix of every versioned route; the `servers` URL carries it, the documented paths do not. */
export const API_BASE_PATH = '/v1';

export const API_VERSION_HEADERS = {
  'API-Version': { type: 'string', description: 'The full version of the API (semantic versioning); the major version is in the path' },
} as const;

/** A response documented as application/problem+json (the response-schema helper for 4xx/5xx). */
export function problemResponse(status: number, description = statusTitle(status)) {
  return { description, content: { 'application/problem+json': { schema: Type.Ref(ProblemDetails) } } };
}

type ResponseEntry = Record<string, unknown>;

const isError = (code: string) => /^[45]/.test(code);
const isSuccess = (code: string) => /^[23]/.test(code);

function asProblem(code: string, entry: ResponseEntry | undefined): ResponseEntry {
  if (entry && typeof entry.content === 'object' && entry.content && 'application/problem+json' in entry.content) return entry;
  const status = Number(code) || 500;
  return problemResponse(status, typeof entry?.description === 'string' ? entry.description : statusTitle(status));
}

function withVersionHeader(entry: ResponseEntry): ResponseEntry {
  const headers = { ...(entry.headers as object | undefined), ...API_VERSION_HEADERS };
  // A shared schema (with $id) is referred to, not copied: a copy would clash with its id.
  if (typeof entry.$id === 'string') return { $ref: entry.$id, headers, ...(entry.description ? { description: entry.description } : {}) };
  return { ...entry, headers };
}

/** The documented responses of one route, made to conform (pure; exported for the tests). */
export function conformResponses(schema: NonNullable<RouteOptions['schema']>, methods: readonly string[]): Record<string, ResponseEntry> {
  const given = (schema.response ?? {}) as Record<string, ResponseEntry>;
  const out: Record<string, ResponseEntry> = {};
  for (const [code, entry] of Object.entries(given)) {
    out[code] = isError(code) ? asProblem(code, entry) : isSuccess(code) ? withVersionHeader(entry) : entry;
  }
  const takesInput =
    !!(schema.params || schema.querystring || schema.body || schema.headers) || methods.some((m) => ['POST', 'PUT', 'PATCH'].includes(m));
  if (takesInput && !out['400']) out['400'] = problemResponse(400);
  if (!out['500']) out['500'] = problemResponse(500);
  return out;
}

/** Install the hooks; call before any route is registered. */
export function installApiConformance(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(API_BASE_PATH) || !route.schema || route.schema.hide) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    route.schema = { ...route.schema, response: conformResponses(route.schema, methods) };
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('API-Version', API_VERSION);
  });
}

/** Per-route document transform of @fastify/swagger: paths relative to the `servers` URL. */
export function relativeToServer<T extends { url: string }>(route: T): T {
  return { ...route, url: route.url === API_BASE_PATH ? '/' : route.url.startsWith(`${API_BASE_PATH}/`) ? route.url.slice(API_BASE_PATH.length) : route.url };
}

/**
 * Whole-document transform from the JSON Schema TypeBox writes to OpenAPI 3.0's dialect:
 * - tuples are draft-07 `items: [a, b]`, which OpenAPI 3.0 does not allow: the array keeps its
 *   length (minItems/maxItems) and each element's schema becomes one of the allowed ones;
 * - `exclusiveMinimum: 0` (a number, draft 6+) is `minimum: 0, exclusiveMinimum: true` in 3.0.
 */
export function tuplesAsArrays<T>(document: T): T {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = visit(value);
    if (Array.isArray(out.items)) {
      const items = out.items as unknown[];
      const distinct = items.filter((s, i) => items.findIndex((t) => JSON.stringify(t) === JSON.stringify(s)) === i);
      out.items = distinct.length === 1 ? distinct[0] : { anyOf: distinct };
      out.minItems ??= items.length;
      if (out.additionalItems === false) out.maxItems ??= items.length;
      delete out.additionalItems;
    }
    for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      if (typeof out[exclusive] !== 'number') continue;
      // both given: the stricter bound wins
      const limit = out[exclusive] as number;
      const other = out[bound] as number | undefined;
      const stricter = other === undefined || (bound === 'minimum' ? limit >= other : limit <= other);
      if (stricter) {
        out[bound] = limit;
        out[exclusive] = true;
      } else delete out[exclusive];
    }
    return out;
  };
  return visit(document) as T;
}
