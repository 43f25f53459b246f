/**
 * The answer when the plan queue (Redis) does not answer: 503 problem+json with Retry-After, so a
 * client learns at once instead of timing out, and knows when to try again.
 */
import type { FastifyReply } from 'fastify';
import { QueueUnavailable } from './jobs/plan-jobs.ts';
import { HttpProblem } from './problem.ts';

export function queueUnavailableProblem(reply: FastifyReply, err: QueueUnavailable, detail: string): HttpProblem {
  reply.header('Retry-After', String(err.retryAfterS));
  return new HttpProblem(503, 'Service Unavailable', `${detail}: the plan queue does not answer; try again in ${err.retryAfterS} s`);
}

export { QueueUnavailable };
