/**
 * One typed configuration, read from the environment and validated at start-up. A wrong or missing
 * value stops the program with a message naming the variable and what is expected (ConfigError).
 * `.env.example` documents every variable below; a unit test keeps the two in step.
 */
import { InputError } from './errors.ts';
import { parseSecretsKey } from './secrets.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  databaseUrl: string;
  redisUrl: string;
  mqttUrl: string;
  mqttUsername: string | undefined;
  mqttPassword: string | undefined;
  /** Start an in-process MQTT broker (aedes) when none answers at mqttUrl: auto | never. */
  embeddedBroker: 'auto' | 'never';
  /**
   * How the ingester subscribes: `durable` (one ingester, plain subscriptions that the broker keeps
   * in the persisted session) or `shared` (several ingesters splitting the load under
   * `$share/{ingestShareGroup}/`); the trade-off is in ingest/README.md.
   */
  ingestSubscription: 'durable' | 'shared';
  ingestShareGroup: string;
  /** Largest MQTT payload the ingester parses (bytes); each format has a lower limit of its own. */
  ingestMaxPayloadBytes: number;
  /** Shortest silence of a granted subscription that raises the subscription alarm (seconds). */
  ingestSilenceAlarmS: number;
  osrmUrl: string | undefined;
  osrmMaxTableSize: number;
  /** osrm-routed serving a truck profile, when the fleet needs one; empty: trucks use OSRM_URL. */
  osrmTruckUrl: string | undefined;
  /** How the server counts --max-table-size: sources × destinations (osrm-routed) or coordinates. */
  osrmTableSizeRule: 'sources-times-destinations' | 'coordinates';
  osrmTimeoutMs: number;
  /** Part of routing cache keys: change it when the OSRM data is rebuilt. */
  osrmDataVersion: string | undefined;
  osmPbf: string;
  host: string;
  port: number;
  publicUrl: string | undefined;
  tenant: string;
  timeZone: string;
  logLevel: LogLevel;
  readingsRetentionDays: number;
  corsOrigins: string[];
  /** Run the simulated sensor fleet inside `npm start` (demo / laptop). */
  simulator: boolean;
  /** Requests per minute per token (or per address without one); 0 switches the limit off. */
  apiRateLimitPerMinute: number;
  /** Plan jobs solved at the same time, each in its own sandboxed process. */
  workerConcurrency: number;
  /** BullMQ key prefix in Redis, so several installations (or test runs) can share one Redis. */
  workerQueuePrefix: string;
  /** Map tiles of the web pages ({z}/{x}/{y} template); undefined: OpenStreetMap; '' (MAP_TILE_URL=none): no background map. */
  mapTileUrl: string | undefined;
  /** Attribution shown under the map tiles. */
  mapTileAttribution: string | undefined;
  /** AES-256 key (32 bytes) encrypting network-server secrets at rest; undefined: integrations with secrets cannot be stored. */
  secretsKey: Buffer | undefined;
}

export class ConfigError extends InputError {}

type Env = Record<string, string | undefined>;

interface VarSpec<T> {
  readonly name: string;
  readonly expected: string;
  readonly fallback: string | undefined;
  parse(raw: string): T | undefined;
}

function spec<T>(name: string, expected: string, fallback: string | undefined, parse: (raw: string) => T | undefined): VarSpec<T> {
  return { name, expected, fallback, parse };
}

function url(protocols: string[]) {
  return (raw: string): string | undefined => {
    try {
      const u = new URL(raw);
      return protocols.includes(u.protocol) ? raw : undefined;
    } catch {
      return undefined;
    }
  };
}

function integer(min: number, max: number) {
  return (raw: string): number | undefined => {
    if (!/^\d+$/.test(raw.trim())) return undefined;
    const n = Number(raw);
    return n >= min && n <= max ? n : undefined;
  };
}

function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string): T | undefined => (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

const text = (raw: string) => (raw.length > 0 ? raw : undefined);
const bool = (raw: string) => (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase()) ? true : ['0', 'false', 'no', 'off'].includes(raw.toLowerCase()) ? false : undefined);

/** An http(s) tile URL template with {z}, {x} and {y}, or `none` for no background map. */
function tileTemplate(raw: string): string | undefined {
  if (raw === 'none') return '';
  if (!['{z}', '{x}', '{y}'].every((p) => raw.includes(p))) return undefined;
  return url(['http:', 'https:'])(raw);
}

