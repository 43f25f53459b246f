/**
 * Wires the ingester: MQTT source → decode (contracts) → batch queue → one writer committing
 * batches (store/) → PUBACK → alerts published on `waste/v1/{tenant}/alerts`. Decoding happens on
 * arrival, so it overlaps the database write of the previous batch.
 */
import { hostname } from 'node:os';
import type pg from 'pg';
import type { Config } from '../platform/config.ts';
import { createPool } from '../platform/db.ts';
import { InputError } from '../platform/errors.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { alertsTopic, createMessageDecoder, DEFAULT_MAX_PAYLOAD_BYTES, encodeAlert, sharedIngestSubscriptions, ingestTopicFilters, type AlertMessage, type DecodeResult, type ParsedTopic } from './contracts/index.ts';
import { ingestMetrics } from './metrics.ts';
import { BatchQueue } from './pipeline/batch-queue.ts';
import { createDeadLetterLog } from './pipeline/dead-letter-log.ts';
import { REGISTRY_DECIDES_TENANT, type DecodedItem, type MessageOrigin } from './pipeline/prepare-batch.ts';
import { startIntegrationSources, type IntegrationSources } from './source/integration-sources.ts';
import { startMqttSource, type MqttSource, type SourceMessage } from './source/mqtt-source.ts';
import { DEFAULT_HEALTH_RULES } from './source/subscription-health.ts';
import type { SubscriptionStatus } from './source/subscriptions.ts';
import { startSubscriptionWatchdog } from './source/subscription-watchdog.ts';
import type { IntegrationConnection } from '../registry/sensors/integration-store.ts';
import { createBatchCommitter, GaveUp } from './store/batch-committer.ts';
import { expectedMessagesPerSecond, SensorRegistry } from './store/sensor-registry.ts';
import { raiseSilentAlerts } from './store/silent-sensors.ts';

export interface IngesterOptions {
  /** Source of mqttUrl / credentials / databaseUrl / logLevel when the fields below are not given. */
  config?: Pick<Config, 'mqttUrl' | 'mqttUsername' | 'mqttPassword' | 'databaseUrl' | 'logLevel'>
    & Partial<Pick<Config, 'ingestSubscription' | 'ingestShareGroup' | 'ingestMaxPayloadBytes' | 'ingestSilenceAlarmS' | 'secretsKey'>>;
  logger?: Logger;
  /** An existing pool (the all-in-one process); else one is created from databaseUrl and closed on stop. */
  pool?: pg.Pool;
  databaseUrl?: string;
  mqttUrl?: string;
  mqttUsername?: string;
  mqttPassword?: string;
  /** Prepended to every topic (tests, benchmarks). */
  topicPrefix?: string;
  /** Fixed per ingester instance: the broker keeps this client's session while it is away. */
  clientId?: string;
  /**
   * Shared subscription group; several ingesters in one group split the messages. null: plain
   * (durable) subscriptions, the default: they survive a broker restart in its persisted session,
   * shared ones did not (ingest/README.md). Without this option, config.ingestSubscription decides.
   */
  shareGroup?: string | null;
  /** Cap over each format's payload size limit (contracts/payload-bounds.ts). */
  maxPayloadBytes?: number;
  /** Shortest silence of a granted subscription that raises the subscription alarm. */
  silenceAlarmMs?: number;
  /**
   * Test hook, called after a batch committed and before its PUBACKs are sent: a crash test holds
   * it to kill the ingester while committed-but-unacknowledged work exists.
   */
  beforeAcknowledge?: (batch: { messages: number; seqs: number[] }) => Promise<void>;
  batchSize?: number;
  batchWaitMs?: number;
  /**
   * Writers committing batches at the same time, each on its own connection (default 2). Messages
   * are partitioned by sensor, so one sensor's readings stay in order in one writer and writers do
   * not wait on each other's container-state locks. PUBACKs of different partitions may leave out
   * of receipt order (MQTT asks a client to keep it; Mosquitto, like other brokers, does not depend
   * on it); `writers: 1` keeps strict order. On the 2-core benchmark machine 2-3 writers let the
   * ingester keep pace with the publishers, 1 did not (bench figures in ingest/README.md).
   */
  writers?: number;
  /** Unacknowledged messages at most (MQTT 5 receive maximum, 1..65535). */
  maxInFlight?: number;
  sessionExpirySeconds?: number;
  /** MQTT 5 (default) or 3.1.1 for brokers without MQTT 5 (aedes); see source/mqtt-source.ts. */
  protocolVersion?: 4 | 5;
  /** How often to look for silent sensors; 0 disables. */
  silentCheckIntervalMs?: number;
  /** How long stop() keeps trying to commit what it holds. */
  stopTimeoutMs?: number;
  /** How long to wait for the broker's first CONNACK and SUBACK before giving up. */
  connectTimeoutMs?: number;
  /** How often the tenants' network-server integrations are read again (0: no integrations). */
  integrationPollMs?: number;
  /** Decrypts the integrations' secrets (SECRETS_KEY); default config.secretsKey. */
  secretsKey?: Buffer;
  /** How often the sensor registry's change counter is compared (store/sensor-registry.ts). */
  registryCheckMs?: number;
}

