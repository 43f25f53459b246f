/** A route as GPX 1.1 (waypoints per stop and the road track) or as a GeoJSON FeatureCollection. */
import type { RouteDetail } from '../route-detail.ts';
import { project, type Crs } from './crs.ts';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function stopName(s: RouteDetail['stops'][number]): string {
  if (s.kind === 'job') return `${s.position}. ${s.containerId}`;
  if (s.kind === 'unload') return `${s.position}. unload at ${s.facilityId}`;
  return `${s.position}. ${s.kind}`;
}

/** The line to draw: the road geometry, or straight lines between the stops when there is none. */
function line(route: RouteDetail): number[][] {
  return route.geometry?.coordinates ?? route.stops.filter((s) => s.location).map((s) => s.location!);
}

export function routeToGpx(route: RouteDetail): string {
  const wpts = route.stops
    .filter((s) => s.location)
    .map((s) => {
      const [lon, lat] = s.location!;
      const desc = [s.address, s.fraction, s.eta ? `ETA ${s.eta}` : null].filter(Boolean).join(' · ');
      return `  <wpt lat="${lat}" lon="${lon}">${s.eta ? `<time>${s.eta}</time>` : ''}<name>${xml(stopName(s))}</name>${desc ? `<desc>${xml(desc)}</desc>` : ''}<type>${s.kind}</type></wpt>`;
    });
  const trkpts = line(route).map(([lon, lat]) => `      <trkpt lat="${lat}" lon="${lon}"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="afvalroute" xmlns="http://www.topografix.com/GPX/1/1">',
    `  <metadata><name>${xml(`Route ${route.vehicleId} ${route.date}`)}</name></metadata>`,
    ...wpts,
    `  <trk><name>${xml(route.vehicleId)}</name><trkseg>`,
    ...trkpts,
    '  </trkseg></trk>',
    '</gpx>',
    '',
  ].join('\n');
}

export function routeToGeoJson(route: RouteDetail, crs: Crs) {
  return {
    type: 'FeatureCollection' as const,
    features: [
      {
        type: 'Feature' as const,
        id: route.id,
        geometry: { type: 'LineString' as const, coordinates: line(route).map((c) => project(c, crs)) },
        properties: { kind: 'route', vehicleId: route.vehicleId, date: route.date, planId: route.planId, distanceM: route.distanceM, durationS: route.durationS },
      },
      ...route.stops
        .filter((s) => s.location)
        .map((s) => ({
          type: 'Feature' as const,
          id: s.id,
          geometry: { type: 'Point' as const, coordinates: project(s.location!, crs) },
          properties: { kind: s.kind, position: s.position, status: s.status, containerId: s.containerId, facilityId: s.facilityId, address: s.address, eta: s.eta },
        })),
    ],
  };
}
