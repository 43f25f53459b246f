/**
 * A tenant's network-server integrations: The Things Stack applications, ChirpStack applications,
 * or applications on the installation's own broker. Secrets (API key, password) are encrypted with
 * SECRETS_KEY before they are stored and never leave this module except decrypted for the ingester.
 * Functions run inside the caller's transaction, like the sensor store.
 */
import type pg from 'pg';
import { decryptSecret, encryptSecret } from '../../platform/secrets.ts';
import { logChanges, type Actor } from '../store/change-log.ts';
import { RecordError, recordNotFound } from '../store/record-errors.ts';
import { integrationProblems, invalid, staleVersion, type IntegrationInput, type IntegrationKind, type IntegrationPatch } from './sensor-shapes.ts';

export interface IntegrationState {
  status: 'connecting' | 'connected' | 'disconnected' | 'error';
  connectedAt: string | null;
  lastMessageAt: string | null;
  messages: number;
  lastError: string | null;
  lastErrorAt: string | null;
  updatedAt: string;
}

export interface IntegrationRecord {
  id: string;
  kind: IntegrationKind;
  name: string;
  mqttUrl: string | null;
  applicationId: string;
  username: string | null;
  /** Whether a secret is stored (the secret itself is never returned). */
  hasSecret: boolean;
  topicPrefix: string;
  enabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  state: IntegrationState | null;
}

/** What the ingester needs to open a connection: the secret decrypted. */
export interface IntegrationConnection {
  id: string;
  tenantId: string;
  kind: IntegrationKind;
  mqttUrl: string | null;
  applicationId: string;
  username: string | null;
  secret: string | null;
  topicPrefix: string;
  version: number;
  /** Set when the secret could not be decrypted (wrong or missing SECRETS_KEY). */
  problem?: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const SELECT = `
  SELECT i.id, i.kind, i.name, i.mqtt_url, i.application_id, i.username, i.secret_ciphertext IS NOT NULL AS has_secret, i.topic_prefix,
         i.enabled, i.version, i.created_at, i.updated_at,
         st.status, st.connected_at, st.last_message_at, st.messages, st.last_error, st.last_error_at, st.updated_at AS state_updated_at
    FROM network_integrations i LEFT JOIN network_integration_state st ON st.integration_id = i.id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toRecord(r: any): IntegrationRecord {
  return {
    id: r.id, kind: r.kind, name: r.name, mqttUrl: r.mqtt_url, applicationId: r.application_id, username: r.username, hasSecret: r.has_secret,
    topicPrefix: r.topic_prefix, enabled: r.enabled, version: r.version, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    state: r.status
      ? { status: r.status, connectedAt: iso(r.connected_at), lastMessageAt: iso(r.last_message_at), messages: Number(r.messages), lastError: r.last_error,
        lastErrorAt: iso(r.last_error_at), updatedAt: r.state_updated_at.toISOString() }
      : null,
  };
}

export async function listIntegrations(db: pg.PoolClient | pg.Pool, tenantId: string): Promise<IntegrationRecord[]> {
  const { rows } = await db.query(`${SELECT} WHERE i.tenant_id = $1 ORDER BY i.created_at, i.id`, [tenantId]);
  return rows.map(toRecord);
}

export async function getIntegration(db: pg.PoolClient | pg.Pool, tenantId: string, id: string): Promise<IntegrationRecord | undefined> {
  const { rows } = await db.query(`${SELECT} WHERE i.tenant_id = $1 AND i.id = $2`, [tenantId, id]);
  return rows[0] && toRecord(rows[0]);
}

function sealed(secret: string | null | undefined, key: Buffer | undefined): string | null {
  if (!secret) return null;
  if (!key) throw invalid([{ name: 'body.secret', reason: 'this installation has no SECRETS_KEY configured, so secrets cannot be stored' }]);
  return encryptSecret(secret, key);
}

function uniqueApplication(err: unknown, applicationId: string): never {
  if ((err as { code?: string }).code === '23505') {
    throw new RecordError('exists', `application ${applicationId} is already claimed on the installation broker`, [{ name: 'body.applicationId', reason: 'claimed by another own-broker integration' }]);
  }
  throw err;
}

export async function createIntegration(db: pg.PoolClient, tenantId: string, input: IntegrationInput, key: Buffer | undefined, actor: Actor): Promise<IntegrationRecord> {
  const problems = integrationProblems(input);
  if (problems.length) throw invalid(problems);
  const ciphertext = sealed(input.secret, key);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO network_integrations (tenant_id, kind, name, mqtt_url, application_id, username, secret_ciphertext, topic_prefix, enabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [tenantId, input.kind, input.name, input.mqttUrl ?? null, input.applicationId, input.username ?? null, ciphertext, input.topicPrefix ?? '', input.enabled ?? true],
  ).catch((err) => uniqueApplication(err, input.applicationId));
  await logChanges(db, tenantId, actor, 'create', 'integration', [rows[0]!.id]);
  return (await getIntegration(db, tenantId, rows[0]!.id))!;
}

export async function updateIntegration(
  db: pg.PoolClient, tenantId: string, id: string, patch: IntegrationPatch, key: Buffer | undefined, actor: Actor, expectedVersion?: number,
): Promise<IntegrationRecord> {
  const { rows: [row] } = await db.query('SELECT kind, mqtt_url, version FROM network_integrations WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, id]);
  if (!row) throw recordNotFound('integration', id);
  if (expectedVersion !== undefined && row.version !== expectedVersion) throw staleVersion('integration', id, row.version);
  const mqttUrl = patch.mqttUrl === undefined ? row.mqtt_url : patch.mqttUrl;
  const problems = integrationProblems({ kind: row.kind, mqttUrl });
  if (problems.length) throw invalid(problems);
  const sets: string[] = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [tenantId, id];
  const set = (column: string, value: unknown) => sets.push(`${column} = $${params.push(value)}`);
  if (patch.name !== undefined) set('name', patch.name);
  if (patch.mqttUrl !== undefined) set('mqtt_url', patch.mqttUrl);
  if (patch.applicationId !== undefined) set('application_id', patch.applicationId);
  if (patch.username !== undefined) set('username', patch.username);
  if (patch.secret !== undefined) set('secret_ciphertext', sealed(patch.secret, key));
  if (patch.topicPrefix !== undefined) set('topic_prefix', patch.topicPrefix);
  if (patch.enabled !== undefined) set('enabled', patch.enabled);
  await db.query(`UPDATE network_integrations SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, params)
    .catch((err) => uniqueApplication(err, patch.applicationId ?? ''));
  await logChanges(db, tenantId, actor, 'update', 'integration', [id]);
  return (await getIntegration(db, tenantId, id))!;
}

