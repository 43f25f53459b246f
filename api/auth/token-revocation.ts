/**
 * The rule for revoking a token (issue 13 item 13): a revoked token takes every token issued
 * through it along, transitively — whoever held a leaked admin token may have minted tokens with
 * it, and those must not outlive it. For a planned rotation the revoking admin may keep them
 * instead (`issued: 'keep'`): it adopts the revoked token's direct issues, so every live token
 * still descends from a live token (or from the operator's CLI, which issues roots).
 */
import type pg from 'pg';
import { withTransaction } from '../../platform/db.ts';
import { HttpProblem } from '../problem.ts';

export type IssuedTokens = 'revoke' | 'keep';

export interface Revocation {
  /** Tokens revoked along with the asked one (not counting it). */
  revokedAlong: number;
  /** Tokens now issued by the caller instead (issued: 'keep'). */
  adopted: number;
}

/** Every token issued through `$2`, at any depth, within tenant `$1` (the token itself excluded). */
const DESCENDANTS = `
  WITH RECURSIVE issued AS (
    SELECT id FROM api_tokens WHERE tenant_id = $1 AND created_by = $2::text
    UNION
    SELECT t.id FROM api_tokens t JOIN issued i ON t.created_by = i.id::text WHERE t.tenant_id = $1
  )`;

export async function revokeToken(
  pool: pg.Pool,
  input: { tenantId: string; tokenId: string; callerTokenId: string; issued: IssuedTokens },
): Promise<Revocation | null> {
  return withTransaction(pool, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM api_tokens WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [input.tenantId, input.tokenId]);
    if (!rowCount) return null;
    let revocation: Revocation;
    if (input.issued === 'keep') {
      const { rows } = await client.query<{ id: string }>(`${DESCENDANTS} SELECT id FROM issued`, [input.tenantId, input.tokenId]);
      if (input.callerTokenId === input.tokenId || rows.some((r) => r.id === input.callerTokenId)) {
        throw new HttpProblem(409, 'Conflict', 'A token revoked with issued=keep needs a caller outside what it issued, to adopt its tokens', [
          { name: 'querystring.issued', reason: 'the calling token is the revoked one or was issued through it; use issued=revoke or call with another admin token' },
        ]);
      }
      const adopted = await client.query(`UPDATE api_tokens SET created_by = $3 WHERE tenant_id = $1 AND created_by = $2::text AND revoked_at IS NULL`, [input.tenantId, input.tokenId, input.callerTokenId]);
      revocation = { revokedAlong: 0, adopted: adopted.rowCount ?? 0 };
    } else {
      const along = await client.query(
        `${DESCENDANTS} UPDATE api_tokens t SET revoked_at = now(), revoked_via = $2::uuid FROM issued i WHERE t.id = i.id AND t.revoked_at IS NULL`,
        [input.tenantId, input.tokenId],
      );
      revocation = { revokedAlong: along.rowCount ?? 0, adopted: 0 };
    }
    await client.query('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [input.tokenId]);
    return revocation;
  });
}
