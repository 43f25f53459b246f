import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger.ts';
import { NO_FAULTS } from '../../../firmware-sim/model/faults.ts';
import { startSimulatedFleet } from '../../../firmware-sim/publish/start-fleet.ts';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CollectionFeed } from '../../../firmware-sim/scenario/collection-feed.ts';
import { prepareScenario } from '../../../firmware-sim/scenario/prepare-scenario.ts';
import { writeScenarioToDatabase } from '../../../firmware-sim/scenario/scenario-db.ts';
import { syntheticScenario } from '../../../firmware-sim/scenario/synthetic.ts';
import { createTestDatabase, randomTenant, randomTopicPrefix, TEST_MQTT_URL, type TestDatabase } from '../../helpers/index.ts';

const START = Date.UTC(2026, 0, 5);
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PBF = resolve(REPO, process.env.OSM_PBF ?? '../shared/data/monaco.osm.pbf');

describe('scenario in the database and the closed loop', () => {
  let db: TestDatabase;
  const tenant = randomTenant();
  const scenario = syntheticScenario({ containers: 120, seed: 5, tenant: { id: tenant } });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const count = async (table: string) =>
    Number((await db.pool.query(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [tenant])).rows[0].n);

  it('writes every table and is idempotent', async () => {
    const first = await writeScenarioToDatabase(db.pool, scenario);
    const second = await writeScenarioToDatabase(db.pool, scenario);
    expect(second).toEqual(first);
    expect(await count('containers')).toBe(120);
    expect(await count('sensors')).toBe(120);
    expect(await count('depots')).toBe(1);
    expect(await count('disposal_facilities')).toBe(1);
    expect(await count('vehicle_types')).toBe(2);
    expect(await count('vehicles')).toBe(scenario.vehicles.length);
    const { rows } = await db.pool.query(`SELECT s.model, c.fraction, c.volume_m3 FROM sensors s JOIN containers c ON c.tenant_id = s.tenant_id AND c.id = s.container_id WHERE s.tenant_id = $1 AND s.id = $2`, [tenant, scenario.sensors[0].id]);
    expect(rows[0].fraction).toBe(scenario.containers[0].fraction);
    expect(rows[0].model).toBe(scenario.sensors[0].model);
  });

  it('updates rows when the scenario changes', async () => {
    const changed = structuredClone(scenario);
    changed.containers[0].volumeM3 = 7;
    await writeScenarioToDatabase(db.pool, changed);
    const { rows } = await db.pool.query('SELECT volume_m3 FROM containers WHERE tenant_id = $1 AND id = $2', [tenant, changed.containers[0].id]);
    expect(rows[0].volume_m3).toBe(7);
    expect(await count('containers')).toBe(120);
  });

  it('reads driver collection events (not sensor-derived ones) once each', async () => {
    const c = scenario.containers;
    await db.pool.query(
      `INSERT INTO collection_events (tenant_id, container_id, time, source, fill_after) VALUES
        ($1, $2, $3, 'driver', 0.01), ($1, $4, $3, 'sensor', 0.0)`,
      [tenant, c[0].id, new Date(START + 3_600_000), c[1].id],
    );
    const feed = new CollectionFeed(db.pool, tenant, START);
    const events = await feed.poll();
    expect(events.map((e) => e.containerId)).toEqual([c[0].id]);
    expect(events[0].fillAfter).toBeCloseTo(0.01);
    expect(await feed.poll()).toEqual([]);
  });

  it('empties containers in the running fleet when a collection is recorded', async () => {
    const fleet = await startSimulatedFleet({
      config: { mqttUrl: TEST_MQTT_URL, mqttUsername: undefined, mqttPassword: undefined, databaseUrl: db.url },
      logger: createLogger('silent'), scenario, speed: Infinity, startMs: START, days: 0.1, prefix: randomTopicPrefix(), faults: NO_FAULTS,
    });
    const stats = await fleet.done;
    expect(stats.collectionsApplied).toBe(1);
    const id = scenario.containers[0].id;
    const untouched = scenario.containers[2].id;
    // Emptied at +1 h to 0.01: after 2.4 h it holds little, while an untouched container kept its start fill.
    expect(fleet.simulator.fillOf(id)!).toBeLessThan(0.05);
    expect(fleet.simulator.fillOf(untouched)!).toBeGreaterThanOrEqual(scenario.containers[2].initialFill);
  });

  it('resumes a live fleet from the fills the database knows', async () => {
    const id = scenario.containers[3].id;
    await db.pool.query(`INSERT INTO container_state (tenant_id, container_id, fill_level) VALUES ($1, $2, 0.97)`, [tenant, id]);
    const fleet = await startSimulatedFleet({
      config: { mqttUrl: TEST_MQTT_URL, mqttUsername: undefined, mqttPassword: undefined, databaseUrl: db.url },
      logger: createLogger('silent'), scenario, speed: Infinity, days: 0.01, prefix: randomTopicPrefix(), faults: NO_FAULTS,
    });
    await fleet.done;
    expect(fleet.simulator.fillOf(id)!).toBeGreaterThanOrEqual(0.97);
    expect(fleet.simulator.fillOf(scenario.containers[4].id)!).toBeLessThan(0.9);
  });

  it.skipIf(!existsSync(PBF))('prepares the scenario of a running system: built once, then loaded, always in the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-prep-'));
    const file = join(dir, 'city.json');
    const other = randomTenant();
    try {
      const config = { osmPbf: PBF, tenant: other, timeZone: 'Europe/Amsterdam' };
      const built = await prepareScenario({ config, pool: db.pool, scenario: file, containers: 50 });
      expect(existsSync(file)).toBe(true);
      const loaded = await prepareScenario({ config, pool: db.pool, scenario: file });
      expect(loaded).toEqual(built);
      const { rows } = await db.pool.query('SELECT count(*) AS n FROM sensors WHERE tenant_id = $1', [other]);
      expect(Number(rows[0].n)).toBe(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
