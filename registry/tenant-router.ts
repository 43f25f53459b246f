/**
 * The router of a tenant (the plan worker, the import's road check): its own OSRM URL, else its own OSM extract
 * for the built-in router, else the installation's (OSRM_URL / OSM_PBF). Providers are kept per
 * router, so tenants sharing one share it and a worker loads an extract once.
 */
import { resolve } from 'node:path';
import type { Config } from '../platform/config.ts';
import { createRoutingProvider } from '../optimizer/routing/create-routing-provider.ts';
import { routingConfigFromConfig } from '../optimizer/routing/routing-config.ts';
import type { RoutingLogger, RoutingProvider } from '../optimizer/routing/types.ts';
import { readTenantSettings, type TenantRouter } from './tenant-settings.ts';

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

/** The router of a tenant by id: its own when its settings name one, else the installation's. */
export async function routerOfTenant(
  db: { query<R extends object>(sql: string, params: unknown[]): Promise<{ rows: R[] }> },
  tenantId: string,
  config: Config,
  installation: () => Promise<RoutingProvider>,
): Promise<RoutingProvider> {
  const { rows } = await db.query<{ settings: unknown }>('SELECT settings FROM tenants WHERE id = $1', [tenantId]);
  const router = readTenantSettings(rows[0]?.settings).router;
  return router.osrmUrl || router.osmPbf ? tenantRouter(router, config) : installation();
}
