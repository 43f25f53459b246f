/**
 * Planning uses the tenant's own router (issue 14 item 1): a tenant whose settings name an OSM
 * extract gets the built-in router on it; a tenant without one gets the installation's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StraightLineProvider } from '../../../optimizer/routing/index.ts';
import { loadConfig } from '../../../platform/config.ts';
import { routerOfTenant } from '../../../registry/tenant-router.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';

let db: TestDatabase;
const own = randomTenant();
const shared = randomTenant();

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(`INSERT INTO tenants (id, name, settings) VALUES ($1, 'own', $2), ($3, 'shared', '{}')`,
    [own, JSON.stringify({ router: { osmPbf: '../shared/data/monaco.osm.pbf' } }), shared]);
});
afterAll(async () => db?.drop());

describe('the router a plan of a tenant is made with', () => {
  const installation = new StraightLineProvider();
  const config = loadConfig({ OSRM_URL: '' });

  it("is the tenant's own when its settings name one", async () => {
    const router = await routerOfTenant(db.pool, own, config, async () => installation);
    expect(router.name).toBe('builtin');
  }, 60_000);

  it("is the installation's otherwise", async () => {
    expect(await routerOfTenant(db.pool, shared, config, async () => installation)).toBe(installation);
  });
});
