import { bearing, distance } from '@turf/turf';
import { bilingualInstruction } from './instructions.ts';
import { allIndices, collectUnreachable } from './point-labels.ts';
import type {
  LonLat, NearestResult, RouteLeg, RouteResult, RoutingHealth, RoutingProfile, RoutingProvider,
  TableRequestOptions, TableResult,
} from './types.ts';

/**
 * Last resort when there is neither an OSRM server nor a road network: great-circle distance
 * times a detour factor, at a fixed average speed. Good enough to keep a demo planning, never
 * for real routes; the factory logs a warning when it falls back to this.
 */
export interface StraightLineOptions {
  /** Road distance / crow-fly distance. 1.3 is typical for European towns. */
  readonly detourFactor?: number;
  /** Average speed including stops at junctions, km/h. */
  readonly speedKmh?: number;
}

export class StraightLineProvider implements RoutingProvider {
  readonly name = 'straight-line';
  readonly version: string;
  private readonly detourFactor: number;
  private readonly metresPerSecond: number;

  constructor(options: StraightLineOptions = {}) {
    this.detourFactor = options.detourFactor ?? 1.3;
    const speedKmh = options.speedKmh ?? 25;
    this.metresPerSecond = speedKmh / 3.6;
    this.version = `straight-line:detour=${this.detourFactor}:speed=${speedKmh}`;
  }

  async table(points: readonly LonLat[], _profile: RoutingProfile, options: TableRequestOptions = {}): Promise<TableResult> {
    const sources = options.sources ?? allIndices(points.length);
    const destinations = options.destinations ?? allIndices(points.length);
    const distances = sources.map((i) => destinations.map((j) => this.roadMetres(points[i], points[j])));
    const durations = distances.map((row) => row.map((metres) => metres / this.metresPerSecond));
    return { durations, distances, unreachable: collectUnreachable(durations) };
  }

  async route(points: readonly LonLat[]): Promise<RouteResult> {
    const legCount = points.length - 1;
    const legs: RouteLeg[] = [];
    for (let k = 0; k < legCount; k++) {
      const from = points[k];
      const to = points[k + 1];
      const metres = this.roadMetres(from, to);
      const heading = normaliseBearing(bearing([...from], [...to]));
      const depart = { name: '', maneuver: { type: 'depart', bearing_after: heading } };
      const arrive = { name: '', maneuver: { type: 'arrive', bearing_after: 0 } };
      legs.push({
        distanceM: metres,
        durationS: metres / this.metresPerSecond,
        steps: [
          { distanceM: metres, durationS: metres / this.metresPerSecond, name: '', maneuver: { type: 'depart', location: from, bearingBefore: 0, bearingAfter: heading }, instruction: bilingualInstruction(depart, k, legCount) },
          { distanceM: 0, durationS: 0, name: '', maneuver: { type: 'arrive', location: to, bearingBefore: heading, bearingAfter: 0 }, instruction: bilingualInstruction(arrive, k, legCount) },
        ],
      });
    }
    return {
      distanceM: legs.reduce((sum, leg) => sum + leg.distanceM, 0),
      durationS: legs.reduce((sum, leg) => sum + leg.durationS, 0),
      geometry: { type: 'LineString', coordinates: points.map((p) => [p[0], p[1]]) },
      legs,
    };
  }

  async nearest(point: LonLat): Promise<NearestResult> {
    return { location: point, name: '', distanceM: 0 };
  }

  async health(): Promise<RoutingHealth> {
    return { provider: this.name, version: this.version, ok: true, detail: 'no road network: straight line × detour factor' };
  }

  private roadMetres(from: LonLat, to: LonLat): number {
    return distance([...from], [...to], { units: 'meters' }) * this.detourFactor;
  }
}

function normaliseBearing(degrees: number): number {
  return Math.round((degrees + 360) % 360);
}
