/**
 * Authentication and role checks. A route states who may call it in `config.roles`; routes
 * without it are public (open data). The bearer token's tenant scopes every query; anonymous
 * callers read the installation's default tenant (or `?tenant=`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem } from '../problem.ts';
import type { Principal, Role, TokenVerifier } from './tokens.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed to call the route; absent: public. */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The tenant this request reads or writes. */
    tenantId: string;
  }
}

export interface AuthOptions {
  verifier: TokenVerifier;
  defaultTenant: string;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m?.[1];
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpProblem(401, 'Unauthorized', 'A bearer token is required');
  return request.principal;
}

/** Installs the hooks on the given scope (not a plugin: it must apply to its sibling routes). */
export function installAuth(app: FastifyInstance, opts: AuthOptions): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('tenantId', '');
  app.addHook('onRequest', async (request, reply) => {
    const roles = request.routeOptions.config?.roles;
    const token = bearerToken(request);
    const principal = token ? await opts.verifier.verify(token) : null;
    if (token && !principal) {
      reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new HttpProblem(401, 'Unauthorized', 'The bearer token is unknown or revoked');
    }
    request.principal = principal;
    const asked = (request.query as Record<string, unknown> | undefined)?.tenant;
    request.tenantId = principal?.tenantId ?? (typeof asked === 'string' && asked ? asked : opts.defaultTenant);
    if (!roles) return;
    if (!principal) {
      reply.header('WWW-Authenticate', 'Bearer');
      throw new HttpProblem(401, 'Unauthorized', 'A bearer token is required');
    }
    if (!roles.includes(principal.role)) {
      throw new HttpProblem(403, 'Forbidden', `The ${principal.role} role may not ${request.method} ${request.routeOptions.url}`);
    }
  });
}
