import { resolve } from 'node:path';
import { InputError } from '../../platform/errors.ts';
import type { RoutingProfile } from './types.ts';

/** Everything the factory needs to choose and set up a routing provider. */
export interface RoutingConfig {
  /** osrm-routed base URL; when set, OSRM answers every request. */
  readonly osrmUrl?: string;
  /** Extra osrm-routed servers per profile, e.g. a truck dataset. */
  readonly osrmProfileUrls?: Partial<Record<RoutingProfile, string>>;
  /** The OSRM server's --max-table-size (default 100). */
  readonly maxTableSize?: number;
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

/**
 * Reads OSRM_URL, OSRM_TRUCK_URL, OSRM_MAX_TABLE_SIZE, OSRM_TABLE_SIZE_RULE, OSRM_TIMEOUT_MS, OSRM_DATA_VERSION and
 * ROUTING_PBF (default ../shared/data/monaco.osm.pbf from the working directory).
 */
export function routingConfigFromEnv(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): RoutingConfig {
  return {
    osrmUrl: nonEmpty(env.OSRM_URL),
    osrmProfileUrls: env.OSRM_TRUCK_URL ? { truck: env.OSRM_TRUCK_URL } : undefined,
    maxTableSize: positiveInteger(env, 'OSRM_MAX_TABLE_SIZE'),
    osrmTableSizeRule: tableSizeRule(env),
    osrmTimeoutMs: positiveInteger(env, 'OSRM_TIMEOUT_MS'),
    osrmDataVersion: nonEmpty(env.OSRM_DATA_VERSION),
    pbfPath: resolve(cwd, nonEmpty(env.ROUTING_PBF) ?? DEFAULT_PBF_RELATIVE_PATH),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new InputError(`${name} must be a positive integer`, [{ name, reason: `got '${raw}'` }]);
  return value;
}

function tableSizeRule(env: NodeJS.ProcessEnv): RoutingConfig['osrmTableSizeRule'] {
  const raw = nonEmpty(env.OSRM_TABLE_SIZE_RULE);
  if (raw === undefined || raw === 'sources-times-destinations' || raw === 'coordinates') return raw;
  throw new InputError('OSRM_TABLE_SIZE_RULE must be sources-times-destinations or coordinates', [{ name: 'OSRM_TABLE_SIZE_RULE', reason: `got '${raw}'` }]);
}
