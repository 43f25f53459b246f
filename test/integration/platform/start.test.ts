import { afterAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import pg from 'pg';
import { freePort, spawnTs } from '../../helpers/processes.ts';
import { TEST_SERVER_URL } from '../../helpers/database.ts';
import { clearQueuePrefix, TEST_MQTT_URL } from '../../helpers/index.ts';
import { quoteIdent, withDatabase } from '../../../platform/db.ts';
import { randomQueuePrefix, randomSuffix, randomTopicPrefix } from '../../helpers/isolation.ts';

// `npm start` as a real process: creates its database, migrates, serves /v1/health.
describe('npm start (scripts/start.ts)', () => {
  const dbName = `t_start_${randomSuffix()}`;
  afterAll(async () => {
    const c = new pg.Client({ connectionString: TEST_SERVER_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(dbName)} WITH (FORCE)`);
    await c.end();
  });

  it('comes up on a new database, migrates, answers /v1/health and stops on SIGTERM', async () => {
    const port = await freePort();
    const topicPrefix = randomTopicPrefix();
    const queuePrefix = randomQueuePrefix();
    const clientId = `start-test-${randomSuffix()}`;
    const proc = spawnTs('scripts/start.ts', {
      DATABASE_URL: withDatabase(TEST_SERVER_URL, dbName),
      PORT: String(port),
      SIMULATOR: 'false',
      LOG_LEVEL: 'warn',
      // its own topics, MQTT session and queue keys on the shared broker and Redis
      MQTT_TOPIC_PREFIX: topicPrefix,
      INGEST_CLIENT_ID: clientId,
      WORKER_QUEUE_PREFIX: queuePrefix,
    });
    try {
      await proc.waitFor(/Press Ctrl\+C to stop/, 60_000);
      expect(proc.output()).toContain(`http://127.0.0.1:${port}/docs`);
      const res = await fetch(`http://127.0.0.1:${port}/v1/health`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { status: string; components: Record<string, { status: string }> };
      expect(Object.keys(body.components)).toEqual(expect.arrayContaining(['database', 'redis', 'broker', 'router']));
      expect(body.components.database!.status).toBe('up');
      expect(body.components.redis!.status).toBe('up');
    } finally {
      expect(await proc.stop()).toBe(0);
      await clearQueuePrefix(queuePrefix);
      // end the durable session the ingester left in the shared broker
      const session = await mqtt.connectAsync(TEST_MQTT_URL, { clientId, clean: true, protocolVersion: 5, properties: { sessionExpiryInterval: 0 } });
      await session.endAsync();
    }
  }, 120_000); // covers the 60 s wait for the start line and the stop

  it('stops with a clear message, not a stack trace, when PostgreSQL does not answer', async () => {
    const proc = spawnTs('scripts/start.ts', {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/afvalroute',
      PORT: String(await freePort()),
    });
    const code = await proc.exited;
    expect(code).toBe(2);
    const out = proc.output();
    expect(out).toContain('PostgreSQL does not answer at 127.0.0.1:1 (DATABASE_URL)');
    expect(out).toContain('docker compose up -d db redis');
    expect(out).toContain('pg_ctlcluster');
    expect(out).not.toMatch(/^\s+at /m);
  });

  it('stops with a clear message when Redis does not answer', async () => {
    const proc = spawnTs('scripts/start.ts', { REDIS_URL: 'redis://127.0.0.1:1', PORT: String(await freePort()) });
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toContain('Redis does not answer at 127.0.0.1:1 (REDIS_URL)');
    expect(proc.output()).not.toMatch(/^\s+at /m);
  });

  it('names a wrong configuration variable', async () => {
    const proc = spawnTs('scripts/start.ts', { PORT: 'eighty' });
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toContain('PORT: expected a TCP port 1..65535, got "eighty"');
  });
});
