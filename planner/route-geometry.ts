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
/** What a stop's routing error should call it: the container or facility, else the stop kind. */
export type GeometryStop = Pick<PlanStop, 'kind' | 'location'> & Partial<Pick<PlanStop, 'containerId' | 'facilityId'>>;

export async function routeGeometry(
  routing: RoutingProvider,
  route: { readonly stops: readonly GeometryStop[] },
  signal?: AbortSignal,
): Promise<RouteGeometry> {
  // Breaks happen where the vehicle is: they add no leg.
  const stops = route.stops.filter((s) => s.kind !== 'break');
  // Route errors then name the container ("C00307") instead of "points[12]".
  const labels = stops.map((s, i) => s.containerId ?? s.facilityId ?? `${s.kind} (stop ${i})`);
  const r = await routing.route(stops.map((s) => s.location), 'truck', { signal, labels });
  return { geometry: r.geometry, legs: r.legs };
}
