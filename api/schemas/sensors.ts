/** Sensors, their bindings, unknown devices and network-server integrations as the API shows them. */
import { Type } from '@sinclair/typebox';
import { DeviceModelSchema, NetworkServerSchema, SensorInput } from '../../registry/sensors/sensor-shapes.ts';
import { Nullable, Page, PageQuery } from './common.ts';

const Instant = Type.String({ format: 'date-time' });

export const Sensor = Type.Object({
  id: Type.String(),
  containerId: Nullable(Type.String()),
  boundSince: Nullable(Type.String({ format: 'date-time', description: 'start of the open binding; null: unbound, or bound since ever' })),
  model: Type.String(),
  networkServer: Nullable(Type.String()),
  integrationId: Nullable(Type.String()),
  emptyDistanceMm: Type.Integer(),
  fullDistanceMm: Type.Integer(),
  reportingIntervalS: Type.Integer(),
  installedAt: Instant,
  active: Type.Boolean(),
  version: Type.Integer({ description: 'the ETag of this sensor' }),
  lastSeenAt: Nullable(Instant),
  batteryPct: Nullable(Type.Number()),
});
export const SensorPage = Page(Sensor);

export const SensorListQuery = Type.Object({
  ...PageQuery.properties,
  containerId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'only sensors bound to this container now' })),
});

export const Binding = Type.Object({
  containerId: Type.String(),
  validFrom: Nullable(Type.String({ format: 'date-time', description: 'null: since ever' })),
  validTo: Nullable(Type.String({ format: 'date-time', description: 'null: still bound' })),
  createdAt: Instant,
});

export const BindOutcome = Type.Object({
  changed: Type.Boolean(),
  readingsMoved: Type.Integer({ description: 'readings stored from validFrom on, now counted for the new container' }),
  sensor: Sensor,
});

export const UnknownDevice = Type.Object({
  deviceId: Type.String({ description: 'DevEUI (or device id) as it arrived' }),
  format: Type.String(),
  integrationId: Nullable(Type.String()),
  firstSeenAt: Instant,
  lastSeenAt: Instant,
  lastReadingTime: Nullable(Instant),
  lastFillLevel: Nullable(Type.Number({ description: 'when the device sent a fill level itself' })),
  lastDistanceMm: Nullable(Type.Integer()),
  messages: Type.Integer(),
});
export const UnknownDevicePage = Page(UnknownDevice);

/** Registering an unknown device: the sensor's fields without its id (the device's), bound at once. */
export const BindUnknownDevice = Type.Object(
  {
    containerId: Type.String({ minLength: 1, maxLength: 100 }),
    model: DeviceModelSchema,
    networkServer: Type.Optional(NetworkServerSchema),
    emptyDistanceMm: SensorInput.properties.emptyDistanceMm,
    fullDistanceMm: SensorInput.properties.fullDistanceMm,
    reportingIntervalS: SensorInput.properties.reportingIntervalS,
    validFrom: SensorInput.properties.validFrom,
  },
  { additionalProperties: false },
);

export const IntegrationState = Type.Object({
  status: Type.Union([Type.Literal('connecting'), Type.Literal('connected'), Type.Literal('disconnected'), Type.Literal('error')]),
  connectedAt: Nullable(Instant),
  lastMessageAt: Nullable(Instant),
  messages: Type.Integer(),
  lastError: Nullable(Type.String()),
  lastErrorAt: Nullable(Instant),
  updatedAt: Instant,
});

export const Integration = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  name: Type.String(),
  mqttUrl: Nullable(Type.String()),
  applicationId: Type.String(),
  username: Nullable(Type.String()),
  hasSecret: Type.Boolean({ description: 'a secret is stored (encrypted); it is never returned' }),
  topicPrefix: Type.String(),
  enabled: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
  state: Nullable(IntegrationState),
});
export const IntegrationList = Type.Object({ items: Type.Array(Integration) });
