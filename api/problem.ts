/**
 * Errors as application/problem+json (RFC 9457) with the invalid parameters named, as the Dutch
 * API Design Rules ask: `status`, `title` and `detail` always, `type` and `instance` beside them,
 * and the fields at fault in the extension member `invalid-params` (RFC 9457 §3.2). Internal
 * errors never leak a message or stack to the client. fastify's own errors (bad URL, parameter
 * too long, headers too large, unparsable body) take the same shape.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
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
  detail: string;
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

/** The standard reason phrase of a status ("Bad Request"), the title of a problem without one of its own. */
export const statusTitle = (status: number): string => STATUS_CODES[status] ?? 'Error';

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
  title?: string;
  status: number;
  detail?: string;
  'invalid-params'?: InvalidParam[];
  [extension: string]: unknown;
}

/** The body of a problem: the title defaults to the status's reason phrase, the detail to the title. */
export function problemBody(problem: ProblemInput, instance?: string): Problem {
  const title = problem.title ?? statusTitle(problem.status);
  return { ...problem, type: problem.type ?? 'about:blank', title, detail: problem.detail ?? title, ...(instance ? { instance } : {}) };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: ProblemInput) {
  const body = problemBody(problem, request.url);
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** fastify's request errors before or while reading the body, by code: which part of the request is at fault. */
const REQUEST_PART: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'body',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'content-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'content-length',
  FST_ERR_CTP_EMPTY_TYPE: 'content-type',
  FST_ERR_CTP_INVALID_TYPE: 'content-type',
  FST_ERR_BAD_URL: 'path',
  FST_ERR_MAX_PARAM_LENGTH: 'path',
};

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
  return sendProblem(reply, request, fastifyProblem(error, status));
}

/** fastify's own 4xx (bad JSON, empty body, payload too large, unsupported media type, bad URL …), naming the part at fault. */
function fastifyProblem(error: FastifyError, status: number): ProblemInput {
  const part = error.code ? REQUEST_PART[error.code] : undefined;
  return {
    status,
    detail: error.message,
    ...(part ? { 'invalid-params': [{ name: part, reason: error.message }] } : {}),
  };
}

/** fastify's `frameworkErrors`: a URL it cannot route (bad percent-encoding, a parameter too long). */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return sendProblem(reply, request, fastifyProblem(error, status));
}

/**
 * fastify's `clientErrorHandler`: errors of the HTTP parser before a request exists (headers too
 * large, a malformed request line, a timeout). Only the raw socket is there, so the problem is
 * written by hand, and the connection closed as Node does.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, part, detail] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers', 'The request headers are larger than the server accepts']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request', 'The request was not received in time']
        : [400, 'request', 'The request is not valid HTTP'];
  const body = JSON.stringify(problemBody({ status, detail, 'invalid-params': [{ name: part, reason: detail }] }));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${statusTitle(status)}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
