import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { BuiltinRoutingProvider } from './builtin/builtin-provider.ts';
import { loadRoadNetwork } from './builtin/road-network.ts';
import { withRoutingCache } from './cached-provider.ts';
import type { RoutingCacheOptions } from './cached-provider.ts';
import { OsrmProvider } from './osrm/osrm-provider.ts';
import type { RoutingConfig } from './routing-config.ts';
import { StraightLineProvider } from './straight-line-provider.ts';
import type { RoutingLogger, RoutingProvider } from './types.ts';

export interface CreateRoutingProviderOptions extends RoutingConfig {
  readonly logger?: RoutingLogger;
  /** false turns the cache off (benchmarks of the raw provider). */
  readonly cache?: RoutingCacheOptions | false;
}

/**
 * Chooses the routing provider: OSRM when a URL is configured, else the built-in road router on
 * the PBF, else straight line × detour factor (with a warning: such plans are rough). The
 * choice is logged; the provider's name and version appear in /v1/health.
 */
export async function createRoutingProvider(options: CreateRoutingProviderOptions = {}): Promise<RoutingProvider> {
  const provider = await chooseProvider(options);
  options.logger?.info({ provider: provider.name, version: provider.version }, 'routing provider selected');
  return options.cache === false ? provider : withRoutingCache(provider, options.cache);
}

async function chooseProvider(options: CreateRoutingProviderOptions): Promise<RoutingProvider> {
  const { logger } = options;
  if (options.osrmUrl) {
    return new OsrmProvider({
      url: options.osrmUrl,
      profileUrls: options.osrmProfileUrls,
      maxTableSize: options.maxTableSize,
      maxRouteSize: options.osrmMaxRouteSize,
      snapRadiusM: options.osrmSnapRadiusM,
      tableSizeRule: options.osrmTableSizeRule,
      concurrency: options.osrmConcurrency,
      timeoutMs: options.osrmTimeoutMs,
      retries: options.osrmRetries,
      dataVersion: options.osrmDataVersion,
      logger,
    });
  }
  if (options.pbfPath) {
    try {
      const file = await stat(options.pbfPath);
      const started = performance.now();
      const network = await loadRoadNetwork(options.pbfPath);
      logger?.info(
        { pbfPath: options.pbfPath, nodes: network.nodeCount, segments: network.segmentCount, ms: Math.round(performance.now() - started) },
        'road network loaded for the built-in router',
      );
      return new BuiltinRoutingProvider(network, { dataVersion: `${basename(options.pbfPath)}:${file.size}:${Math.round(file.mtimeMs)}` });
    } catch (err) {
      logger?.warn({ pbfPath: options.pbfPath, err: err instanceof Error ? err.message : String(err) }, 'cannot load the road network');
    }
  }
  logger?.warn(
    { detourFactor: options.detourFactor ?? 1.3 },
    'no OSRM_URL and no road network: routing falls back to straight lines × detour factor; plans will be rough',
  );
  return new StraightLineProvider({ detourFactor: options.detourFactor, speedKmh: options.straightLineSpeedKmh });
}