export interface IngesterStats {
  received: number;
  /** Messages committed (as rows or dead letters) and acknowledged. */
  acknowledged: number;
  stored: number;
  duplicates: number;
  deadLettered: number;
  batches: number;
  alertsPublished: number;
  /** Most messages held unacknowledged at once (bounded by maxInFlight). */
  maxUnacknowledged: number;
}

export interface Ingester {
  stats(): IngesterStats;
  /** Per MQTT subscription: granted on the current connection, when it last delivered. */
  subscriptions(): SubscriptionStatus[];
  stop(): Promise<void>;
}

export const INGEST_DEFAULTS = {
  // Stable per host (the broker keeps this session while the ingester restarts) and distinct per
  // replica, so scaled ingesters share the load through the shared subscription instead of
  // taking each other's session over.
  clientId: `afvalroute-ingest-${hostname()}`,
  shareGroup: null,
  batchSize: 2000,
  batchWaitMs: 100,
  writers: 2,
  maxInFlight: 10_000,
  sessionExpirySeconds: 7 * 24 * 3600,
  silentCheckIntervalMs: 60_000,
  stopTimeoutMs: 10_000,
  connectTimeoutMs: 30_000,
  maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES,
  silenceAlarmMs: 300_000,
  integrationPollMs: 10_000,
  registryCheckMs: 1_000,
};

