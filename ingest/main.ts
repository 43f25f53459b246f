/**
 * The ingester as its own process (docker compose service, kill/restart test):
 *
 *   node --import tsx ingest/main.ts [--client-id ID] [--topic-prefix P] [--metrics-port 9464]
 *        [--batch-size N] [--batch-wait-ms MS] [--max-in-flight N] [--share-group G] [--writers N]
 *        [--test-hold-acks-after N]
 *
 * Configuration from the environment (platform/config.ts: DATABASE_URL, MQTT_URL, ...); the flags
 * above are per-instance settings. Migrates the database, serves Prometheus metrics on
 * http://0.0.0.0:<metrics-port>/metrics (0 = off), and on SIGTERM/SIGINT commits what it holds,
 * acknowledges it and disconnects (the broker keeps the session for the next start).
 * `--share-group G` subscribes shared under `$share/G/` (else INGEST_SUBSCRIPTION decides).
 * `--test-hold-acks-after N` is a crash-test hook: once N messages are committed, the batch that
 * reached N is committed but never acknowledged, and a line `ingest test hook: holding acks` with
 * its sequence numbers is printed, so a test can kill the process inside that window.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import client from 'prom-client';
import { loadConfig } from '../platform/config.ts';
import { ensureDatabase } from '../platform/db.ts';
import { isAppError } from '../platform/errors.ts';
import { createLogger } from '../platform/logger.ts';
import { migrateDatabase } from './migrations/index.ts';
import { INGEST_DEFAULTS, startIngester } from './ingester.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'client-id': { type: 'string' },
      'topic-prefix': { type: 'string' },
      'metrics-port': { type: 'string', default: '9464' },
      'batch-size': { type: 'string' },
      'batch-wait-ms': { type: 'string' },
      'max-in-flight': { type: 'string' },
      'share-group': { type: 'string' },
      writers: { type: 'string' },
      'test-hold-acks-after': { type: 'string' },
    },
  });
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'ingest');
  const int = (v: string | undefined) => (v === undefined ? undefined : Number.parseInt(v, 10));

  await ensureDatabase(config.databaseUrl);
  await migrateDatabase(config.databaseUrl, { readingsRetentionDays: config.readingsRetentionDays, log: (msg, data) => logger.info(data ?? {}, msg) });

  client.collectDefaultMetrics();
  const metricsPort = int(values['metrics-port']) ?? 0;
  const server = metricsPort > 0
    ? createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      client.register.metrics().then((body) => {
        res.writeHead(200, { 'content-type': client.register.contentType }).end(body);
      }, () => res.writeHead(500).end());
    }).listen(metricsPort)
    : undefined;

  const holdAfter = int(values['test-hold-acks-after']);
  let committed = 0;
  const beforeAcknowledge = holdAfter === undefined ? undefined : async ({ messages, seqs }: { messages: number; seqs: number[] }) => {
    committed += messages;
    if (committed < holdAfter) return;
    process.stdout.write(`${JSON.stringify({ msg: 'ingest test hook: holding acks', committed, messages, seqs })}\n`);
    await new Promise<never>(() => {});
  };

  const ingester = await startIngester({
    config,
    logger,
    clientId: values['client-id'] ?? INGEST_DEFAULTS.clientId,
    topicPrefix: values['topic-prefix'],
    shareGroup: values['share-group'],
    batchSize: int(values['batch-size']),
    batchWaitMs: int(values['batch-wait-ms']),
    maxInFlight: int(values['max-in-flight']),
    writers: int(values.writers),
    beforeAcknowledge,
  });
  // Tests wait for this line before publishing.
  process.stdout.write(`${JSON.stringify({ msg: 'ingest ready', pid: process.pid })}\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    ingester.stop().then(
      () => {
        server?.close();
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(isAppError(err) ? err.exitCode : 1);
});
