/**
 * Asks the routing provider for the travel matrix and turns it into plain numbers for the solver.
 * A container the road network cannot connect to a depot is not silently given a zero: it is
 * reported (and left out of the problem) by the caller.
 */
import type { LonLat, RoutingProfile, RoutingProvider } from '../optimizer/routing/index.ts';
import { RoutingError } from '../platform/errors.ts';

export interface PlanMatrix {
  readonly durations: number[][];
  readonly distances: number[][];
  /** Location indices with no route to or from some depot. */
  readonly unreachable: ReadonlySet<number>;
}

/** Stands in for a missing cell between two containers (both reachable from the depots). */
const FAR = 1e7;

export async function fetchMatrix(
  routing: RoutingProvider,
  points: readonly LonLat[],
  labels: readonly string[],
  depotIndices: readonly number[],
  options: { profile?: RoutingProfile; signal?: AbortSignal } = {},
): Promise<PlanMatrix> {
  const table = await routing.table(points, options.profile ?? 'truck', { labels, signal: options.signal });
  const depots = new Set(depotIndices);
  const unreachable = new Set<number>();
  for (const { source, destination } of table.unreachable) {
    if (depots.has(source) && depots.has(destination)) {
      throw new RoutingError(`no road between ${labels[source]} and ${labels[destination]}`, [
        { name: labels[source] ?? String(source), reason: `no route to ${labels[destination]}` },
      ]);
    }
    if (depots.has(source)) unreachable.add(destination);
    else if (depots.has(destination)) unreachable.add(source);
  }
  const fill = (m: (number | null)[][]) => m.map((row) => row.map((v) => (v === null ? FAR : v)));
  return { durations: fill(table.durations), distances: fill(table.distances), unreachable };
}
