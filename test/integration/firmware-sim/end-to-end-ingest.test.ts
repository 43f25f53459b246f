import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngester, type Ingester } from '../../../ingest/index.ts';
import { createLogger } from '../../../platform/logger.ts';
import { NO_FAULTS } from '../../../firmware-sim/model/faults.ts';
import { startSimulatedFleet } from '../../../firmware-sim/publish/start-fleet.ts';
import { writeScenarioToDatabase } from '../../../firmware-sim/scenario/scenario-db.ts';
import { syntheticScenario } from '../../../firmware-sim/scenario/synthetic.ts';
import { createTestDatabase, randomSuffix, randomTenant, randomTopicPrefix, TEST_MQTT_URL, type TestDatabase } from '../../helpers/index.ts';

const logger = createLogger('silent');

describe('simulated fleet → Mosquitto → ingester → database', () => {
  let db: TestDatabase;
  let ingester: Ingester | undefined;
  const prefix = randomTopicPrefix();
  const tenant = randomTenant();
  const scenario = syntheticScenario({ containers: 60, seed: 8, tenant: { id: tenant }, undergroundShare: 0.5 });

  beforeAll(async () => {
    db = await createTestDatabase();
    await writeScenarioToDatabase(db.pool, scenario);
    ingester = await startIngester({
      pool: db.pool, mqttUrl: TEST_MQTT_URL, topicPrefix: prefix, clientId: `sim-e2e-${randomSuffix()}`, shareGroup: null,
      silentCheckIntervalMs: 0, sessionExpirySeconds: 0, logger,
    });
  });
  afterAll(async () => {
    await ingester?.stop();
    await db?.drop();
  });

  it('stores every reading the fleet sends (TTN uplinks with device byte layouts)', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const startMs = Math.floor(Date.now() / 1000) * 1000 - 86_400_000;
    const fleet = await startSimulatedFleet({
      config: { mqttUrl: TEST_MQTT_URL, mqttUsername: undefined, mqttPassword: undefined, databaseUrl: db.url },
      logger, scenario, speed: Infinity, startMs, days: 0.9, format: 'ttn', payload: 'device', prefix, faults: NO_FAULTS, closedLoop: false,
    });
    const sent = (await fleet.done).sent;
    expect(sent).toBeGreaterThan(60 * 20);
    for (let i = 0; i < 200 && ingester!.stats().acknowledged < sent; i++) await new Promise((r) => setTimeout(r, 100));
    expect(ingester!.stats().acknowledged).toBe(sent);
    const readings = await db.pool.query('SELECT count(*) AS n, count(DISTINCT container_id) AS c FROM readings WHERE tenant_id = $1', [tenant]);
    expect(Number(readings.rows[0].n)).toBe(sent);
    expect(Number(readings.rows[0].c)).toBe(60);
    const dead = await db.pool.query('SELECT reason, detail FROM dead_letters WHERE tenant_id = $1 LIMIT 3', [tenant]);
    expect(dead.rows).toEqual([]);
  });

  it('closes the loop: a driver collection empties the container, the stored readings drop', async () => {
    const full = [...scenario.containers].sort((a, b) => b.initialFill - a.initialFill)[0];
    const startMs = Math.floor(Date.now() / 1000) * 1000 - 2 * 86_400_000;
    const emptiedAt = startMs + 3 * 3_600_000;
    await db.pool.query(`INSERT INTO collection_events (tenant_id, container_id, time, source) VALUES ($1, $2, $3, 'driver')`, [tenant, full.id, new Date(emptiedAt)]);
    const before = ingester!.stats().acknowledged;
    const fleet = await startSimulatedFleet({
      config: { mqttUrl: TEST_MQTT_URL, mqttUsername: undefined, mqttPassword: undefined, databaseUrl: db.url },
      logger, scenario, speed: Infinity, startMs, days: 0.5, format: 'native', prefix, faults: NO_FAULTS, seed: 99,
    });
    const stats = await fleet.done;
    expect(stats.collectionsApplied).toBe(1);
    for (let i = 0; i < 200 && ingester!.stats().acknowledged < before + stats.sent; i++) await new Promise((r) => setTimeout(r, 100));
    expect(ingester!.stats().acknowledged).toBe(before + stats.sent);
    const q = (cmp: string) => db.pool.query<{ f: number | null }>(
      `SELECT ${cmp}(fill_level) AS f FROM readings WHERE tenant_id = $1 AND container_id = $2 AND time ${cmp === 'max' ? '<' : '>'} $3 AND time > $4 AND time < $5`,
      [tenant, full.id, new Date(emptiedAt), new Date(startMs), new Date(startMs + 12 * 3_600_000)],
    );
    const maxBefore = (await q('max')).rows[0].f!;
    const minAfter = (await q('min')).rows[0].f!;
    expect(maxBefore).toBeGreaterThan(0.3);
    expect(minAfter).toBeLessThan(0.1);
  });
});
