import { describe, expect, it } from 'vitest';
import { GenerationalCache } from '../../../optimizer/routing/generational-cache.ts';
import { withRoutingCache } from '../../../optimizer/routing/cached-provider.ts';
import { StraightLineProvider } from '../../../optimizer/routing/straight-line-provider.ts';
import type { LonLat, RoutingProfile, TableRequestOptions } from '../../../optimizer/routing/types.ts';

/** A straight-line provider that records how many matrix cells it was asked for. */
class CountingProvider extends StraightLineProvider {
  cellsAsked = 0;
  tableCalls = 0;
  routeCalls = 0;
  override async table(points: readonly LonLat[], profile: RoutingProfile, options: TableRequestOptions = {}) {
    this.tableCalls++;
    this.cellsAsked += (options.sources?.length ?? points.length) * (options.destinations?.length ?? points.length);
    return super.table(points, profile, options);
  }
  override async route(points: readonly LonLat[]) {
    this.routeCalls++;
    return super.route(points);
  }
}

const grid = (n: number, offset = 0): LonLat[] => Array.from({ length: n }, (_, i) => [7.41 + ((i + offset) % 20) * 0.001, 43.73 + Math.floor((i + offset) / 20) * 0.001]);

describe('routing cache', () => {
  it('answers an identical table from the cache', async () => {
    const inner = new CountingProvider();
    const cached = withRoutingCache(inner);
    const points = grid(60);
    const first = await cached.table(points, 'car');
    const second = await cached.table(points, 'car');
    expect(second).toEqual(first);
    expect(inner.tableCalls).toBe(1);
    expect(first).toEqual(await inner.table(points, 'car'));
  });

  it('asks only for the rows and columns of new points on a re-plan', async () => {
    const inner = new CountingProvider();
    const cached = withRoutingCache(inner);
    const before = grid(100);
    await cached.table(before, 'car');
    inner.cellsAsked = 0;
    const after = [...before.slice(0, 50), ...grid(5, 500), ...before.slice(50)];
    const result = await cached.table(after, 'car');
    // 5 new rows of 105 plus 5 new columns for the 100 known rows
    expect(inner.cellsAsked).toBe(5 * 105 + 100 * 5);
    expect(result).toEqual(await new StraightLineProvider().table(after, 'car'));
  });

  it('keys by profile and rounded coordinates', async () => {
    const inner = new CountingProvider();
    const cached = withRoutingCache(inner, { precision: 5 });
    const points = grid(10);
    await cached.table(points, 'car');
    await cached.table(points.map(([lon, lat]) => [lon + 1e-7, lat - 1e-7] as const), 'car');
    expect(inner.tableCalls).toBe(1);
    await cached.table(points, 'truck');
    expect(inner.tableCalls).toBe(2);
  });

  it('serves sub-tables from cached cells', async () => {
    const inner = new CountingProvider();
    const cached = withRoutingCache(inner);
    const points = grid(20);
    const full = await cached.table(points, 'car');
    const part = await cached.table(points, 'car', { sources: [2, 4], destinations: [1, 3, 5] });
    expect(inner.tableCalls).toBe(1);
    expect(part.durations).toEqual([[full.durations[2][1], full.durations[2][3], full.durations[2][5]], [full.durations[4][1], full.durations[4][3], full.durations[4][5]]]);
  });

  it('caches routes and stays bounded', async () => {
    const inner = new CountingProvider();
    const cached = withRoutingCache(inner, { maxEntries: 2 });
    const points = grid(4);
    await cached.route(points.slice(0, 2), 'car');
    await cached.route(points.slice(0, 2), 'car');
    expect(inner.routeCalls).toBe(1);
    await cached.route(points.slice(1, 3), 'car');
    await cached.route(points.slice(2, 4), 'car');
    await cached.route(points.slice(0, 2), 'car'); // evicted by the two above
    expect(inner.routeCalls).toBe(4);
  });

  it('the generational cache stays bounded and keeps recently used entries', () => {
    const cache = new GenerationalCache<string, number>(4);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // young generation full: a, b become old
    expect(cache.get('a')).toBe(1); // promoted
    cache.set('d', 4); // turnover: b dropped
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    for (let k = 0; k < 100; k++) cache.set(`k${k}`, k);
    expect(cache.size).toBeLessThanOrEqual(4);
  });

  it('passes tables larger than a cache generation straight through', async () => {
    const inner = new CountingProvider();
    const cached = withRoutingCache(inner, { maxPairs: 200 });
    const points = grid(20); // 400 cells > 100
    await cached.table(points, 'car');
    await cached.table(points, 'car');
    expect(inner.tableCalls).toBe(2);
    await cached.table(points.slice(0, 10), 'car'); // 100 cells: cached
    await cached.table(points.slice(0, 10), 'car');
    expect(inner.tableCalls).toBe(3);
  });

  it('does not cache failures', async () => {
    let calls = 0;
    const flaky = new StraightLineProvider();
    const original = flaky.table.bind(flaky);
    flaky.table = async (...args) => {
      calls++;
      if (calls === 1) throw new Error('down');
      return original(...args);
    };
    const cached = withRoutingCache(flaky);
    await expect(cached.table(grid(3), 'car')).rejects.toThrow('down');
    await expect(cached.table(grid(3), 'car')).resolves.toBeTruthy();
  });
});
