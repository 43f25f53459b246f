/**
 * Names that keep concurrent test runs apart on the shared services: an MQTT topic prefix and a
 * BullMQ queue prefix per test file, and a cleanup for the Redis keys under the prefix.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

export function randomSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A topic prefix like `test-lq3k1a9f2c/`; prepend it to every topic a test publishes or subscribes. */
export function randomTopicPrefix(): string {
  return `test-${randomSuffix()}/`;
}

/** A BullMQ `prefix` option for queues, workers and queue events of one test file. */
export function randomQueuePrefix(): string {
  return `test-bull-${randomSuffix()}`;
}

/** A tenant id that no other run uses (tenant ids also scope MQTT topics). */
export function randomTenant(): string {
  return `t-${randomSuffix()}`;
}

/** Delete every Redis key under a BullMQ prefix. */
export async function clearQueuePrefix(prefix: string, redisUrl = TEST_REDIS_URL): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
