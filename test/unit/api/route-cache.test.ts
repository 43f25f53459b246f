import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RouteCache } from '../../../api/route-cache.ts';

describe('driver route cache', () => {
  it('loads once for concurrent requests, gives an ETag and a gzipped copy', async () => {
    const cache = new RouteCache(60_000);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return { routeId: 'r1', body: '{"stops":[1,2,3]}' };
    };
    const [a, b] = await Promise.all([cache.get('t', 'v1', load), cache.get('t', 'v1', load)]);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(a.etag).toMatch(/^"[\w-]+"$/);
    expect(gunzipSync(a.gzip!).toString()).toBe(a.body);
  });

  it('forgets a tenant on invalidate and never keeps a failed load', async () => {
    const cache = new RouteCache(60_000);
    let n = 0;
    const load = async () => ({ routeId: 'r', body: String(++n) });
    expect((await cache.get('t', 'k', load)).body).toBe('1');
    expect((await cache.get('t', 'k', load)).body).toBe('1');
    cache.invalidate('other');
    expect((await cache.get('t', 'k', load)).body).toBe('1');
    cache.invalidate('t');
    expect((await cache.get('t', 'k', load)).body).toBe('2');
    await expect(cache.get('t', 'x', async () => { throw new Error('db down'); })).rejects.toThrow('db down');
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get('t', 'x', load)).body).toBe('3');
  });

  it('caches "no route" as an empty entry', async () => {
    const cache = new RouteCache(60_000);
    expect(await cache.get('t', 'k', async () => null)).toEqual({ routeId: null, body: null, gzip: null, etag: null });
  });
});
