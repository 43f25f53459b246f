/**
 * Errors as application/problem+json (RFC 9457) with the invalid parameters named, as the Dutch
 * API Design Rules ask. Internal errors never leak a message or stack to the client.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../platform/errors.ts';
import { RecordError, type RecordConflict } from '../registry/store/record-errors.ts';

export interface InvalidParam {
  name: string;
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  'invalid-params'?: InvalidParam[];
  [extension: string]: unknown;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly invalidParams?: InvalidParam[],
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string) => new HttpProblem(404, 'Not Found', `${what} does not exist`);

function fromValidation(err: FastifyError): InvalidParam[] {
  const context = (err as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  return (err.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const missing = typeof params?.missingProperty === 'string' ? `/${params.missingProperty}` : '';
    const additional = typeof params?.additionalProperty === 'string' ? `/${params.additionalProperty}` : '';
    const path = `${v.instancePath}${missing}${additional}`.replace(/^\//, '').replace(/\//g, '.');
    return { name: path ? `${context}.${path}` : context, reason: v.message ?? 'is invalid' };
  });
}

export interface ProblemInput {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  'invalid-params'?: InvalidParam[];
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: ProblemInput) {
  const body: Problem = { ...problem, type: problem.type ?? 'about:blank', instance: request.url };
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** Master-data writes refused by the registry store. */
const RECORD_STATUS: Record<RecordConflict, [number, string]> = {
  'not-found': [404, 'Not Found'],
  exists: [409, 'Conflict'],
  'in-use': [409, 'Conflict'],
  stale: [412, 'Precondition Failed'],
  'version-required': [428, 'Precondition Required'],
};

export function problemErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    return sendProblem(reply, request, {
      status: 400,
      title: 'Bad Request',
      detail: 'The request has invalid parameters',
      'invalid-params': fromValidation(error),
    });
  }
  if (error instanceof HttpProblem) {
    return sendProblem(reply, request, {
      status: error.status,
      title: error.title,
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.invalidParams ? { 'invalid-params': error.invalidParams } : {}),
    });
  }
  if (error instanceof RecordError) {
    const [status, title] = RECORD_STATUS[error.conflict];
    return sendProblem(reply, request, { status, title, detail: error.message, ...(error.details.length ? { 'invalid-params': [...error.details] } : {}) });
  }
  if (isAppError(error)) {
    if (error.kind === 'input' || error.kind === 'routing') {
      return sendProblem(reply, request, {
        status: error.kind === 'input' ? 422 : 502,
        title: error.kind === 'input' ? 'Unprocessable Content' : 'Routing Error',
        detail: error.message,
        ...(error.details.length ? { 'invalid-params': [...error.details] } : {}),
      });
    }
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error, url: request.url, method: request.method }, 'internal error');
    return sendProblem(reply, request, { status: 500, title: 'Internal Server Error', detail: 'An unexpected error occurred; it has been logged.' });
  }
  // fastify's own 4xx (bad JSON, payload too large, unsupported media type, rate limit …)
  return sendProblem(reply, request, { status, title: error.name === 'FastifyError' ? 'Bad Request' : error.message, detail: error.message });
}
