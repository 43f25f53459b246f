/**
 * The operations of the OpenAPI document, so that a rule tested over "every paged endpoint" or
 * "every route with a path parameter" covers a route added later without touching the test.
 */
import type { FastifyInstance } from 'fastify';

export interface ValueSchema { enum?: unknown[]; const?: unknown; default?: unknown; anyOf?: ValueSchema[] }

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: ValueSchema;
}

export interface OpenApiOperation {
  method: string;
  /** OpenAPI path, e.g. /v1/plans/{id} */
  path: string;
  parameters: OpenApiParameter[];
  /** Open data: no security requirement. */
  public: boolean;
}

export async function openApiOperations(app: FastifyInstance): Promise<OpenApiOperation[]> {
  const res = await app.inject('/v1/openapi.json');
  const doc = res.json() as { servers: { url: string }[]; paths: Record<string, Record<string, { parameters?: OpenApiParameter[]; security?: unknown[] }>> };
  // documented paths are relative to the server URL, which ends in the major version (/v1)
  const base = new URL(doc.servers[0]!.url).pathname.replace(/\/$/, '');
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path: `${base}${path === '/' ? '' : path}`, parameters: op.parameters ?? [], public: !op.security?.length })),
  );
}

/** The operation's path with each path parameter replaced (URL-encoded by the caller if needed). */
export function fillPath(op: OpenApiOperation, value: (name: string) => string): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => value(name));
}

export const hasParam = (op: OpenApiOperation, where: OpenApiParameter['in'], name: string) =>
  op.parameters.some((p) => p.in === where && p.name.toLowerCase() === name.toLowerCase());

/** A valid value of a parameter's schema: its first enum value, const or default. */
export const exampleValue = (s: ValueSchema | undefined): unknown => s?.enum?.[0] ?? s?.const ?? s?.default ?? (s?.anyOf ? exampleValue(s.anyOf[0]) : 'x');
