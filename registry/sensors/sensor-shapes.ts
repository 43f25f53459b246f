/**
 * The shapes of sensors, their bindings and network-server integrations, one TypeBox schema each:
 * the API validates and documents requests with them and the CSV reader checks every row with them,
 * so a file and a request are held to the same rules. Pure.
 */
import { FormatRegistry, Type, type Static, type TSchema } from '@sinclair/typebox';
import { deviceModels } from '../../ingest/contracts/devices/index.ts';
import { InputError, type ErrorDetail } from '../../platform/errors.ts';
import { RecordError } from '../store/record-errors.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

// The import readers check rows with TypeBox's Value, which knows no string formats until told
// (the API's ajv has its own): the two these shapes use.
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && Number.isFinite(Date.parse(v)));
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v));

export const NETWORK_SERVERS = ['things-stack', 'chirpstack', 'none'] as const;
export type NetworkServer = (typeof NETWORK_SERVERS)[number];
export const INTEGRATION_KINDS = ['things-stack', 'chirpstack', 'own-broker'] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

/** A DevEUI (16 hex digits, stored lower case) or a vendor id of a directly connected sensor. */
export const SensorId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$', description: 'DevEUI (16 hex digits) for LoRaWAN devices' });
export const DeviceModelSchema = Type.Union(deviceModels().map((m) => Type.Literal(m)), { description: 'a codec of ingest/contracts/devices' });
export const NetworkServerSchema = Type.Union(NETWORK_SERVERS.map((n) => Type.Literal(n)), { description: 'where the device is registered; none: publishes to our broker itself' });
export const ContainerRef = Type.String({ minLength: 1, maxLength: 100 });
const Instant = Type.String({ format: 'date-time' });

const sensorFields = {
  model: DeviceModelSchema,
  networkServer: Type.Optional(NetworkServerSchema),
  integrationId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  emptyDistanceMm: Type.Integer({ minimum: 1, maximum: 20_000, description: 'sensor to the bottom of the empty container' }),
  fullDistanceMm: Type.Integer({ minimum: 0, maximum: 20_000, description: 'sensor to the full line; below emptyDistanceMm' }),
  reportingIntervalS: Type.Optional(Type.Integer({ minimum: 1, default: 3600 })),
  active: Type.Optional(Type.Boolean({ default: true })),
};

export const SensorInput = Type.Object(
  {
    id: SensorId,
    ...sensorFields,
    containerId: Type.Optional(Nullable(ContainerRef)),
    validFrom: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export type SensorInput = Static<typeof SensorInput>;

export const SensorPatch = Type.Partial(Type.Object(sensorFields), { additionalProperties: false });
export type SensorPatch = Static<typeof SensorPatch>;

export const BindingInput = Type.Object(
  {
    containerId: Nullable(ContainerRef),
    validFrom: Type.Optional(Type.String({
      format: 'date-time',
      description: 'when the sensor was moved; default now (the first binding of a sensor: since ever)',
    })),
  },
  { additionalProperties: false },
);
export type BindingInput = Static<typeof BindingInput>;

export const IntegrationInput = Type.Object(
  {
    kind: Type.Union(INTEGRATION_KINDS.map((k) => Type.Literal(k))),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    mqttUrl: Type.Optional(Nullable(Type.String({ pattern: '^(mqtts?|wss?|tcp)://', maxLength: 500, description: 'the network server broker; absent for own-broker' }))),
    applicationId: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/+#]+$', description: 'TTS application id or ChirpStack application id' }),
    username: Type.Optional(Nullable(Type.String({ maxLength: 300, description: 'TTS: {application}@{tenant}; ChirpStack: the MQTT user' }))),
    secret: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 4000, writeOnly: true, description: 'TTS API key or ChirpStack password; stored encrypted, never returned' }))),
    topicPrefix: Type.Optional(Type.String({ maxLength: 200, pattern: '^([^+#]*/)?$', default: '' })),
    enabled: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type IntegrationInput = Static<typeof IntegrationInput>;

export const IntegrationPatch = Type.Partial(Type.Omit(IntegrationInput, ['kind']), { additionalProperties: false });
export type IntegrationPatch = Static<typeof IntegrationPatch>;

const DEV_EUI = /^[0-9a-fA-F]{16}$/;

/** A DevEUI in its stored form (lower case); other ids as given. */
export function normalizeSensorId(id: string): string {
  return DEV_EUI.test(id) ? id.toLowerCase() : id;
}

/** Rules across fields the schema cannot state; each problem names its field. */
export function sensorProblems(s: { id?: string; networkServer?: NetworkServer | null; emptyDistanceMm?: number; fullDistanceMm?: number }): { name: string; reason: string }[] {
  const problems: { name: string; reason: string }[] = [];
  if (s.emptyDistanceMm !== undefined && s.fullDistanceMm !== undefined && s.fullDistanceMm >= s.emptyDistanceMm) {
    problems.push({ name: 'body.fullDistanceMm', reason: `must be below emptyDistanceMm (${s.emptyDistanceMm})` });
  }
  if (s.id !== undefined && (s.networkServer === 'things-stack' || s.networkServer === 'chirpstack') && !DEV_EUI.test(s.id)) {
    problems.push({ name: 'body.id', reason: `a device on ${s.networkServer} is identified by its DevEUI (16 hex digits)` });
  }
  return problems;
}

export function integrationProblems(i: { kind: IntegrationKind; mqttUrl?: string | null }): { name: string; reason: string }[] {
  if (i.kind === 'own-broker' && i.mqttUrl) return [{ name: 'body.mqttUrl', reason: 'an own-broker integration uses the installation broker (MQTT_URL); leave it out' }];
  if (i.kind !== 'own-broker' && !i.mqttUrl) return [{ name: 'body.mqttUrl', reason: `a ${i.kind} integration needs the network server's MQTT URL` }];
  return [];
}

/** Field problems as one input error (422 in the API, a row error in an import). */
export const invalid = (details: readonly ErrorDetail[]) => new InputError(details.map((d) => `${d.name}: ${d.reason}`).join('; '), details);

export const staleVersion = (noun: string, id: string, current: number) =>
  new RecordError('stale', `${noun} ${id} was changed by someone else (now version ${current}); read it again and retry`, [
    { name: 'headers.if-match', reason: `does not match the current ETag "${current}"` },
  ]);
