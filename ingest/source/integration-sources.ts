/**
 * One MQTT source per network-server integration (ingest/source/mqtt-source.ts, the same
 * exactly-once source as the installation broker's: persistent session, PUBACK after commit), kept
 * in step with `network_integrations` by polling: an added or enabled integration is connected, a
 * changed one reconnected, a removed or disabled one closed, without restarting the ingester.
 * Own-broker integrations open nothing: they claim their application id on the installation broker.
 * Each integration's state (connecting, connected, disconnected, error; last message; messages;
 * last error) is written to `network_integration_state` at every poll, for `/v1/health` and the API.
 */
import type pg from 'pg';
import type { Logger } from '../../platform/logger.ts';
import { loadIntegrationConnections, type IntegrationConnection } from '../../registry/sensors/integration-store.ts';
import { startMqttSource, type MqttSource, type SourceMessage } from './mqtt-source.ts';

export interface IntegrationSourceOptions {
  pool: pg.Pool;
  logger: Logger;
  secretsKey: Buffer | undefined;
  /** Client ids are `${clientIdBase}-${integration id}`: fixed, so each network server keeps our session. */
  clientIdBase: string;
  receiveMaximum: number;
  sessionExpirySeconds: number;
  pollMs: number;
  /** Name of this ingester in the state rows. */
  reporter: string;
  onMessage(message: SourceMessage, integration: IntegrationConnection, source: MqttSource): void;
}

