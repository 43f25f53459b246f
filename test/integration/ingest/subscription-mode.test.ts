/**
 * INGEST_SUBSCRIPTION chooses the subscription mode: durable plain filters by default (they
 * survive a broker restart, broker-restart.test.ts), `$share/{INGEST_SHARE_GROUP}/` when shared;
 * an explicit `shareGroup` option wins over the configuration.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, randomTopicPrefix, TEST_MQTT_URL, type TestDatabase } from '../../helpers/index.ts';
import { startIngester } from '../../../ingest/index.ts';
import { ingestTopicFilters } from '../../../ingest/contracts/index.ts';
import { loadConfig } from '../../../platform/config.ts';
import { createLogger } from '../../../platform/logger.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function subscriptionsWith(env: Record<string, string>, options: { shareGroup?: string | null } = {}): Promise<string[]> {
  const prefix = randomTopicPrefix();
  const config = loadConfig({ ...env, DATABASE_URL: db.url, MQTT_URL: TEST_MQTT_URL, LOG_LEVEL: 'silent' });
  const ingester = await startIngester({
    config, pool: db.pool, topicPrefix: prefix, clientId: `mode-${prefix.slice(5, -1)}`, sessionExpirySeconds: 10,
    silentCheckIntervalMs: 0, logger: createLogger('silent'), ...options,
  });
  try {
    return ingester.subscriptions().filter((s) => s.granted).map((s) => s.subscription.replace(prefix, '{p}'));
  } finally {
    await ingester.stop();
  }
}

const plain = ingestTopicFilters('{p}');

it('durable by default, shared when configured, the option over the configuration', async () => {
  expect(await subscriptionsWith({})).toEqual(plain);
  expect(await subscriptionsWith({ INGEST_SUBSCRIPTION: 'shared', INGEST_SHARE_GROUP: 'grp' })).toEqual(plain.map((f) => `$share/grp/${f}`));
  expect(await subscriptionsWith({ INGEST_SUBSCRIPTION: 'shared' }, { shareGroup: null })).toEqual(plain);
});
