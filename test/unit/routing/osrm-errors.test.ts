import { afterEach, describe, expect, it } from 'vitest';
import { RoutingError } from '../../../platform/errors.ts';
import { osrmErrorToRoutingError } from '../../../optimizer/routing/osrm/osrm-errors.ts';
import { OsrmProvider } from '../../../optimizer/routing/osrm/osrm-provider.ts';
import { parseRequest, startFakeOsrm } from './support/fake-osrm-server.ts';
import type { FakeOsrm, Scripted } from './support/fake-osrm-server.ts';
import { ERROR_RECORDINGS, recordedPoints, recording } from './support/recorded-osrm.ts';

const points = recordedPoints();
let server: FakeOsrm | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function replay(file: string): () => Scripted {
  const rec = recording(file);
  return () => ({ kind: 'json', status: rec.status, body: rec.response });
}

/** What each recorded error must name, given the recorded request's own coordinates. */
const EXPECTED_NAME: Record<(typeof ERROR_RECORDINGS)[number], string> = {
  'table-too-big.json': 'maxTableSize',
  'route-no-segment.json': 'points[1]',
  'route-single-coordinate.json': 'points[0]',
  'malformed-coordinates.json': 'points[0]',
  'table-bad-annotation.json': 'annotations',
  'route-no-segment-1000.json': 'points[1]',
  'route-too-many-coordinates.json': 'maxRouteSize',
};

describe('OSRM error mapping', () => {
  it.each(ERROR_RECORDINGS)('%s becomes a RoutingError naming the culprit', (file) => {
    const rec = recording(file);
    const request = parseRequest(rec.request.path);
    const indices = request.coordinates.map((_, i) => i);
    const error = osrmErrorToRoutingError(rec.status, rec.response, {
      path: rec.request.path,
      pointIndices: indices.length ? indices : [0],
      points: request.coordinates.length ? request.coordinates : [[NaN, NaN]],
    });
    expect(error).toBeInstanceOf(RoutingError);
    expect(error.kind).toBe('routing');
    expect(error.message).toContain(rec.response.code);
    expect(error.details[0].name).toBe(EXPECTED_NAME[file]);
  });

  it('NoSegment over HTTP names the container by its label', async () => {
    server = await startFakeOsrm({ script: replay('route-no-segment.json') });
    const error = await new OsrmProvider({ url: server.url })
      .route([[7.42, 43.737], [7.5, 43.65]], 'car', { labels: ['C-001', 'C-at-sea'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoutingError);
    expect((error as RoutingError).details[0]).toMatchObject({ name: 'C-at-sea' });
    expect((error as RoutingError).details[0].reason).toContain('7.500000,43.650000');
    expect(server.requests).toHaveLength(1); // a 4xx is not retried
  });

  it('a NoSegment in a tiled block names the global point, not the block position', async () => {
    const rec = recording('route-no-segment.json');
    // Coordinate 1 of the second request of a tiling with max 5 and 10 points
    server = await startFakeOsrm({ maxTableSize: 5, script: (_r, k) => (k === 1 ? { kind: 'json', status: 400, body: rec.response } : undefined) });
    const labels = points.slice(0, 10).map((_, i) => `C-${i}`);
    const error = (await new OsrmProvider({ url: server.url, maxTableSize: 5, concurrency: 1 })
      .table(points.slice(0, 10), 'car', { labels })
      .catch((e: unknown) => e)) as RoutingError;
    // block 2 = rows 0..4 × columns 5..9: its coordinate 1 is point 1
    expect(error.details[0].name).toBe('C-1');
  });

  it('a malformed coordinate is named by the label of the point that produced it', async () => {
    server = await startFakeOsrm({ script: replay('malformed-coordinates.json') });
    const error = (await new OsrmProvider({ url: server.url })
      .route([[NaN, NaN], [7.42, 43.73]], 'car', { labels: ['C-broken', 'C-ok'] })
      .catch((e: unknown) => e)) as RoutingError;
    expect(error.details[0].name).toBe('C-broken');
  });

  it('an answer of the wrong shape is a RoutingError, not a silently short matrix', async () => {
    const rec = recording('table-block.json');
    server = await startFakeOsrm({ script: () => ({ kind: 'json', status: 200, body: rec.response }) });
    const error = await new OsrmProvider({ url: server.url }).table(points.slice(0, 10), 'car').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoutingError);
    expect((error as Error).message).toContain('wrong shape');
  });

  it('retries 5xx with backoff and then succeeds', async () => {
    const ok = replay('table-10.json');
    server = await startFakeOsrm({ script: (_r, k) => (k < 2 ? { kind: 'json', status: 503, body: { message: 'busy' } } : ok()) });
    const result = await new OsrmProvider({ url: server.url, retries: 2, backoffMs: 5 }).table(points.slice(0, 10), 'car');
    expect(server.requests).toHaveLength(3);
    expect(result.durations[0][1]).toBe(recording('table-10.json').response.durations[0][1]);
  });

  it('gives up after the bounded retries on persistent 5xx', async () => {
    server = await startFakeOsrm({ script: () => ({ kind: 'json', status: 502, body: {} }) });
    const error = await new OsrmProvider({ url: server.url, retries: 2, backoffMs: 5 }).table(points.slice(0, 3), 'car').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoutingError);
    expect((error as Error).message).toContain('3 attempts');
    expect(server.requests).toHaveLength(3);
  });

  it('retries a dropped connection', async () => {
    const ok = replay('table-10.json');
    server = await startFakeOsrm({ script: (_r, k) => (k === 0 ? { kind: 'reset' } : ok()) });
    await new OsrmProvider({ url: server.url, retries: 1, backoffMs: 5 }).table(points.slice(0, 10), 'car');
    expect(server.requests).toHaveLength(2);
  });

  it('times out a server that never answers', async () => {
    server = await startFakeOsrm({ script: () => ({ kind: 'hang' }) });
    const started = Date.now();
    const error = await new OsrmProvider({ url: server.url, timeoutMs: 100, retries: 1, backoffMs: 5 })
      .table(points.slice(0, 3), 'car')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoutingError);
    expect((error as Error).message).toMatch(/timed out after 100 ms/);
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops when the caller aborts', async () => {
    server = await startFakeOsrm({ script: () => ({ kind: 'hang' }) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await new OsrmProvider({ url: server.url, timeoutMs: 10_000, retries: 3 })
      .table(points.slice(0, 3), 'car', { signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as RoutingError).details[0].reason).toBe('cancelled');
    expect(server.requests).toHaveLength(1);
  });
});