function timeZone(raw: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone: raw });
    return raw;
  } catch {
    return undefined;
  }
}

/** Every variable the system reads, with its default. Order is the order of `.env.example`. */
export const CONFIG_VARS = {
  DATABASE_URL: spec('DATABASE_URL', 'a postgres:// URL', 'postgres://postgres@127.0.0.1:5432/afvalroute', url(['postgres:', 'postgresql:'])),
  REDIS_URL: spec('REDIS_URL', 'a redis:// URL', 'redis://127.0.0.1:6379', url(['redis:', 'rediss:'])),
  MQTT_URL: spec('MQTT_URL', 'an mqtt://, mqtts://, ws:// or wss:// URL', 'mqtt://127.0.0.1:1883', url(['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:'])),
  MQTT_USERNAME: spec('MQTT_USERNAME', 'a user name', '', text),
  MQTT_PASSWORD: spec('MQTT_PASSWORD', 'a password', '', text),
  EMBEDDED_BROKER: spec('EMBEDDED_BROKER', 'auto or never', 'auto', oneOf(['auto', 'never'] as const)),
  INGEST_SUBSCRIPTION: spec('INGEST_SUBSCRIPTION', 'durable or shared', 'durable', oneOf(['durable', 'shared'] as const)),
  INGEST_SHARE_GROUP: spec('INGEST_SHARE_GROUP', 'a shared-subscription group name: letters, digits, dashes', 'ingest',
    (raw) => (/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(raw) ? raw : undefined)),
  INGEST_MAX_PAYLOAD_BYTES: spec('INGEST_MAX_PAYLOAD_BYTES', 'an integer number of bytes 256..1048576', '65536', integer(256, 1_048_576)),
  INGEST_SILENCE_ALARM_S: spec('INGEST_SILENCE_ALARM_S', 'an integer number of seconds 10..86400', '300', integer(10, 86_400)),
  OSRM_URL: spec('OSRM_URL', 'an http(s):// URL of osrm-routed, or empty for the built-in router', '', url(['http:', 'https:'])),
  OSRM_MAX_TABLE_SIZE: spec('OSRM_MAX_TABLE_SIZE', 'an integer 2..100000 (osrm-routed --max-table-size)', '100', integer(2, 100_000)),
  OSRM_TRUCK_URL: spec('OSRM_TRUCK_URL', 'an http(s):// URL of osrm-routed with a truck profile, or empty', '', url(['http:', 'https:'])),
  OSRM_TABLE_SIZE_RULE: spec('OSRM_TABLE_SIZE_RULE', 'sources-times-destinations or coordinates', 'sources-times-destinations', oneOf(['sources-times-destinations', 'coordinates'] as const)),
  OSRM_TIMEOUT_MS: spec('OSRM_TIMEOUT_MS', 'an integer number of milliseconds 100..600000', '10000', integer(100, 600_000)),
  OSRM_DATA_VERSION: spec('OSRM_DATA_VERSION', 'a label of the OSRM data build, or empty', '', text),
  OSM_PBF: spec('OSM_PBF', 'a path to an .osm.pbf extract for the built-in router and the simulator', '../shared/data/monaco.osm.pbf', text),
  HOST: spec('HOST', 'an interface address to listen on', '127.0.0.1', text),
  PORT: spec('PORT', 'a TCP port 1..65535', '3000', integer(1, 65_535)),
  PUBLIC_URL: spec('PUBLIC_URL', 'the external http(s):// URL of the API, or empty', '', url(['http:', 'https:'])),
  TENANT: spec('TENANT', 'a tenant id: lower-case letters, digits and dashes', 'demo', (raw) => (/^[a-z0-9][a-z0-9-]{0,62}$/.test(raw) ? raw : undefined)),
  TIME_ZONE: spec('TIME_ZONE', 'an IANA time zone such as Europe/Amsterdam', 'Europe/Amsterdam', timeZone),
  LOG_LEVEL: spec('LOG_LEVEL', `one of ${LOG_LEVELS.join(', ')}`, 'info', oneOf(LOG_LEVELS)),
  READINGS_RETENTION_DAYS: spec('READINGS_RETENTION_DAYS', 'an integer number of days 1..36500', '730', integer(1, 36_500)),
  CORS_ORIGINS: spec('CORS_ORIGINS', 'a comma-separated list of origins, or empty', '', text),
  SIMULATOR: spec('SIMULATOR', 'true or false', 'true', bool),
  API_RATE_LIMIT_PER_MINUTE: spec('API_RATE_LIMIT_PER_MINUTE', 'an integer 0..1000000 (0: no limit)', '1200', (raw) => (raw === '0' ? 0 : integer(1, 1_000_000)(raw))),
  WORKER_CONCURRENCY: spec('WORKER_CONCURRENCY', 'an integer 1..64', '1', integer(1, 64)),
  WORKER_QUEUE_PREFIX: spec('WORKER_QUEUE_PREFIX', 'a Redis key prefix: letters, digits, dashes', 'afvalroute', (raw) => (/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(raw) ? raw : undefined)),
  MAP_TILE_URL: spec('MAP_TILE_URL', 'an http(s):// tile URL template with {z}, {x} and {y}, none, or empty for OpenStreetMap', '', tileTemplate),
  MAP_TILE_ATTRIBUTION: spec('MAP_TILE_ATTRIBUTION', 'the attribution of the map tiles (HTML allowed)', '', text),
  SECRETS_KEY: spec('SECRETS_KEY', '32 bytes as 64 hex digits or base64 (openssl rand -hex 32), or empty', '', parseSecretsKey),
} as const;