interface Running {
  integration: IntegrationConnection;
  source: MqttSource | undefined;
  status: 'connecting' | 'connected' | 'disconnected' | 'error';
  connectedAt: Date | null;
  lastMessageAt: Date | null;
  messages: number;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** An application on the installation broker claimed by a tenant's own-broker integration. */
export interface OwnBrokerClaim {
  tenantId: string;
  integrationId: string;
}

export interface IntegrationSources {
  /** Own-broker claims by application id. */
  claims(): ReadonlyMap<string, OwnBrokerClaim>;
  /** Count a message that arrived for an own-broker integration on the installation broker. */
  countOwnBrokerMessage(integrationId: string): void;
  /** Every source opened for an integration (their PUBACKs go through them). */
  sources(): MqttSource[];
  /** One poll now (tests; also what the timer does). */
  refresh(): Promise<void>;
  /** Mark own-broker integrations as the installation broker's connection is. */
  setOwnBrokerConnected(connected: boolean): void;
  close(): Promise<void>;
}

/** Topic filters of a network server's uplinks for one application. */
export function integrationSubscriptions(i: Pick<IntegrationConnection, 'kind' | 'applicationId' | 'topicPrefix'>): string[] {
  // TTS topics are v3/{application}@{tts tenant}/…: a level cannot be matched in part, so the
  // application id is checked per message (ingester.ts) instead.
  if (i.kind === 'things-stack') return [`${i.topicPrefix}v3/+/devices/+/up`];
  if (i.kind === 'chirpstack') return [`${i.topicPrefix}application/${i.applicationId}/device/+/event/up`];
  return [];
}

export function startIntegrationSources(options: IntegrationSourceOptions): IntegrationSources {
  const log = options.logger.child({ component: 'integrations' });
  const running = new Map<string, Running>();
  let claims = new Map<string, OwnBrokerClaim>();
  let ownBrokerConnected = true;
  let closed = false;

  function open(integration: IntegrationConnection): Running {
    const r: Running = { integration, source: undefined, status: 'connecting', connectedAt: null, lastMessageAt: null, messages: 0, lastError: null, lastErrorAt: null };
    const fail = (message: string) => {
      r.status = 'error';
      r.lastError = message.slice(0, 1000);
      r.lastErrorAt = new Date();
    };
    if (integration.problem) {
      fail(integration.problem);
      return r;
    }
    if (integration.kind === 'own-broker') {
      r.status = ownBrokerConnected ? 'connected' : 'disconnected';
      return r;
    }
    const source = startMqttSource({
      url: integration.mqttUrl!,
      username: integration.username ?? undefined,
      password: integration.secret ?? undefined,
      clientId: `${options.clientIdBase}-${integration.id}`,
      subscriptions: integrationSubscriptions(integration),
      receiveMaximum: options.receiveMaximum,
      sessionExpirySeconds: options.sessionExpirySeconds,
      logger: log.child({ integration: integration.id, tenant: integration.tenantId }),
      onMessage(message) {
        r.messages++;
        r.lastMessageAt = new Date(message.receivedAtMs);
        options.onMessage(message, integration, source);
      },
    });
    r.source = source;
    source.client.on('connect', () => {
      r.status = 'connected';
      r.connectedAt = new Date();
    });
    source.client.on('close', () => {
      if (r.status === 'connected') r.status = 'disconnected';
    });
    source.client.on('error', (err) => fail(err.message));
    source.ready.catch((err: Error) => fail(`subscribe failed: ${err.message}`));
    return r;
  }

  async function shut(r: Running): Promise<void> {
    if (r.source) await r.source.close().catch(() => {});
  }

  async function writeStates(): Promise<void> {
    const list = [...running.values()];
    if (list.length === 0) return;
    const col = <T>(f: (r: Running) => T) => list.map(f);
    await options.pool.query(
      `INSERT INTO network_integration_state (integration_id, status, connected_at, last_message_at, messages, last_error, last_error_at, reported_by, updated_at)
       SELECT i, s, c, m, n, e, ea, $8, now()
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::bigint[], $6::text[], $7::timestamptz[]) AS x(i, s, c, m, n, e, ea)
        WHERE EXISTS (SELECT 1 FROM network_integrations WHERE id = x.i)
       ON CONFLICT (integration_id) DO UPDATE SET status = excluded.status, connected_at = excluded.connected_at,
         last_message_at = excluded.last_message_at, messages = excluded.messages, last_error = excluded.last_error,
         last_error_at = excluded.last_error_at, reported_by = excluded.reported_by, updated_at = now()`,
      [col((r) => r.integration.id), col((r) => r.status), col((r) => r.connectedAt), col((r) => r.lastMessageAt), col((r) => r.messages),
        col((r) => r.lastError), col((r) => r.lastErrorAt), options.reporter],
    );
  }

  async function refresh(): Promise<void> {
    if (closed) return;
    const wanted = await loadIntegrationConnections(options.pool, options.secretsKey);
    const byId = new Map(wanted.map((w) => [w.id, w]));
    for (const [id, r] of running) {
      const next = byId.get(id);
      if (next && next.version === r.integration.version && next.problem === r.integration.problem) continue;
      running.delete(id);
      await shut(r);
      // Disabled or deleted: the last state says so (a deleted one's row is gone with it).
      if (!next) await options.pool.query(`UPDATE network_integration_state SET status = 'disconnected', updated_at = now() WHERE integration_id = $1`, [id]);
      log.info({ integration: id, tenant: r.integration.tenantId, change: next ? 'changed' : 'removed' }, 'integration closed');
    }
    for (const w of wanted) {
      if (running.has(w.id)) continue;
      running.set(w.id, open(w));
      log.info({ integration: w.id, tenant: w.tenantId, kind: w.kind }, 'integration opened');
    }
    claims = new Map(wanted.filter((w) => w.kind === 'own-broker' && !w.problem).map((w) => [w.applicationId, { tenantId: w.tenantId, integrationId: w.id }]));
    await writeStates();
  }

  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> = Promise.resolve();
  const poll = () => {
    polling = refresh().catch((err: Error) => log.warn({ err: err.message }, 'integration poll failed'));
    return polling;
  };
  void poll().finally(() => {
    if (!closed) timer = setInterval(() => void poll(), options.pollMs).unref();
  });

  return {
    claims: () => claims,
    countOwnBrokerMessage(integrationId) {
      const r = running.get(integrationId);
      if (!r) return;
      r.messages++;
      r.lastMessageAt = new Date();
    },
    sources: () => [...running.values()].flatMap((r) => (r.source ? [r.source] : [])),
    refresh: () => poll(),
    setOwnBrokerConnected(connected) {
      ownBrokerConnected = connected;
      for (const r of running.values()) if (r.integration.kind === 'own-broker' && !r.integration.problem) r.status = connected ? 'connected' : 'disconnected';
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await polling;
      for (const r of running.values()) {
        await shut(r);
        if (r.status !== 'error') r.status = 'disconnected';
      }
      await writeStates().catch(() => {});
      running.clear();
    },
  };
}
