/**
 * Routing benchmark: `npm run bench:routing -- --points 400 --json`
 *
 * Builds the built-in router from the PBF (OSM_PBF, default ../shared/data/monaco.osm.pbf), times an
 * N×N matrix, the same call again through the cache, a re-plan with a few new points, and, when
 * OSRM_URL is set, the same matrix from OSRM. Prints one JSON object with --json. A benchmark,
 * not a test: it measures and reports, it never fails on a slow machine.
 */
import { parseArgs } from 'node:util';
import { BuiltinRoutingProvider } from '../routing/builtin/builtin-provider.ts';
import { loadRoadNetwork } from '../routing/builtin/road-network.ts';
import { reachableRoadNodes } from '../routing/builtin/road-queries.ts';
import { withRoutingCache } from '../routing/cached-provider.ts';
import { OsrmProvider } from '../routing/osrm/osrm-provider.ts';
import { routingConfigFromEnv } from '../routing/routing-config.ts';
import { StraightLineProvider } from '../routing/straight-line-provider.ts';
import type { LonLat, RoutingProvider, TableResult } from '../routing/types.ts';

const { values } = parseArgs({
  options: {
    points: { type: 'string', default: '400' },
    seed: { type: 'string', default: '42' },
    json: { type: 'boolean', default: false },
  },
});
const pointCount = Number(values.points);
const config = routingConfigFromEnv();

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { seconds: round((performance.now() - started) / 1000), value };
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

/** Park–Miller: the same points for the same seed on every machine. */
function seededPick<T>(items: readonly T[], count: number, seed: number): T[] {
  let state = seed % 2147483647 || 1;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: count }, () => items[Math.floor(next() * items.length)]);
}

function medianRatio(a: TableResult, b: TableResult): number | null {
  const ratios: number[] = [];
  a.durations.forEach((row, i) => row.forEach((cell, j) => {
    const other = b.durations[i][j];
    if (i !== j && cell !== null && other !== null && other > 0) ratios.push(cell / other);
  }));
  ratios.sort((x, y) => x - y);
  return ratios.length ? round(ratios[Math.floor(ratios.length / 2)], 3) : null;
}

async function main(): Promise<void> {
  const load = await timed(() => loadRoadNetwork(config.pbfPath!));
  const network = load.value;
  const points: LonLat[] = seededPick(reachableRoadNodes(network), pointCount, Number(values.seed));
  const builtin = new BuiltinRoutingProvider(network);

  const baseline = await timed(() => new StraightLineProvider().table(points, 'car'));
  const matrix = await timed(() => builtin.table(points, 'car'));

  const cached: RoutingProvider = withRoutingCache(builtin);
  const first = await timed(() => cached.table(points, 'car'));
  const second = await timed(() => cached.table(points, 'car'));
  const newPoints = seededPick(reachableRoadNodes(network), 10, Number(values.seed) + 1);
  const replan = await timed(() => cached.table([...points, ...newPoints], 'car'));

  const result: Record<string, unknown> = {
    points: pointCount,
    pbf: config.pbfPath,
    builtin: {
      load_seconds: load.seconds,
      nodes: network.nodeCount,
      segments: network.segmentCount,
      matrix_seconds: matrix.seconds,
      cells_per_second: Math.round((pointCount * pointCount) / Math.max(matrix.seconds, 1e-6)),
      unreachable_pairs: matrix.value.unreachable.length,
      matrix_vs_straight_line_baseline: round(matrix.seconds / Math.max(baseline.seconds, 1e-6), 1),
    },
    baseline: { straight_line_matrix_seconds: baseline.seconds },
    cache: {
      first_seconds: first.seconds,
      second_seconds: second.seconds,
      replan_plus_10_points_seconds: replan.seconds,
    },
    cache_speedup: round(first.seconds / Math.max(second.seconds, 1e-6), 1),
  };

  if (config.osrmUrl) {
    const osrm = new OsrmProvider({ url: config.osrmUrl, maxTableSize: config.maxTableSize, timeoutMs: config.osrmTimeoutMs });
    const osrmMatrix = await timed(() => osrm.table(points, 'car'));
    result.osrm = {
      url: config.osrmUrl,
      matrix_seconds: osrmMatrix.seconds,
      unreachable_pairs: osrmMatrix.value.unreachable.length,
      builtin_over_osrm_median_duration_ratio: medianRatio(matrix.value, osrmMatrix.value),
    };
  } else {
    result.osrm = null;
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    console.log(JSON.stringify(result, null, 2));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
