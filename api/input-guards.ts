/**
 * Checks every route gets without asking for them, on path parameters and query strings:
 * - no control characters: PostgreSQL refuses a NUL in text ("invalid byte sequence for encoding
 *   UTF8: 0x00", a 500) and no id, tenant or filter of this API has a use for the others;
 * - numbers are finite: ajv coerces the strings `Infinity` and `1e309` to Infinity and then skips
 *   the type's finiteness and the schema's minimum/maximum, so `?pageSize=1e309` passed validation.
 * Both are refused before any handler or SQL sees them, as a 400 naming the field. A hook on the
 * root instance, so routes added later by any plugin are covered too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem, type InvalidParam } from './problem.ts';

// C0 controls and DEL; a tab or newline in an id is as wrong as a NUL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const REASON = 'must not contain control characters (U+0000–U+001F, U+007F)';

/** The fields of `values` (under `context`, named as the validation errors name them) holding a control character. */
export function controlCharacterParams(context: 'params' | 'querystring', values: unknown): InvalidParam[] {
  if (!values || typeof values !== 'object') return [];
  const found: InvalidParam[] = [];
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    const strings = Array.isArray(value) ? value : [value];
    if (CONTROL.test(key) || strings.some((v) => typeof v === 'string' && CONTROL.test(v))) {
      // The name itself may hold the control character: show it escaped.
      found.push({ name: `${context}.${JSON.stringify(key).slice(1, -1)}`, reason: REASON });
    }
  }
  return found;
}

interface PropertySchemas {
  properties?: Record<string, { type?: string | string[] }>;
}

/** Fields the route's schema types as number or integer whose text is a non-finite number. */
export function nonFiniteNumberParams(context: 'params' | 'querystring', schema: unknown, values: unknown): InvalidParam[] {
  const properties = (schema as PropertySchemas | undefined)?.properties;
  if (!properties || !values || typeof values !== 'object') return [];
  const found: InvalidParam[] = [];
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    const types = [properties[key]?.type ?? []].flat();
    if (!types.includes('number') && !types.includes('integer')) continue;
    const strings = Array.isArray(value) ? value : [value];
    if (strings.some((v) => typeof v === 'string' && Math.abs(Number(v)) === Infinity)) {
      found.push({ name: `${context}.${key}`, reason: 'must be a finite number' });
    }
  }
  return found;
}

function rejectHostileStrings(request: FastifyRequest): void {
  const schema = request.routeOptions.schema;
  const invalid = [
    ...controlCharacterParams('params', request.params),
    ...controlCharacterParams('querystring', request.query),
    ...nonFiniteNumberParams('params', schema?.params, request.params),
    ...nonFiniteNumberParams('querystring', schema?.querystring, request.query),
  ];
  if (invalid.length) throw new HttpProblem(400, 'Bad Request', 'The request has invalid parameters', invalid);
}

export function installInputGuards(app: FastifyInstance): void {
  // onRequest: before authentication (which reads ?tenant=) and before validation and handlers.
  app.addHook('onRequest', async (request) => rejectHostileStrings(request));
}
