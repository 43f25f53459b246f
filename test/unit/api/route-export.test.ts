import { describe, expect, it } from 'vitest';
import { routeToGeoJson, routeToGpx } from '../../../api/geo/route-export.ts';
import type { RouteDetail, StopDetail } from '../../../api/route-detail.ts';

const stop = (position: number, kind: StopDetail['kind'], location: [number, number], extra: Partial<StopDetail> = {}): StopDetail => ({
  id: `s${position}`, position, kind, status: 'planned', containerId: null, facilityId: null, location, address: null, fraction: null,
  eta: null, departure: null, loadKg: null, loadM3: null, expectedFill: null, fillLevel: null, instructions: [], ...extra,
});

const route: RouteDetail = {
  id: 'r1', planId: 'p1', planStatus: 'dispatched', date: '2026-11-25', vehicleId: 'truck <1>', distanceM: 1000, durationS: 600, cost: 3,
  geometry: null,
  stops: [
    stop(0, 'start', [7.41, 43.73]),
    stop(1, 'job', [7.42, 43.74], { containerId: 'c&1', address: 'Rue "A" <3>', eta: '2026-11-25T07:10:00.000Z' }),
    stop(2, 'end', [7.41, 43.73]),
  ],
};

describe('route exports', () => {
  it('writes GPX 1.1 with escaped names, waypoints and a track (straight lines without geometry)', () => {
    const gpx = routeToGpx(route);
    expect(gpx).toContain('<gpx version="1.1" creator="afvalroute" xmlns="http://www.topografix.com/GPX/1/1">');
    expect(gpx).toContain('<name>1. c&amp;1</name>');
    expect(gpx).toContain('Rue &quot;A&quot; &lt;3&gt;');
    expect(gpx).toContain('<metadata><name>Route truck &lt;1&gt; 2026-11-25</name></metadata>');
    expect(gpx).toContain('<wpt lat="43.74" lon="7.42"><time>2026-11-25T07:10:00.000Z</time>');
    expect(gpx.match(/<trkpt /g)).toHaveLength(3);
  });

  it('writes GeoJSON: the route line first, then a point per stop, in RD when asked', () => {
    const fc = routeToGeoJson({ ...route, geometry: { type: 'LineString', coordinates: [[7.41, 43.73], [7.42, 43.74]] } }, 'CRS84');
    expect(fc.features[0]).toMatchObject({ geometry: { type: 'LineString', coordinates: [[7.41, 43.73], [7.42, 43.74]] }, properties: { kind: 'route' } });
    expect(fc.features.slice(1).map((f) => f.properties.kind)).toEqual(['start', 'job', 'end']);
    const rd = routeToGeoJson(route, 'EPSG:28992');
    expect(rd.features[1]!.geometry.coordinates[0]).toBeGreaterThan(155_000);
  });
});
