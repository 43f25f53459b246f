/**
 * The router of a tenant for the import's road check: its own OSRM URL, else its own OSM extract
 * for the built-in router, else the installation's (OSRM_URL / OSM_PBF). Providers are kept per
 * router, so tenants sharing one share it and a worker loads an extract once.
 */
import { resolve } from 'node:path';
import type { Config } from '../../platform/config.ts';
import { createRoutingProvider } from '../../optimizer/routing/create-routing-provider.ts';
import { routingConfigFromConfig } from '../../optimizer/routing/routing-config.ts';
import type { RoutingLogger, RoutingProvider } from '../../optimizer/routing/types.ts';
import type { TenantRouter } from '../tenant-settings.ts';

const providers = new Map<string, Promise<RoutingProvider>>();

export function tenantRouter(router: TenantRouter, config: Config, logger?: RoutingLogger): Promise<RoutingProvider> {
  const base = routingConfigFromConfig(config);
  const options = router.osrmUrl
    ? { ...base, osrmUrl: router.osrmUrl }
    : router.osmPbf
      ? { ...base, osrmUrl: undefined, pbfPath: resolve(router.osmPbf) }
      : base;
  const key = options.osrmUrl ? `osrm:${options.osrmUrl}` : `pbf:${options.pbfPath ?? ''}`;
  let provider = providers.get(key);
  if (!provider) {
    provider = createRoutingProvider({ ...options, logger });
    providers.set(key, provider);
    provider.catch(() => providers.delete(key));
  }
  return provider;
}
