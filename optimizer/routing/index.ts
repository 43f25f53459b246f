// Public surface of the routing layer: one interface, three providers, a factory and a cache.
export type {
  GeoJsonLineString, LonLat, Maneuver, NearestResult, RouteLeg, RouteResult, RouteStep, RoutingHealth,
  RoutingLogger, RoutingProfile, RoutingProvider, RoutingRequestOptions, TableRequestOptions, TableResult,
  UnreachablePair,
} from './types.ts';
export { createRoutingProvider } from './create-routing-provider.ts';
export type { CreateRoutingProviderOptions } from './create-routing-provider.ts';
export { DEFAULT_PBF_RELATIVE_PATH, routingConfigFromConfig, routingConfigFromEnv } from './routing-config.ts';
export type { RoutingConfig } from './routing-config.ts';
export { CachedRoutingProvider, withRoutingCache } from './cached-provider.ts';
export type { RoutingCacheOptions } from './cached-provider.ts';
export { OsrmProvider } from './osrm/osrm-provider.ts';
export type { OsrmProviderOptions } from './osrm/osrm-provider.ts';
export { BuiltinRoutingProvider } from './builtin/builtin-provider.ts';
export type { BuiltinRouterOptions } from './builtin/builtin-provider.ts';
export { StraightLineProvider } from './straight-line-provider.ts';
export type { StraightLineOptions } from './straight-line-provider.ts';
export { loadRoadNetwork } from './builtin/road-network.ts';
export type { RoadNetwork } from './builtin/road-network.ts';
export { reachableRoadNodes, snapToRoad } from './builtin/road-queries.ts';
export type { RoadPosition } from './builtin/road-queries.ts';
export { instructionText, bilingualInstruction } from './instructions.ts';
export type { InstructionLanguage } from './instructions.ts';
