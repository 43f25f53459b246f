/**
 * What a real osrm-routed v6 does that the client must answer for (recorded in ../shared/osrm):
 * route legs that equal the planned table, the snap radius, the route-size limit, an out-of-range
 * coordinate, and the health message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RoutingError } from '../../../platform/errors.ts';
import { OsrmProvider } from '../../../optimizer/routing/osrm/osrm-provider.ts';
import { routeGeometry } from '../../../planner/route-geometry.ts';
import type { LonLat, RouteResult, RoutingProvider, RoutingRequestOptions } from '../../../optimizer/routing/types.ts';
import { parseRequest, startFakeOsrm, syntheticCell } from './support/fake-osrm-server.ts';
import type { FakeOsrm, Scripted, SeenRequest } from './support/fake-osrm-server.ts';
import { recordedPoints, recording } from './support/recorded-osrm.ts';

const points = recordedPoints();
let server: FakeOsrm | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const json = (file: string): Scripted => {
  const rec = recording(file);
  return { kind: 'json', status: rec.status, body: rec.response };
};

async function rejection(promise: Promise<unknown>): Promise<RoutingError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RoutingError);
  return error as RoutingError;
}

/** A route answer made up from the synthetic cells, one leg per consecutive pair, as osrm-routed shapes it. */
function syntheticRoute(seen: SeenRequest): Scripted {
  const c = seen.coordinates;
  const legs = c.slice(1).map((to, k) => ({ ...syntheticCell(c[k]!, to), steps: [], summary: '', weight: 0 }));
  return {
    kind: 'json',
    status: 200,
    body: {
      code: 'Ok',
      routes: [{ legs, distance: legs.reduce((s, l) => s + l.distance, 0), duration: legs.reduce((s, l) => s + l.duration, 0),
        geometry: { type: 'LineString', coordinates: c }, weight: 0, weight_name: 'routability' }],
      waypoints: c.map((location) => ({ location, distance: 0, name: '', hint: '' })),
    },
  };
}

describe('route legs agree with the table the solver planned on', () => {
  it('continue_straight=false: each leg equals its table-10 cell (the default answer is 170 s longer)', async () => {
    server = await startFakeOsrm({
      script: (seen) => {
        if (seen.service === 'table') return json('table-10.json');
        return json(seen.params.get('continue_straight') === 'false' ? 'route-10-continue-straight-false.json' : 'route-10-default.json');
      },
    });
    const provider = new OsrmProvider({ url: server.url });
    const ten = points.slice(0, 10);
    const table = await provider.table(ten, 'car');
    const route = await provider.route(ten, 'car');
    expect(route.legs).toHaveLength(9);
    route.legs.forEach((leg, k) => {
      expect(Math.abs(leg.durationS - table.durations[k]![k + 1]!), `leg ${k} duration`).toBeLessThanOrEqual(0.1);
      expect(Math.abs(leg.distanceM - table.distances[k]![k + 1]!), `leg ${k} distance`).toBeLessThanOrEqual(0.1);
    });
    expect(route.durationS).toBeCloseTo(2487.6, 1);
  });
});

