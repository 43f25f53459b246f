/**
 * osrm-routed refuses a route with more coordinates than its --max-viaroute-size (500 by default)
 * with TooBig. A longer route is asked in parts of at most that many coordinates, each part
 * starting where the previous one ended, and joined back into one route: the legs are the same
 * legs (a leg depends only on its two ends with continue_straight=false), so nothing is lost.
 */
import type { RouteLeg, RouteResult } from '../types.ts';

export interface RoutePart {
  /** Index of the part's first point in the whole route. */
  readonly first: number;
  /** Index after its last point. */
  readonly end: number;
}

export function planRouteParts(pointCount: number, maxCoordinates: number): RoutePart[] {
  if (maxCoordinates < 2) throw new RangeError('a route part needs room for at least two coordinates');
  if (pointCount <= maxCoordinates) return [{ first: 0, end: pointCount }];
  const parts: RoutePart[] = [];
  for (let first = 0; first < pointCount - 1; first += maxCoordinates - 1) {
    parts.push({ first, end: Math.min(first + maxCoordinates, pointCount) });
  }
  return parts;
}

/** One route from consecutive parts; the shared point's coordinate appears once in the geometry. */
export function joinRouteParts(parts: readonly RouteResult[]): RouteResult {
  if (parts.length === 1) return parts[0]!;
  const legs: RouteLeg[] = [];
  const coordinates: [number, number][] = [];
  for (const part of parts) {
    legs.push(...part.legs);
    const line = part.geometry?.coordinates ?? [];
    const last = coordinates.at(-1);
    const duplicate = last !== undefined && line[0] !== undefined && last[0] === line[0][0] && last[1] === line[0][1];
    coordinates.push(...(duplicate ? line.slice(1) : line));
  }
  return {
    distanceM: parts.reduce((sum, part) => sum + part.distanceM, 0),
    durationS: parts.reduce((sum, part) => sum + part.durationS, 0),
    geometry: { type: 'LineString', coordinates },
    legs,
  };
}
