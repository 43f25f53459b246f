/** Who makes a master-data change through the API, for the processing log written with it. */
import type { FastifyRequest } from 'fastify';
import { requirePrincipal } from './auth/install-auth.ts';
import type { Actor } from '../registry/store/change-log.ts';

export function changeActor(request: FastifyRequest): Actor {
  const principal = requirePrincipal(request);
  const header = request.headers['x-purpose'];
  const purpose = typeof header === 'string' && header.trim() ? header.trim().slice(0, 500) : undefined;
  return { actor: principal.tokenId, role: principal.role, purpose, requestId: request.id };
}
