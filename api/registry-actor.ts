/** The actor of an API change for the registry's change log: the token, its role, the purpose stated in X-Purpose. */
import type { FastifyRequest } from 'fastify';
import { requirePrincipal } from './auth/install-auth.ts';
import type { Actor } from '../registry/store/change-log.ts';

export function requestActor(request: FastifyRequest): Actor {
  const principal = requirePrincipal(request);
  const header = request.headers['x-purpose'];
  const purpose = typeof header === 'string' && header.trim() ? header.trim().slice(0, 500) : undefined;
  return { actor: principal.tokenId, role: principal.role, requestId: request.id, ...(purpose ? { purpose } : {}) };
}
