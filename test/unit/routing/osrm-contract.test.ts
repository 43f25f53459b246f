import { afterEach, describe, expect, it } from 'vitest';
import { OsrmProvider } from '../../../optimizer/routing/osrm/osrm-provider.ts';
import { startFakeOsrm } from './support/fake-osrm-server.ts';
import type { FakeOsrm } from './support/fake-osrm-server.ts';
import { parseRequest } from './support/fake-osrm-server.ts';
import { defaultRadiuses, recordedPoints, recording, withoutParams } from './support/recorded-osrm.ts';

// The client's requests have the shape of the recorded osrm-routed v6 requests, and the recorded
// answers parse into the provider's result types without loss.
const points = recordedPoints();
let server: FakeOsrm | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function replay(file: string): () => { kind: 'json'; status: number; body: unknown } {
  const rec = recording(file);
  return () => ({ kind: 'json', status: rec.status, body: rec.response });
}

describe('OSRM contract (recorded v6 responses)', () => {
  it('table-10: sends the recorded path and returns the recorded matrices', async () => {
    const rec = recording('table-10.json');
    server = await startFakeOsrm({ script: replay('table-10.json') });
    const provider = new OsrmProvider({ url: server.url });
    const result = await provider.table(points.slice(0, 10), 'car');
    expect(server.requests.map((r) => withoutParams(r.path, ['radiuses']))).toEqual([rec.request.path]);
    expect(server.requests[0]!.params.get('radiuses')).toBe(defaultRadiuses(10));
    expect(result.durations).toEqual(rec.response.durations);
    expect(result.distances).toEqual(rec.response.distances);
    expect(result.unreachable).toEqual([]);
  });

  it('table-100: 100 points at max-table-size 100 go in one request, as recorded', async () => {
    const rec = recording('table-100.json');
    server = await startFakeOsrm({ script: replay('table-100.json') });
    const result = await new OsrmProvider({ url: server.url, maxTableSize: 100 }).table(points, 'car');
    expect(server.requests.map((r) => withoutParams(r.path, ['radiuses']))).toEqual([rec.request.path]);
    expect(result.durations).toEqual(rec.response.durations);
    expect(result.distances).toEqual(rec.response.distances);
  });

  it('table-block: a sources × destinations block matches the recorded block', async () => {
    const rec = recording('table-block.json');
    const recorded = parseRequest(rec.request.path);
    server = await startFakeOsrm();
    const sources = [0, 1, 2, 3, 4];
    const destinations = [10, 11, 12, 13, 14, 15];
    const result = await new OsrmProvider({ url: server.url }).table(points.slice(0, 20), 'car', { sources, destinations });
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0];
    expect(sent.service).toBe('table');
    expect(sent.path.startsWith('/table/v1/driving/')).toBe(true);
    expect([...sent.params.keys()].sort()).toEqual([...recorded.params.keys(), 'radiuses'].sort());
    expect(sent.params.get('radiuses')).toBe(defaultRadiuses(sent.coordinates.length));
    expect(sent.params.get('annotations')).toBe(recorded.params.get('annotations'));
    // The client sends only the block's coordinates; the rows and columns they name are the same points.
    const sentSources = sent.params.get('sources')!.split(';').map(Number).map((k) => sent.coordinates[k]);
    const recordedSources = recorded.params.get('sources')!.split(';').map(Number).map((k) => recorded.coordinates[k]);
    expect(sentSources).toEqual(recordedSources);
    const sentDestinations = sent.params.get('destinations')!.split(';').map(Number).map((k) => sent.coordinates[k]);
    const recordedDestinations = recorded.params.get('destinations')!.split(';').map(Number).map((k) => recorded.coordinates[k]);
    expect(sentDestinations).toEqual(recordedDestinations);
    expect(result.durations).toEqual(rec.response.durations);
    expect(result.distances).toEqual(rec.response.distances);
  });

  it('route-steps: sends the recorded path; geometry, legs and bilingual steps come back', async () => {
    const rec = recording('route-steps.json');
    server = await startFakeOsrm({ script: replay('route-steps.json') });
    const result = await new OsrmProvider({ url: server.url }).route(points.slice(0, 5), 'car');
    expect(server.requests.map((r) => withoutParams(r.path, ['radiuses', 'continue_straight']))).toEqual([rec.request.path]);
    const route = rec.response.routes[0];
    expect(result.durationS).toBe(route.duration);
    expect(result.distanceM).toBe(route.distance);
    expect(result.geometry).toEqual(route.geometry);
    expect(result.legs).toHaveLength(4);
    result.legs.forEach((leg, k) => {
      expect(leg.durationS).toBe(route.legs[k].duration);
      expect(leg.steps).toHaveLength(route.legs[k].steps.length);
    });
    const depart = result.legs[0].steps[0];
    expect(depart.maneuver.type).toBe('depart');
    expect(depart.name).toBe('Avenue Prince Pierre');
    expect(depart.instruction.en).toContain('Avenue Prince Pierre');
    expect(depart.instruction.nl).toContain('Avenue Prince Pierre');
    expect(depart.instruction.nl).not.toBe(depart.instruction.en);
    const arrive = result.legs[3].steps.at(-1)!;
    expect(arrive.maneuver.type).toBe('arrive');
    expect(arrive.instruction.en).toMatch(/arrived/i);
    expect(arrive.instruction.nl).toMatch(/bestemming/i);
  });

  it('nearest: asks /nearest for the point and keeps the snapping distance and road name', async () => {
    const rec = recording('nearest.json');
    const recorded = parseRequest(rec.request.path);
    server = await startFakeOsrm({ script: replay('nearest.json') });
    const result = await new OsrmProvider({ url: server.url }).nearest([7.42, 43.737], 'car');
    const sent = server.requests[0];
    expect(sent.service).toBe('nearest');
    expect(sent.coordinates).toEqual(recorded.coordinates);
    expect(sent.params.get('number')).toBe('1');
    const first = rec.response.waypoints[0];
    expect(result).toEqual({ location: first.location, name: first.name, distanceM: first.distance });
  });

  it('uses the profile server configured for trucks, the car server otherwise', async () => {
    server = await startFakeOsrm({ script: replay('table-10.json') });
    const truck = await startFakeOsrm({ script: replay('table-10.json') });
    try {
      const warnings: string[] = [];
      const logger = { info: () => {}, warn: (_o: object, msg?: string) => warnings.push(msg ?? '') };
      await new OsrmProvider({ url: server.url, profileUrls: { truck: truck.url } }).table(points.slice(0, 10), 'truck');
      expect(truck.requests).toHaveLength(1);
      expect(server.requests).toHaveLength(0);
      await new OsrmProvider({ url: server.url, logger }).table(points.slice(0, 10), 'truck');
      expect(server.requests).toHaveLength(1);
      expect(warnings).toHaveLength(1);
    } finally {
      await truck.close();
    }
  });

  it('health reports the server as up when it answers with an OSRM code', async () => {
    server = await startFakeOsrm({ script: replay('route-no-segment.json') });
    const health = await new OsrmProvider({ url: server.url }).health();
    expect(health.ok).toBe(true);
    expect(health.provider).toBe('osrm');
  });
});
