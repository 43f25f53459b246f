/**
 * A position from a file, checked against the tenant's area: RD New converted to WGS84, a point
 * whose lon and lat are swapped recognised as such (the most common mistake in hand-made files),
 * and a point outside the municipality rejected with its area named.
 */
import { rdToWgs84 } from '../../platform/rd-new.ts';
import type { Crs } from '../import/import-types.ts';

export type Area = readonly [number, number, number, number];

export type PositionCheck = { ok: true; position: [number, number] } | { ok: false; reason: string };

const inside = (a: Area, lon: number, lat: number) => lon >= a[0] && lon <= a[2] && lat >= a[1] && lat <= a[3];
const round = (n: number) => Math.round(n * 1e7) / 1e7;

/** RD New covers the Netherlands: x 0…300 km, y 300…625 km. */
export const looksLikeRd = (a: number, b: number) => a > 0 && a < 300_000 && b > 280_000 && b < 650_000;

export function checkPosition(first: number, second: number, crs: Crs, area: Area | undefined): PositionCheck {
  let lon = first;
  let lat = second;
  if (crs === 'EPSG:28992') {
    if (!looksLikeRd(first, second)) {
      if (looksLikeRd(second, first)) return { ok: false, reason: `x and y swapped? (${first}, ${second}) is not in RD New; (${second}, ${first}) is` };
      return { ok: false, reason: `(${first}, ${second}) is not an RD New (EPSG:28992) position in the Netherlands` };
    }
    [lon, lat] = rdToWgs84([first, second]);
  } else if (looksLikeRd(first, second)) {
    return { ok: false, reason: `(${first}, ${second}) looks like RD New metres, not lon/lat: give --crs EPSG:28992` };
  }
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    if (Math.abs(lon) <= 90 && Math.abs(lat) <= 180) return { ok: false, reason: `lon and lat swapped? latitude ${lat} is beyond ±90` };
    return { ok: false, reason: `(${lon}, ${lat}) is not a position on Earth` };
  }
  if (area && !inside(area, lon, lat)) {
    if (inside(area, lat, lon)) return { ok: false, reason: `lon and lat swapped? [${lon}, ${lat}] is outside the tenant's area, [${lat}, ${lon}] is inside` };
    return { ok: false, reason: `[${round(lon)}, ${round(lat)}] is outside the tenant's area [${area.join(', ')}]` };
  }
  return { ok: true, position: [round(lon), round(lat)] };
}
