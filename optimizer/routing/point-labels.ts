import type { LonLat, UnreachablePair } from './types.ts';

/** The name an error uses for point i: the caller's label (container id) when given. */
export function pointName(index: number, labels: readonly string[] | undefined): string {
  return labels?.[index] ?? `points[${index}]`;
}

/** Human-readable coordinate for error reasons. */
export function formatLonLat(point: LonLat): string {
  const format = (value: number | undefined): string => (Number.isFinite(value) ? value!.toFixed(6) : String(value));
  return `${format(point[0])},${format(point[1])}`;
}

/** Every null cell of a duration matrix, row by row. */
export function collectUnreachable(durations: readonly (readonly (number | null)[])[]): UnreachablePair[] {
  const unreachable: UnreachablePair[] = [];
  durations.forEach((row, source) => {
    row.forEach((cell, destination) => {
      if (cell === null) unreachable.push({ source, destination });
    });
  });
  return unreachable;
}

/** Default row/column selection of a table request: every point. */
export function allIndices(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}
