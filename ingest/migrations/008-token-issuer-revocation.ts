/**
 * Revoking a token takes the tokens issued through it along (api/auth/token-revocation.ts):
 * `revoked_via` names the revoked ancestor that took a token with it, and an index on `created_by`
 * lets the revocation walk the issued tree. Applied to what exists: a token issued (directly or
 * further down) by a token revoked before this migration is revoked now, as the rule says.
 */
import type { Migration } from './types.ts';

export const tokenIssuerRevocation: Migration = {
  version: 8,
  name: 'token revocation follows the issuer',
  transactional: true,
  async up(db) {
    await db.exec(`
ALTER TABLE api_tokens ADD COLUMN IF NOT EXISTS revoked_via uuid;
CREATE INDEX IF NOT EXISTS api_tokens_created_by_idx ON api_tokens (created_by);

WITH RECURSIVE fallen AS (
  SELECT id, id AS root, revoked_at FROM api_tokens WHERE revoked_at IS NOT NULL
  UNION
  SELECT t.id, f.root, f.revoked_at FROM api_tokens t JOIN fallen f ON t.created_by = f.id::text
)
UPDATE api_tokens t SET revoked_at = f.revoked_at, revoked_via = f.root
  FROM fallen f WHERE t.id = f.id AND t.revoked_at IS NULL;
`);
  },
};
