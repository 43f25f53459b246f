/** The simulator's demo city goes through the registry: versions, the processing log, unchanged on a rebuild. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeScenarioToDatabase } from '../../../firmware-sim/scenario/scenario-db.ts';
import { syntheticScenario } from '../../../firmware-sim/scenario/synthetic.ts';
import { createTestDatabase, randomTenant, type TestDatabase } from '../../helpers/index.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

it('writes the demo through the registry store: logged once, unchanged when built again', async () => {
  const tenant = randomTenant();
  const scenario = syntheticScenario({ containers: 30, seed: 2, tenant: { id: tenant } });
  await writeScenarioToDatabase(db.pool, scenario);
  const logged = async () =>
    (await db.pool.query(`SELECT action, count(*)::int AS n FROM processing_log WHERE tenant_id = $1 AND actor = 'firmware-sim' GROUP BY action ORDER BY action`, [tenant])).rows;
  const first = await logged();
  expect(first).toContainEqual({ action: 'create-container', n: 30 });
  expect(first).toContainEqual({ action: 'create-tenant', n: 1 });
  const sensorVersions = async () => (await db.pool.query('SELECT id, version FROM sensors WHERE tenant_id = $1 ORDER BY id', [tenant])).rows;
  const versionsBefore = await sensorVersions();
  await writeScenarioToDatabase(db.pool, scenario);
  expect(await logged()).toEqual(first);
  const { rows } = await db.pool.query('SELECT max(version) AS v, bool_and(snap_distance_m IS NOT NULL) AS snapped FROM containers WHERE tenant_id = $1', [tenant]);
  expect(rows[0]).toEqual({ v: 1, snapped: true });
  // sensors through the sensor registry: each bound to its container once, unchanged on the rebuild
  const bindings = await db.pool.query(
    `SELECT count(*)::int AS n, count(DISTINCT sensor_id)::int AS sensors, bool_and(valid_to IS NULL) AS open FROM sensor_bindings WHERE tenant_id = $1`, [tenant]);
  expect(bindings.rows[0]).toEqual({ n: scenario.sensors.length, sensors: scenario.sensors.length, open: true });
  expect(await sensorVersions()).toEqual(versionsBefore);
});
