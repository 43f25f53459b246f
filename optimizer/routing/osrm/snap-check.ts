/**
 * Points the road network must not silently accept: coordinates outside WGS84 (named alone,
 * before anything is sent) and points further from a road than the snap radius. The radius goes
 * to osrm-routed as `radiuses` (it then answers NoSegment), and every waypoint's `distance` in an
 * answer is checked too, so a server or proxy that drops the parameter cannot move a container
 * in the sea onto a road kilometres away. The built-in router refuses the same points.
 */
import { RoutingError } from '../../../platform/errors.ts';
import { formatLonLat, pointName } from '../point-labels.ts';
import type { LonLat } from '../types.ts';

/** The built-in router's limit, the default for OSRM too. */
export const DEFAULT_SNAP_RADIUS_M = 1_000;

export function checkCoordinates(points: readonly LonLat[], indices: readonly number[], labels: readonly string[] | undefined): void {
  const bad = indices.filter((i) => {
    const p = points[i];
    return !p || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90;
  });
  if (bad.length === 0) return;
  throw new RoutingError(`coordinate out of range: ${bad.map((i) => pointName(i, labels)).join(', ')}`, bad.map((i) => ({
    name: pointName(i, labels),
    reason: `${points[i] ? formatLonLat(points[i]) : 'missing'} is not a WGS84 [longitude, latitude] (longitude −180..180, latitude −90..90)`,
  })));
}

/** `radiuses` for n coordinates. */
export function radiusesParam(count: number, radiusM: number): string {
  return new Array<string>(count).fill(String(radiusM)).join(';');
}

export interface SnappedWaypoint {
  readonly distance?: number;
}

/**
 * Throws a NoSegment RoutingError naming the points that were moved further than the radius.
 * `indices[k]` is the global point index of waypoint k.
 */
export function checkSnapDistances(
  waypoints: readonly SnappedWaypoint[] | undefined,
  indices: readonly number[],
  points: readonly LonLat[],
  radiusM: number,
  labels: readonly string[] | undefined,
): void {
  if (!waypoints) return;
  const far = waypoints.flatMap((w, k) => (typeof w.distance === 'number' && w.distance > radiusM ? [{ k, distance: w.distance }] : []));
  if (far.length === 0) return;
  throw new RoutingError(`OSRM NoSegment: no road within ${radiusM} m of ${far.map(({ k }) => pointName(indices[k]!, labels)).join(', ')}`,
    far.map(({ k, distance }) => ({
      name: pointName(indices[k]!, labels),
      reason: `no road segment within ${radiusM} m of ${formatLonLat(points[indices[k]!]!)} (nearest road ${Math.round(distance)} m away; OSRM_SNAP_RADIUS_M)`,
    })));
}