export async function startIngester(options: IngesterOptions = {}): Promise<Ingester> {
  const fromConfig = {
    shareGroup: options.config?.ingestSubscription === 'shared' ? options.config.ingestShareGroup ?? 'ingest' : undefined,
    maxPayloadBytes: options.config?.ingestMaxPayloadBytes,
    silenceAlarmMs: options.config?.ingestSilenceAlarmS === undefined ? undefined : options.config.ingestSilenceAlarmS * 1000,
  };
  const given = (x: object) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined));
  const o = { ...INGEST_DEFAULTS, ...given(fromConfig), ...given(options) } as IngesterOptions & typeof INGEST_DEFAULTS;
  const log = (options.logger ?? createLogger(options.config?.logLevel ?? 'info')).child({ component: 'ingest' });
  const databaseUrl = o.databaseUrl ?? o.config?.databaseUrl;
  const mqttUrl = o.mqttUrl ?? o.config?.mqttUrl;
  if (!o.pool && !databaseUrl) throw new Error('startIngester: pool or databaseUrl is required');
  if (!mqttUrl) throw new Error('startIngester: mqttUrl (or config) is required');
  const ownPool = !o.pool;
  const pool = o.pool ?? createPool(databaseUrl!, { max: o.writers + 1, application_name: o.clientId });
  const prefix = o.topicPrefix ?? '';
  const metrics = ingestMetrics();
  const stats: IngesterStats = { received: 0, acknowledged: 0, stored: 0, duplicates: 0, deadLettered: 0, batches: 0, alertsPublished: 0, maxUnacknowledged: 0 };
  const writers = Math.max(1, o.writers);
  type Queued = { message: SourceMessage; item: DecodedItem; source: MqttSource };
  const queues = Array.from({ length: writers }, () => new BatchQueue<Queued>(o.batchSize, o.batchWaitMs));
  const partitionOf = (item: DecodedItem): number => {
    if (writers === 1) return 0;
    const key = item.result.ok && item.result.readings.length > 0 ? item.result.readings[0]!.sensorId : item.topic;
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
    return (h >>> 0) % writers;
  };
  const logDeadLetter = createDeadLetterLog(log);
  // Topics are parsed under the prefix of the connection they came through (an integration may have its own).
  const decoders = new Map<string, ReturnType<typeof createMessageDecoder>>();
  const decoderFor = (topicPrefix: string) => {
    let d = decoders.get(topicPrefix);
    if (!d) decoders.set(topicPrefix, (d = createMessageDecoder(topicPrefix, { maxPayloadBytes: o.maxPayloadBytes })));
    return d;
  };
  let stopDeadlineMs = Infinity;
  const receivedByFormat = new Map<string, number>();
  const flushReceived = () => {
    for (const [format, n] of receivedByFormat) {
      metrics.received.inc({ format }, n);
      metrics.inFlight.inc(n);
    }
    receivedByFormat.clear();
  };

  /**
   * Decode on arrival and queue. The tenant of a LoRaWAN uplink is the integration's (a network
   * server's own connection, or an application the tenant claimed on our broker), else the sensor
   * registry's by DevEUI; never the network server's own tenant id.
   */
  function receive(message: SourceMessage, source: MqttSource, integration?: IntegrationConnection): void {
    stats.received++;
    if (stats.received - stats.acknowledged > stats.maxUnacknowledged) stats.maxUnacknowledged = stats.received - stats.acknowledged;
    let origin: MessageOrigin | undefined;
    const lorawanTenantOf = (parsed: ParsedTopic): string => {
      const claim = integration
        ? (parsed.applicationId === integration.applicationId ? { tenantId: integration.tenantId, integrationId: integration.id } : undefined)
        : integrations?.claims().get(parsed.applicationId ?? '');
      if (claim) {
        if (!integration) integrations?.countOwnBrokerMessage(claim.integrationId);
        origin = { format: parsed.format, integrationId: claim.integrationId, integrationTenantId: claim.tenantId };
        return claim.tenantId;
      }
      origin = { format: parsed.format, tenantFromRegistry: true };
      return REGISTRY_DECIDES_TENANT;
    };
    let result: DecodeResult;
    let format = 'unknown';
    try {
      ({ format, result } = decoderFor(integration ? integration.topicPrefix : prefix)(message.topic, message.payload, Date.now(), lorawanTenantOf));
    } catch (err) {
      // A decoder bug must not stop the ingester; the message is kept as a dead letter and
      // logged (without a stack per message) by the rate-limited dead-letter log.
      result = { ok: false, rejection: { reason: 'bad_payload', detail: `decoder error: ${String((err as Error).message).slice(0, 200)}` } };
    }
    // Counted per batch below: a metric update per message costs more than the decode.
    receivedByFormat.set(format, (receivedByFormat.get(format) ?? 0) + 1);
    const item: DecodedItem = { topic: message.topic, payload: message.payload, result };
    if (origin) item.origin = origin;
    queues[partitionOf(item)]!.push({ message, item, source });
  }

  let integrations: IntegrationSources | undefined;
  const source: MqttSource = startMqttSource({
    url: mqttUrl,
    username: o.mqttUsername ?? o.config?.mqttUsername,
    password: o.mqttPassword ?? o.config?.mqttPassword,
    clientId: o.clientId,
    subscriptions: o.shareGroup === null ? ingestTopicFilters(prefix) : sharedIngestSubscriptions(prefix, o.shareGroup),
    receiveMaximum: Math.max(1, Math.min(65_535, o.maxInFlight)),
    sessionExpirySeconds: o.sessionExpirySeconds,
    protocolVersion: o.protocolVersion,
    logger: log,
    onMessage: (message) => receive(message, source),
  });
  source.client.on('connect', () => integrations?.setOwnBrokerConnected(true));
  source.client.on('close', () => integrations?.setOwnBrokerConnected(false));

  const commit = createBatchCommitter({
    pool,
    registry: new SensorRegistry({ versionCheckMs: o.registryCheckMs }),
    logger: log,
    onRetry: () => metrics.dbRetries.inc(),
    shouldGiveUp: () => Date.now() > stopDeadlineMs,
  });

  // Alert publishes still on their way; stop() waits for them before disconnecting.
  const publishing = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    publishing.add(p);
    void p.finally(() => publishing.delete(p));
  };

  async function publishAlerts(alerts: AlertMessage[]): Promise<void> {
    for (const a of alerts) {
      metrics.alertsRaised.inc({ kind: a.kind });
      try {
        await source.publish(alertsTopic(a.tenantId, prefix), encodeAlert(a));
        stats.alertsPublished++;
      } catch (err) {
        log.warn({ err: (err as Error).message, alert: a.id }, 'alert stored but not published');
      }
    }
  }

  /** PUBACKs go back on the connection each message came through. */
  function acknowledge(batch: readonly Queued[]): void {
    const bySource = new Map<MqttSource, SourceMessage[]>();
    for (const b of batch) {
      const list = bySource.get(b.source);
      if (list) list.push(b.message);
      else bySource.set(b.source, [b.message]);
    }
    for (const [s, messages] of bySource) s.acknowledge(messages);
  }

  async function writerLoop(queue: BatchQueue<Queued>): Promise<void> {
    while (true) {
      const batch = await queue.take();
      flushReceived();
      if (batch.length === 0) return;
      const started = Date.now();
      let outcome;
      try {
        outcome = await commit(batch.map((b) => b.item));
      } catch (err) {
        if (err instanceof GaveUp) {
          log.warn({ batch: batch.length }, 'shutdown: batch left unacknowledged, the broker will redeliver it');
          return;
        }
        throw err;
      }
      if (o.beforeAcknowledge) {
        const seqs = batch.flatMap((b) => (b.item.result.ok ? b.item.result.readings.flatMap((r) => (r.seq === undefined ? [] : [r.seq])) : []));
        await o.beforeAcknowledge({ messages: batch.length, seqs });
      }
      acknowledge(batch);
      stats.acknowledged += batch.length;
      const done = Date.now();
      metrics.inFlight.dec(batch.length);
      metrics.batchSize.observe(batch.length);
      metrics.batchSeconds.observe((done - started) / 1000);
      metrics.lagSeconds.observe((done - batch[0]!.message.receivedAtMs) / 1000);
      metrics.stored.inc(outcome.stored);
      metrics.duplicates.inc(outcome.duplicates);
      metrics.collectionEvents.inc(outcome.collectionEvents);
      let newest = 0;
      for (const b of batch) if (b.item.result.ok) for (const r of b.item.result.readings) newest = Math.max(newest, Date.parse(r.time));
      if (newest > 0) metrics.readingAgeSeconds.set((done - newest) / 1000);
      for (const d of outcome.deadLetters) {
        metrics.deadLetters.inc({ reason: d.reason });
        logDeadLetter(d);
      }
      stats.batches++;
      stats.stored += outcome.stored;
      stats.duplicates += outcome.duplicates;
      stats.deadLettered += outcome.deadLetters.length;
      if (outcome.alerts.length > 0) track(publishAlerts(outcome.alerts));
    }
  }

  const writerDone = Promise.all(queues.map((q) => writerLoop(q))).catch((err) => {
    log.fatal({ err }, 'ingest writer stopped');
    throw err;
  });

  const watchdog = startSubscriptionWatchdog({
    source,
    expectedPerSecond: () => expectedMessagesPerSecond(pool),
    metrics,
    logger: log,
    rules: { ...DEFAULT_HEALTH_RULES, minSilenceMs: o.silenceAlarmMs },
  }, Math.max(1000, Math.min(30_000, o.silenceAlarmMs / 4)));

  let silentTimer: NodeJS.Timeout | undefined;
  if (o.silentCheckIntervalMs > 0) {
    silentTimer = setInterval(() => {
      track(raiseSilentAlerts(pool).then(publishAlerts, (err: Error) => log.warn({ err: err.message }, 'silent-sensor check failed')));
    }, o.silentCheckIntervalMs);
    silentTimer.unref();
  }

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      source.ready,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new InputError(`MQTT broker at ${mqttUrl} did not accept the ingester within ${o.connectTimeoutMs / 1000} s`,
          [{ name: 'MQTT_URL', reason: `no CONNACK/SUBACK from ${mqttUrl}` }])), o.connectTimeoutMs);
      }),
    ]);
  } catch (err) {
    if (silentTimer) clearInterval(silentTimer);
    watchdog.stop();
    for (const q of queues) q.close();
    await source.client.endAsync(true).catch(() => {});
    if (ownPool) await pool.end();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  // Sets the subscription gauges at once instead of after the first interval.
  watchdog.check().catch((err: Error) => log.warn({ err: err.message }, 'subscription watchdog check failed'));
  if (o.integrationPollMs > 0) {
    integrations = startIntegrationSources({
      pool,
      logger: log,
      secretsKey: o.secretsKey ?? o.config?.secretsKey,
      clientIdBase: o.clientId,
      receiveMaximum: Math.max(1, Math.min(65_535, o.maxInFlight)),
      sessionExpirySeconds: o.sessionExpirySeconds,
      pollMs: o.integrationPollMs,
      reporter: o.clientId,
      onMessage: (message, integration, from) => receive(message, from, integration),
    });
  }
  log.info({ clientId: o.clientId, prefix, subscription: o.shareGroup === null ? 'durable' : `shared ($share/${o.shareGroup}/)`,
    batchSize: o.batchSize, maxInFlight: o.maxInFlight }, 'ingester started');

  let stopping: Promise<void> | undefined;
  return {
    stats: () => ({ ...stats }),
    subscriptions: () => source.subscriptions(),
    stop() {
      stopping ??= (async () => {
        if (silentTimer) clearInterval(silentTimer);
        watchdog.stop();
        stopDeadlineMs = Date.now() + o.stopTimeoutMs;
        for (const q of queues) q.close();
        await writerDone.catch(() => {});
        await Promise.all([...publishing]);
        await source.close();
        await integrations?.close();
        if (ownPool) await pool.end();
        log.info(stats, 'ingester stopped');
      })();
      return stopping;
    },
  };
}
