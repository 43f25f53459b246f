/**
 * The driver's tablet draws the route on a map: nodes closer than about a metre to the simplified
 * line add bytes, not information. Douglas–Peucker (turf) with a 1 m tolerance; the stored route
 * and the exports keep every node.
 */
import { simplify } from '@turf/turf';

const ONE_METRE_DEGREES = 0.00001;

export function simplifyLine<T extends { type: 'LineString'; coordinates: number[][] }>(line: T | null): T | null {
  if (!line || line.coordinates.length < 3) return line;
  const simplified = simplify({ type: 'LineString', coordinates: line.coordinates }, { tolerance: ONE_METRE_DEGREES, highQuality: false });
  return { ...line, coordinates: simplified.coordinates.map(([lon, lat]) => [Math.round(lon! * 1e6) / 1e6, Math.round(lat! * 1e6) / 1e6]) };
}