describe('snap radius', () => {
  it('sends radiuses for every coordinate and refuses the sea point nearest-sea.json snaps 10.6 km, naming the container', async () => {
    server = await startFakeOsrm({ script: () => json('nearest-sea.json') });
    const error = await rejection(new OsrmProvider({ url: server.url }).nearest([7.5, 43.65], 'car', { labels: ['C-at-sea'] }));
    expect(server.requests[0]!.params.get('radiuses')).toBe('1000');
    expect(error.details).toHaveLength(1);
    expect(error.details[0]).toMatchObject({ name: 'C-at-sea' });
    expect(error.details[0]!.reason).toMatch(/within 1000 m of 7\.500000,43\.650000 \(nearest road 10579 m away/);
    expect(error.message).toContain('NoSegment');
  });

  it('a route with the sea point gets the NoSegment of route-no-segment-1000.json, naming the container', async () => {
    const rec = recording('route-no-segment-1000.json');
    const recorded = parseRequest(rec.request.path);
    // The real server answers NoSegment only because of radiuses=1000;1000; without them it snaps.
    server = await startFakeOsrm({
      script: (seen) => (seen.params.get('radiuses') === recorded.params.get('radiuses') ? json('route-no-segment-1000.json') : syntheticRoute(seen)),
    });
    const error = await rejection(new OsrmProvider({ url: server.url }).route([[7.42, 43.737], [7.5, 43.65]], 'car', { labels: ['C-001', 'C-at-sea'] }));
    expect(server.requests[0]!.coordinates).toEqual(recorded.coordinates);
    expect(error.details.map((d) => d.name)).toEqual(['C-at-sea']);
  });

  it('a table cell from a point the server moved too far is refused, not used as a travel time', async () => {
    const rec = recording('table-10.json');
    const sources = rec.response.sources.map((w: { distance: number }, k: number) => (k === 3 ? { ...w, distance: 4_900_000 } : w));
    server = await startFakeOsrm({ script: () => ({ kind: 'json', status: 200, body: { ...rec.response, sources } }) });
    const labels = points.slice(0, 10).map((_, i) => `C-${i}`);
    const error = await rejection(new OsrmProvider({ url: server.url }).table(points.slice(0, 10), 'car', { labels }));
    expect(error.details.map((d) => d.name)).toEqual(['C-3']);
  });

  it('the radius is configurable', async () => {
    server = await startFakeOsrm({ script: () => json('nearest-sea.json') });
    const result = await new OsrmProvider({ url: server.url, snapRadiusM: 20_000 }).nearest([7.5, 43.65], 'car');
    expect(server.requests[0]!.params.get('radiuses')).toBe('20000');
    expect(result.distanceM).toBeCloseTo(10578.9, 1);
  });
});

describe('route size limit (--max-viaroute-size)', () => {
  const tooMany = parseRequest(recording('route-too-many-coordinates.json').request.path).coordinates;

  it('splits 501 points into parts the server accepts and joins them into one route', async () => {
    expect(tooMany).toHaveLength(501);
    server = await startFakeOsrm({ script: (seen) => (seen.coordinates.length > 500 ? json('route-too-many-coordinates.json') : syntheticRoute(seen)) });
    const route = await new OsrmProvider({ url: server.url }).route(tooMany, 'car');
    expect(server.requests.map((r) => r.coordinates.length)).toEqual([500, 2]);
    expect(server.requests[1]!.coordinates[0]).toEqual(tooMany[499]);
    expect(route.legs).toHaveLength(500);
    route.legs.forEach((leg, k) => expect(leg.distanceM).toBe(syntheticCell(tooMany[k]!, tooMany[k + 1]!).distance));
    expect(route.distanceM).toBeCloseTo(route.legs.reduce((s, l) => s + l.distanceM, 0), 6);
    expect(route.geometry.coordinates).toEqual(tooMany);
  });

  it('a server with a lower limit than configured: TooBig names OSRM_MAX_ROUTE_SIZE, not the table size', async () => {
    server = await startFakeOsrm({ script: (seen) => (seen.coordinates.length > 500 ? json('route-too-many-coordinates.json') : syntheticRoute(seen)) });
    const error = await rejection(new OsrmProvider({ url: server.url, maxRouteSize: 1000 }).route(tooMany, 'car'));
    expect(error.details[0]!.name).toBe('maxRouteSize');
    expect(error.details[0]!.reason).toMatch(/OSRM_MAX_ROUTE_SIZE.*--max-viaroute-size/);
    expect(error.details[0]!.reason).not.toMatch(/TABLE/);
  });
});

describe('bad input and health', () => {
  it('an out-of-range coordinate names that point only, and nothing is sent', async () => {
    server = await startFakeOsrm({ script: syntheticRoute });
    const error = await rejection(new OsrmProvider({ url: server.url })
      .route([[7.42, 43.737], [200, 43.7], [7.41, 43.73]], 'car', { labels: ['C-1', 'C-far', 'C-3'] }));
    expect(error.details.map((d) => d.name)).toEqual(['C-far']);
    expect(error.details[0]!.reason).toContain('200.000000,43.700000');
    expect(server.requests).toHaveLength(0);
  });

  it('the health message of a server that does not answer says "after 1 attempt"', async () => {
    server = await startFakeOsrm();
    const url = server.url;
    await server.close();
    server = undefined;
    const health = await new OsrmProvider({ url, timeoutMs: 500 }).health();
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/after 1 attempt: /);
  });
});

describe('planner route geometry', () => {
  it('passes container and facility ids as labels, so route errors name them', async () => {
    const seen: (readonly string[] | undefined)[] = [];
    const stub = {
      route: async (_points: readonly LonLat[], _profile: string, options?: RoutingRequestOptions): Promise<RouteResult> => {
        seen.push(options?.labels);
        return { distanceM: 0, durationS: 0, geometry: { type: 'LineString', coordinates: [] }, legs: [] };
      },
    } as unknown as RoutingProvider;
    await routeGeometry(stub, {
      stops: [
        { kind: 'start', location: [7.41, 43.73] },
        { kind: 'job', containerId: 'C00307', location: [7.42, 43.73] },
        { kind: 'break', location: [0, 0] },
        { kind: 'unload', facilityId: 'F1', location: [7.43, 43.74] },
        { kind: 'end', location: [7.41, 43.73] },
      ],
    });
    expect(seen).toEqual([['start (stop 0)', 'C00307', 'F1', 'end (stop 3)']]);
  });
});