export async function deleteIntegration(db: pg.PoolClient, tenantId: string, id: string, actor: Actor, expectedVersion?: number): Promise<void> {
  const { rows: [row] } = await db.query<{ version: number }>('SELECT version FROM network_integrations WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, id]);
  if (!row) throw recordNotFound('integration', id);
  if (expectedVersion !== undefined && row.version !== expectedVersion) throw staleVersion('integration', id, row.version);
  await db.query('DELETE FROM network_integrations WHERE id = $1', [id]);
  await logChanges(db, tenantId, actor, 'delete', 'integration', [id]);
}

/** Every enabled integration of every tenant, secrets decrypted (the ingester's view). */
export async function loadIntegrationConnections(db: pg.PoolClient | pg.Pool, key: Buffer | undefined): Promise<IntegrationConnection[]> {
  const { rows } = await db.query(
    `SELECT id, tenant_id, kind, mqtt_url, application_id, username, secret_ciphertext, topic_prefix, version
       FROM network_integrations WHERE enabled ORDER BY id`,
  );
  return rows.map((r) => {
    const c: IntegrationConnection = {
      id: r.id, tenantId: r.tenant_id, kind: r.kind, mqttUrl: r.mqtt_url, applicationId: r.application_id, username: r.username,
      secret: null, topicPrefix: r.topic_prefix, version: r.version,
    };
    if (r.secret_ciphertext) {
      try {
        if (!key) throw new Error('SECRETS_KEY is not configured');
        c.secret = decryptSecret(r.secret_ciphertext, key);
      } catch (err) {
        c.problem = `secret cannot be decrypted: ${(err as Error).message}`;
      }
    }
    return c;
  });
}

/**
 * The integrations of every tenant in one line for /v1/health: up when every enabled one is
 * connected (as last reported within `staleMs`), degraded otherwise, naming the ones that are not.
 */
export async function integrationsHealth(db: pg.Pool, staleMs = 60_000): Promise<{ status: 'up' | 'degraded'; detail: string }> {
  const { rows } = await db.query<{ id: string; tenant_id: string; name: string; status: string | null; last_error: string | null; age_ms: number | null }>(
    `SELECT i.id, i.tenant_id, i.name, st.status, st.last_error, (extract(epoch FROM now() - st.updated_at) * 1000)::float8 AS age_ms
       FROM network_integrations i LEFT JOIN network_integration_state st ON st.integration_id = i.id
      WHERE i.enabled ORDER BY i.tenant_id, i.name`,
  );
  if (rows.length === 0) return { status: 'up', detail: 'no network-server integrations' };
  const down = rows.filter((r) => r.status !== 'connected' || r.age_ms === null || r.age_ms > staleMs);
  const detail = `${rows.length - down.length} of ${rows.length} connected`
    + down.map((r) => `; ${r.tenant_id}/${r.name}: ${r.status === null || r.age_ms === null ? 'not reported by an ingester' : r.age_ms > staleMs ? 'no recent report' : r.status}${r.last_error ? ` (${r.last_error})` : ''}`).join('');
  return { status: down.length ? 'degraded' : 'up', detail: detail.slice(0, 2000) };
}
