/**
 * ETag / If-Match for master data (RFC 9110 §13.1.1): the ETag of a record is its version, and an
 * update or delete must send the ETag it read. A stale one gets 412 Precondition Failed, a missing
 * one 428 Precondition Required — a dispatcher's edit never silently overwrites another's.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.ts';

export const etagOf = (version: number) => `"${version}"`;

export function setETag(reply: FastifyReply, version: number): void {
  reply.header('ETag', etagOf(version));
}

/**
 * The version the caller read, from `If-Match`. Missing: 428. `*`: any version (undefined).
 * Several tags: only one may be given (a record has one current version).
 */
export function ifMatchVersion(request: FastifyRequest): number | undefined {
  const raw = request.headers['if-match'];
  if (raw === undefined || raw === '') {
    throw new HttpProblem(428, 'Precondition Required', 'Send the ETag you read in If-Match, so a change by someone else is not overwritten', [
      { name: 'headers.if-match', reason: 'required on updates and deletes' },
    ]);
  }
  const value = String(raw).trim();
  if (value === '*') return undefined;
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(value);
  if (!m) throw new HttpProblem(400, 'Bad Request', `If-Match ${value} is not an ETag of this API`, [{ name: 'headers.if-match', reason: 'an ETag such as "3", as sent in the ETag header' }]);
  return Number(m[1]);
}