type Parsed<K extends keyof typeof CONFIG_VARS> = (typeof CONFIG_VARS)[K] extends VarSpec<infer T> ? T : never;

/** Read and validate the whole configuration; throws one ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const problems: { name: string; reason: string }[] = [];
  const read = <K extends keyof typeof CONFIG_VARS>(key: K): Parsed<K> | undefined => {
    const s = CONFIG_VARS[key] as VarSpec<Parsed<K>>;
    const given = env[s.name];
    const raw = given === undefined || given.trim() === '' ? s.fallback : given.trim();
    if (raw === undefined || raw === '') return undefined;
    const value = s.parse(raw);
    if (value === undefined) {
      problems.push({ name: s.name, reason: `expected ${s.expected}, got ${JSON.stringify(raw)}` });
    }
    return value;
  };

  const config = {
    databaseUrl: read('DATABASE_URL')!,
    redisUrl: read('REDIS_URL')!,
    mqttUrl: read('MQTT_URL')!,
    mqttUsername: read('MQTT_USERNAME'),
    mqttPassword: read('MQTT_PASSWORD'),
    embeddedBroker: read('EMBEDDED_BROKER')!,
    ingestSubscription: read('INGEST_SUBSCRIPTION')!,
    ingestShareGroup: read('INGEST_SHARE_GROUP')!,
    ingestMaxPayloadBytes: read('INGEST_MAX_PAYLOAD_BYTES')!,
    ingestSilenceAlarmS: read('INGEST_SILENCE_ALARM_S')!,
    osrmUrl: read('OSRM_URL'),
    osrmMaxTableSize: read('OSRM_MAX_TABLE_SIZE')!,
    osrmTruckUrl: read('OSRM_TRUCK_URL'),
    osrmTableSizeRule: read('OSRM_TABLE_SIZE_RULE')!,
    osrmTimeoutMs: read('OSRM_TIMEOUT_MS')!,
    osrmDataVersion: read('OSRM_DATA_VERSION'),
    osmPbf: read('OSM_PBF')!,
    host: read('HOST')!,
    port: read('PORT')!,
    publicUrl: read('PUBLIC_URL'),
    tenant: read('TENANT')!,
    timeZone: read('TIME_ZONE')!,
    logLevel: read('LOG_LEVEL')!,
    readingsRetentionDays: read('READINGS_RETENTION_DAYS')!,
    corsOrigins: (read('CORS_ORIGINS') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    simulator: read('SIMULATOR')!,
    apiRateLimitPerMinute: read('API_RATE_LIMIT_PER_MINUTE')!,
    workerConcurrency: read('WORKER_CONCURRENCY')!,
    workerQueuePrefix: read('WORKER_QUEUE_PREFIX')!,
    mapTileUrl: read('MAP_TILE_URL'),
    mapTileAttribution: read('MAP_TILE_ATTRIBUTION'),
    secretsKey: read('SECRETS_KEY'),
  } satisfies Config;

  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${p.name}: ${p.reason}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${lines}\nSee .env.example for every variable.`, problems);
  }
  return config;
}
