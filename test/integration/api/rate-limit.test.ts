/**
 * Rate limiting beyond the per-token budget (issue 17 item 9): callers without a token are counted
 * per address, a token's requests do not use up its address's budget, and
 * API_RATE_LIMIT_PER_MINUTE=0 switches the limit off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.ts';
import { loadConfig } from '../../../platform/config.ts';
import { bearer } from './fixtures.ts';
import { startSeededApp, type SeededApp } from './seeded-app.ts';

let seeded: SeededApp;
beforeAll(async () => {
  seeded = await startSeededApp(1);
});
afterAll(async () => {
  await seeded?.close();
});

const limitedApp = (perMinute: number) => buildApp({ pool: seeded.db.pool, defaultTenant: seeded.seed.tenant, rateLimitPerMinute: perMinute });

describe('rate limiting', () => {
  it('counts callers without a token per address', async () => {
    const app = await limitedApp(3);
    try {
      const from = async (remoteAddress: string) => (await app.inject({ url: '/v1/health', remoteAddress })).statusCode;
      const first = [];
      for (let i = 0; i < 4; i++) first.push(await from('192.0.2.10'));
      expect(first).toEqual([200, 200, 200, 429]);
      // another address has its own budget
      expect(await from('192.0.2.11')).toBe(200);
      const res = await app.inject({ url: '/v1/health', remoteAddress: '192.0.2.10' });
      expect(res.statusCode).toBe(429);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await app.close();
    }
  });

  it("a token's requests are counted against the token, not against its address", async () => {
    const app = await limitedApp(2);
    try {
      const remoteAddress = '192.0.2.20';
      for (let i = 0; i < 2; i++) {
        expect((await app.inject({ url: '/v1/depots', remoteAddress, headers: bearer(seeded.seed.tokens.dispatcher) })).statusCode).toBe(200);
      }
      expect((await app.inject({ url: '/v1/depots', remoteAddress, headers: bearer(seeded.seed.tokens.dispatcher) })).statusCode).toBe(429);
      // the address itself has used nothing of its own budget
      expect((await app.inject({ url: '/v1/health', remoteAddress })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('API_RATE_LIMIT_PER_MINUTE=0 means no limit', async () => {
    const config = loadConfig({ API_RATE_LIMIT_PER_MINUTE: '0' });
    expect(config.apiRateLimitPerMinute).toBe(0);
    const app = await limitedApp(config.apiRateLimitPerMinute);
    try {
      const codes = new Set<number>();
      for (let i = 0; i < 50; i++) codes.add((await app.inject({ url: '/v1/health', remoteAddress: '192.0.2.30' })).statusCode);
      expect([...codes]).toEqual([200]);
      expect((await app.inject({ url: '/v1/health', remoteAddress: '192.0.2.30' })).headers['x-ratelimit-limit']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
