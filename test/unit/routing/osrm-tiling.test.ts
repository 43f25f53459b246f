import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { OsrmProvider } from '../../../optimizer/routing/osrm/osrm-provider.ts';
import { planTableBlocks } from '../../../optimizer/routing/osrm/table-tiling.ts';
import { startFakeOsrm, syntheticCell } from './support/fake-osrm-server.ts';
import type { FakeOsrm } from './support/fake-osrm-server.ts';
import { recordedPoints, recording } from './support/recorded-osrm.ts';

const points = recordedPoints();
let server: FakeOsrm | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** sources × destinations as osrm-routed counts them (empty = every coordinate). */
function cellsRequested(request: { coordinates: unknown[]; params: URLSearchParams }): number {
  const count = (name: string) => request.params.get(name)?.split(';').length ?? request.coordinates.length;
  return count('sources') * count('destinations');
}

describe('table tiling', () => {
  it('a stitched 100×100 matrix equals the one-block matrix cell for cell', async () => {
    const whole = recording('table-100.json').response;
    server = await startFakeOsrm({ maxTableSize: 30 });
    const result = await new OsrmProvider({ url: server.url, maxTableSize: 30, concurrency: 3 }).table(points, 'car');
    expect(server.requests).toHaveLength(16); // 4 row chunks × 4 column chunks
    for (const request of server.requests) expect(cellsRequested(request)).toBeLessThanOrEqual(30 * 30);
    expect(result.durations).toEqual(whole.durations);
    expect(result.distances).toEqual(whole.distances);
  });

  it("the 'coordinates' rule keeps every request within max-table-size coordinates", async () => {
    const whole = recording('table-100.json').response;
    server = await startFakeOsrm();
    const result = await new OsrmProvider({ url: server.url, maxTableSize: 30, tableSizeRule: 'coordinates' }).table(points, 'car');
    for (const request of server.requests) expect(request.coordinates.length).toBeLessThanOrEqual(30);
    expect(result.durations).toEqual(whole.durations);
  });

  it('a server with a smaller max-table-size than configured answers TooBig, mapped to the setting', async () => {
    server = await startFakeOsrm({ maxTableSize: 20 });
    const error = await new OsrmProvider({ url: server.url, maxTableSize: 50 }).table(points, 'car').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'routing', details: [{ name: 'maxTableSize' }] });
  });

  it('2,000 points work: 400 blocks of ≤ 100×100, at most `concurrency` in flight', async () => {
    const many: [number, number][] = Array.from({ length: 2000 }, (_, i) => [7.40 + (i % 50) * 0.0007, 43.72 + Math.floor(i / 50) * 0.0007]);
    server = await startFakeOsrm({ synthetic: true, delayMs: 1 });
    const result = await new OsrmProvider({ url: server.url, maxTableSize: 100, concurrency: 4 }).table(many, 'car');
    expect(server.requests).toHaveLength(400);
    expect(server.maxInFlight()).toBeLessThanOrEqual(4);
    for (const request of server.requests) expect(cellsRequested(request)).toBeLessThanOrEqual(100 * 100);
    for (const [i, j] of [[0, 0], [0, 1999], [1999, 0], [150, 1234], [777, 778], [1999, 1999]]) {
      expect(result.durations[i][j]).toBe(syntheticCell(many[i], many[j]).duration);
      expect(result.distances[i][j]).toBe(syntheticCell(many[i], many[j]).distance);
    }
  });

  it('unreachable pairs stay null and are listed, never zero', async () => {
    server = await startFakeOsrm({ maxTableSize: 4, nullPairs: [[1, 7], [7, 1], [3, 3]] });
    const result = await new OsrmProvider({ url: server.url, maxTableSize: 4 }).table(points.slice(0, 10), 'car');
    expect(result.durations[1][7]).toBeNull();
    expect(result.distances[1][7]).toBeNull();
    expect(result.durations[3][3]).toBeNull();
    expect(result.unreachable).toEqual([
      { source: 1, destination: 7 },
      { source: 3, destination: 3 },
      { source: 7, destination: 1 },
    ]);
    expect(result.durations[1][6]).toBeGreaterThan(0);
  });

  it('block plans cover every cell exactly once within the size rule', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(60), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(60), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('sources-times-destinations' as const, 'coordinates' as const),
        (sources, destinations, max, rule) => {
          const covered = sources.map(() => destinations.map(() => 0));
          for (const block of planTableBlocks(sources, destinations, max, rule)) {
            if (rule === 'coordinates' && max > 1) expect(block.pointIndices.length).toBeLessThanOrEqual(max);
            const rows = block.sources?.length ?? block.pointIndices.length;
            const cols = block.destinations?.length ?? block.pointIndices.length;
            expect(rows * cols).toBeLessThanOrEqual(max * max);
            expect(rows).toBe(block.rows);
            expect(cols).toBe(block.cols);
            for (let r = 0; r < rows; r++) {
              for (let c = 0; c < cols; c++) {
                const row = block.rowOffset + r;
                const col = block.colOffset + c;
                const sourcePoint = block.pointIndices[block.sources ? block.sources[r] : r];
                const destinationPoint = block.pointIndices[block.destinations ? block.destinations[c] : c];
                expect(sourcePoint).toBe(sources[row]);
                expect(destinationPoint).toBe(destinations[col]);
                covered[row][col]++;
              }
            }
          }
          expect(covered.flat().every((n) => n === 1)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
