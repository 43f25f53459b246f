/**
 * Road geometry and turn-by-turn instructions (Dutch and English) of a planned route, for the
 * driver's tablet and the GPX/GeoJSON exports. Separate from the pipeline: evaluation runs
 * do not need it.
 */
import type { GeoJsonLineString, RouteLeg, RoutingProvider } from '../optimizer/routing/index.ts';
import type { PlanStop } from './types.ts';

export interface RouteGeometry {
  readonly geometry: GeoJsonLineString;
  readonly legs: readonly RouteLeg[];
}

/**
 * Used for a plan's new routes (plan job), for routes a dispatcher changed and for re-optimised
 * days (both re-read from the database): one way of asking the router, whatever the caller.
 */
export async function routeGeometry(
  routing: RoutingProvider,
  route: { readonly stops: readonly Pick<PlanStop, 'kind' | 'location'>[] },
  signal?: AbortSignal,
): Promise<RouteGeometry> {
  // Breaks happen where the vehicle is: they add no leg.
  const points = route.stops.filter((s) => s.kind !== 'break').map((s) => s.location);
  const r = await routing.route(points, 'truck', { signal });
  return { geometry: r.geometry, legs: r.legs };
}
