/**
 * Small-distance geometry for the road router. turf does the same on GeoJSON objects, but the
 * router calls these millions of times on typed arrays, where allocation-free math matters.
 */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Initial bearing from point 1 to point 2, degrees clockwise from north, 0..359. */
export function bearingDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const y = Math.sin((lon2 - lon1) * RAD) * Math.cos(lat2 * RAD);
  const x = Math.cos(lat1 * RAD) * Math.sin(lat2 * RAD) - Math.sin(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.cos((lon2 - lon1) * RAD);
  return (Math.round(Math.atan2(y, x) / RAD) + 360) % 360;
}

export interface SegmentProjection {
  /** Fraction along the segment from its first to its second point, 0..1. */
  readonly t: number;
  readonly distanceM: number;
}

/**
 * Closest point of segment a–b to p, on a local equirectangular plane around p: exact enough
 * for segments of a few hundred metres.
 */
export function projectOntoSegment(
  px: number, py: number, ax: number, ay: number, bx: number, by: number,
): SegmentProjection {
  const metresPerDegLat = 111_132.954;
  const metresPerDegLon = metresPerDegLat * Math.cos(py * RAD);
  const x1 = (ax - px) * metresPerDegLon;
  const y1 = (ay - py) * metresPerDegLat;
  const x2 = (bx - px) * metresPerDegLon;
  const y2 = (by - py) * metresPerDegLat;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.min(1, Math.max(0, -(x1 * dx + y1 * dy) / lengthSq));
  const cx = x1 + t * dx;
  const cy = y1 + t * dy;
  return { t, distanceM: Math.sqrt(cx * cx + cy * cy) };
}

/** Metres per degree of longitude / latitude at a latitude (for grid cell sizing). */
export function metresPerDegree(lat: number): { lon: number; lat: number } {
  return { lon: 111_320 * Math.cos(lat * RAD), lat: 110_574 };
}
