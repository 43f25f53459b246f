/**
 * Bearer tokens: 32 random bytes shown once to whoever issues them; only the SHA-256 hash is
 * stored (a high-entropy secret needs no slow password hash). A driver token is bound to a vehicle.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { InputError } from '../../platform/errors.ts';

export type Role = 'admin' | 'dispatcher' | 'driver';
export const ROLES: readonly Role[] = ['admin', 'dispatcher', 'driver'];

export interface Principal {
  tokenId: string;
  tenantId: string;
  role: Role;
  vehicleId: string | null;
}

export interface IssuedToken extends Principal {
  token: string;
  name: string | null;
}

const PREFIX = 'afr_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueToken(
  pool: pg.Pool,
  input: { tenantId: string; role: Role; vehicleId?: string | null; name?: string | null; createdBy?: string | null },
): Promise<IssuedToken> {
  if (!ROLES.includes(input.role)) throw new InputError(`unknown role ${input.role}`, [{ name: 'role', reason: `one of ${ROLES.join(', ')}` }]);
  const vehicleId = input.vehicleId ?? null;
  if (input.role === 'driver' && !vehicleId) throw new InputError('a driver token needs a vehicle', [{ name: 'vehicleId', reason: 'required for the driver role' }]);
  if (input.role !== 'driver' && vehicleId) throw new InputError('only driver tokens are bound to a vehicle', [{ name: 'vehicleId', reason: 'only for the driver role' }]);
  if (vehicleId) {
    const { rowCount } = await pool.query('SELECT 1 FROM vehicles WHERE tenant_id = $1 AND id = $2', [input.tenantId, vehicleId]);
    if (!rowCount) throw new InputError(`vehicle ${vehicleId} does not exist`, [{ name: 'vehicleId', reason: `no vehicle ${vehicleId} in tenant ${input.tenantId}` }]);
  }
  const token = PREFIX + randomBytes(32).toString('base64url');
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO api_tokens (tenant_id, token_hash, role, vehicle_id, name, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [input.tenantId, hashToken(token), input.role, vehicleId, input.name ?? null, input.createdBy ?? null],
  );
  return { token, tokenId: rows[0]!.id, tenantId: input.tenantId, role: input.role, vehicleId, name: input.name ?? null };
}

/**
 * Looks tokens up by hash with a short in-memory cache, so a busy driver route does not cost a
 * query per request. A revoked token stops working within `ttlMs` (default 10 s) on every process.
 */
export class TokenVerifier {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();
  constructor(private readonly pool: pg.Pool, private readonly ttlMs = 10_000) {}

  async verify(token: string): Promise<Principal | null> {
    const hash = hashToken(token);
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.principal;
    const { rows } = await this.pool.query<{ id: string; tenant_id: string; role: Role; vehicle_id: string | null }>(
      'SELECT id, tenant_id, role, vehicle_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    const r = rows[0];
    const principal = r ? { tokenId: r.id, tenantId: r.tenant_id, role: r.role, vehicleId: r.vehicle_id } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until: now + this.ttlMs });
    return principal;
  }

  forget(): void {
    this.cache.clear();
  }
}

/** Dispatchers and admins see the whole tenant; drivers only their own route. */
export const STAFF: readonly Role[] = ['admin', 'dispatcher'];
