import { resolve } from 'node:path';
import { loadConfig, type Config } from '../../platform/config.ts';
import type { RoutingProfile } from './types.ts';

/** Everything the factory needs to choose and set up a routing provider. */
export interface RoutingConfig {
  /** osrm-routed base URL; when set, OSRM answers every request. */
  readonly osrmUrl?: string;
  /** Extra osrm-routed servers per profile, e.g. a truck dataset. */
  readonly osrmProfileUrls?: Partial<Record<RoutingProfile, string>>;
  /** The OSRM server's --max-table-size (default 100). */
  readonly maxTableSize?: number;
  /** The OSRM server's --max-viaroute-size (default 500). */
  readonly osrmMaxRouteSize?: number;
  /** Refuse points further than this from a road (default 1,000 m). */
  readonly osrmSnapRadiusM?: number;
  /** 'coordinates' for servers patched to count URL coordinates rather than sources × destinations. */
  readonly osrmTableSizeRule?: 'sources-times-destinations' | 'coordinates';
  readonly osrmConcurrency?: number;
  readonly osrmTimeoutMs?: number;
  readonly osrmRetries?: number;
  /** Part of cache keys: bump when the OSRM data is rebuilt. */
  readonly osrmDataVersion?: string;
  /** OSM extract for the built-in router when no OSRM server is configured. */
  readonly pbfPath?: string;
  /** Straight-line fallback: road distance / crow-fly distance. */
  readonly detourFactor?: number;
  /** Straight-line fallback speed, km/h. */
  readonly straightLineSpeedKmh?: number;
}

/** The extract shipped with the shared material, relative to the repository checkout. */
export const DEFAULT_PBF_RELATIVE_PATH = '../shared/data/monaco.osm.pbf';

/** The routing part of the one validated configuration (platform/config.ts). */
export function routingConfigFromConfig(config: Config, cwd: string = process.cwd()): RoutingConfig {
  return {
    osrmUrl: config.osrmUrl,
    osrmProfileUrls: config.osrmTruckUrl ? { truck: config.osrmTruckUrl } : undefined,
    maxTableSize: config.osrmMaxTableSize,
    osrmMaxRouteSize: config.osrmMaxRouteSize,
    osrmSnapRadiusM: config.osrmSnapRadiusM,
    osrmTableSizeRule: config.osrmTableSizeRule,
    osrmTimeoutMs: config.osrmTimeoutMs,
    osrmDataVersion: config.osrmDataVersion,
    pbfPath: resolve(cwd, config.osmPbf),
  };
}

/** Reads OSRM_* and OSM_PBF through loadConfig; a bad value throws a ConfigError naming it. */
export function routingConfigFromEnv(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): RoutingConfig {
  return routingConfigFromConfig(loadConfig(env), cwd);
}
