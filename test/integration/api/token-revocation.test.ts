/**
 * The revocation rule: revoking a token revokes every token issued through it, at any depth;
 * `issued=keep` lets the revoking admin adopt them instead (rotation). Two tenants: one tenant's
 * revocation never touches the other's tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenIssuerRevocation } from '../../../ingest/migrations/008-token-issuer-revocation.ts';
import { poolRunner } from '../../../platform/db.ts';
import { randomTenant } from '../../helpers/index.ts';
import { bearer, seedMunicipality, type Seeded } from './fixtures.ts';
import { startSeededApp, type SeededApp } from './seeded-app.ts';

describe('revoking a token revokes what it issued', () => {
  let s: SeededApp;
  let other: Seeded;
  beforeAll(async () => {
    s = await startSeededApp();
    other = await seedMunicipality(s.db.pool, randomTenant(), 2);
  });
  afterAll(async () => s?.close());

  const issue = async (by: string, payload: Record<string, unknown>) => {
    const res = await s.app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: bearer(by), payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; token: string };
  };
  const works = async (token: string) => (await s.app.inject({ url: '/v1/plans', headers: bearer(token) })).statusCode !== 401;
  const driverWorks = async (token: string) => (await s.app.inject({ url: '/v1/driver/route', headers: bearer(token) })).statusCode !== 401;
  const revoke = (by: string, id: string, query = '') => s.app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${id}${query}`, headers: bearer(by) });
  const listed = async (by: string) => (await s.app.inject({ url: '/v1/admin/tokens?pageSize=1000', headers: bearer(by) })).json().items as { id: string; revokedAt: string | null; revokedVia: string | null; issuedBy: string | null }[];

  it('revokes the issued tokens transitively, and nothing in another tenant', async () => {
    const a = await issue(s.seed.tokens.admin, { role: 'admin', name: 'A' });
    const b = await issue(a.token, { role: 'admin', name: 'B (issued by A)' });
    const d = await issue(a.token, { role: 'driver', vehicleId: 'v1', name: 'tablet (issued by A)' });
    const x = await issue(b.token, { role: 'dispatcher', name: 'X (issued by B)' });
    const sibling = await issue(s.seed.tokens.admin, { role: 'dispatcher', name: 'issued by the root admin' });
    const elsewhere = await s.app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: bearer(other.tokens.admin), payload: { role: 'dispatcher' } });
    expect([await works(b.token), await driverWorks(d.token), await works(x.token)]).toEqual([true, true, true]);

    // Another tenant's admin cannot reach this tenant's token.
    expect((await s.app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${a.id}`, headers: bearer(other.tokens.admin) })).statusCode).toBe(404);
    expect(await works(a.token)).toBe(true);

    expect((await revoke(s.seed.tokens.admin, a.id)).statusCode).toBe(204);
    expect([await works(a.token), await works(b.token), await driverWorks(d.token), await works(x.token)]).toEqual([false, false, false, false]);
    expect(await works(sibling.token)).toBe(true);
    expect(await works(s.seed.tokens.admin)).toBe(true);
    expect(await works(other.tokens.dispatcher)).toBe(true);
    expect(await works(elsewhere.json().token)).toBe(true);

    const items = await listed(s.seed.tokens.admin);
    for (const t of [b, d, x]) expect(items.find((i) => i.id === t.id)).toMatchObject({ revokedVia: a.id, revokedAt: expect.any(String) });
    expect(items.find((i) => i.id === x.id)!.issuedBy).toBe(b.id);
    expect(items.find((i) => i.id === a.id)).toMatchObject({ revokedVia: null, revokedAt: expect.any(String) });
  });

  it('keeps the issued tokens with issued=keep: the caller adopts them (rotation)', async () => {
    const old = await issue(s.seed.tokens.admin, { role: 'admin', name: 'old admin' });
    const tablet = await issue(old.token, { role: 'driver', vehicleId: 'v2' });
    const grandchild = await issue((await issue(old.token, { role: 'admin' })).token, { role: 'dispatcher' });
    const fresh = await issue(s.seed.tokens.admin, { role: 'admin', name: 'new admin' });
    expect((await revoke(fresh.token, old.id, '?issued=keep')).statusCode).toBe(204);
    expect(await works(old.token)).toBe(false);
    expect(await driverWorks(tablet.token)).toBe(true);
    expect(await works(grandchild.token)).toBe(true);
    const items = await listed(fresh.token);
    expect(items.find((i) => i.id === tablet.id)!.issuedBy).toBe(fresh.id);
    // Revoking the adopter now takes the adopted tokens along.
    expect((await revoke(s.seed.tokens.admin, fresh.id)).statusCode).toBe(204);
    expect([await driverWorks(tablet.token), await works(grandchild.token)]).toEqual([false, false]);
  });

  it('refuses issued=keep from the revoked token itself or one it issued (nobody alive would adopt them)', async () => {
    const a = await issue(s.seed.tokens.admin, { role: 'admin' });
    const child = await issue(a.token, { role: 'admin' });
    for (const caller of [a.token, child.token]) {
      const res = await revoke(caller, a.id, '?issued=keep');
      expect(res.statusCode).toBe(409);
      expect(res.json()['invalid-params'][0].name).toBe('querystring.issued');
    }
    expect(await works(a.token)).toBe(true);
    // An admin may revoke itself; what it issued goes too.
    expect((await revoke(a.token, a.id)).statusCode).toBe(204);
    expect([await works(a.token), await works(child.token)]).toEqual([false, false]);
  });

  it('migration 8 applies the rule to tokens whose issuer was revoked before it', async () => {
    const a = await issue(s.seed.tokens.admin, { role: 'admin' });
    const child = await issue(a.token, { role: 'dispatcher' });
    const otherChild = await s.app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: bearer(other.tokens.admin), payload: { role: 'dispatcher' } });
    // As the old DELETE did: only the token itself.
    await s.db.pool.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [a.id]);
    const client = await s.db.pool.connect();
    try {
      await tokenIssuerRevocation.up(poolRunner(client), { mode: 'postgresql', readingsRetentionDays: 730 });
    } finally {
      client.release();
    }
    const { rows } = await s.db.pool.query('SELECT revoked_at IS NOT NULL AS revoked, revoked_via FROM api_tokens WHERE id = $1', [child.id]);
    expect(rows[0]).toEqual({ revoked: true, revoked_via: a.id });
    const untouched = await s.db.pool.query('SELECT revoked_at FROM api_tokens WHERE id = $1', [otherChild.json().id]);
    expect(untouched.rows[0].revoked_at).toBeNull();
  });
});
