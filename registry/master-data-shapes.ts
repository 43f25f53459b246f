/**
 * One TypeBox schema per master-data shape: the API validates and documents requests with them and
 * the import readers check every row with them, so a file and a request are held to the same rules.
 * Pure (TypeBox is a schema library, no I/O). Coordinates are [lon, lat] CRS84.
 */
import { FormatRegistry, Type, type Static, type TSchema } from '@sinclair/typebox';
import { FRACTIONS } from './fractions.ts';
import { LANGUAGES } from '../platform/i18n.ts';

// The readers check rows with TypeBox's Value, which knows only the formats registered here (the API's ajv has its own).
if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)));

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const RecordId = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\s/?#]([^/?#]*[^\\s/?#])?$', description: "the municipality's own id" });
export const TenantId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'lower-case letters, digits and dashes' });
export const FractionSchema = Type.Union(FRACTIONS.map((f) => Type.Literal(f)));
export const Fractions = Type.Array(FractionSchema, { minItems: 1, uniqueItems: true });
export const Position = Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })], {
  description: '[longitude, latitude], CRS84',
});
const localTime = (options: { default?: string } = {}) => Type.String({ ...options, pattern: '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$', description: 'HH:MM in the tenant time zone' });
const Weekday = Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' });
const cost = () => Type.Optional(Type.Number({ minimum: 0, default: 0 }));

export const ContainerInput = Type.Object(
  {
    id: RecordId,
    location: Position,
    fraction: FractionSchema,
    volumeM3: Type.Number({ exclusiveMinimum: 0 }),
    type: Type.Optional(Type.Union([Type.Literal('underground'), Type.Literal('street')], { default: 'underground' })),
    containerType: Type.Optional(Nullable(Type.String({ maxLength: 200, description: "the municipality's type name, e.g. 'Ondergronds 5m3'" }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    serviceTimeS: Type.Optional(Type.Integer({ minimum: 0, default: 120 })),
    active: Type.Optional(Type.Boolean({ default: true, description: 'only active containers are planned' })),
  },
  { additionalProperties: false },
);
export type ContainerInput = Static<typeof ContainerInput>;

export const Compartment = Type.Object(
  { fractions: Fractions, capacityM3: Type.Number({ exclusiveMinimum: 0 }), capacityKg: Type.Optional(Type.Number({ exclusiveMinimum: 0 })) },
  { additionalProperties: false },
);

export const VehicleTypeInput = Type.Object(
  {
    id: RecordId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    capacityKg: Type.Number({ exclusiveMinimum: 0 }),
    capacityM3: Type.Number({ exclusiveMinimum: 0 }),
    fractions: Fractions,
    compactionFactor: Type.Optional(Type.Number({ minimum: 1, default: 1 })),
    compartments: Type.Optional(Type.Array(Compartment, { default: [] })),
    routingProfile: Type.Optional(Type.Union([Type.Literal('car'), Type.Literal('truck')], { default: 'car' })),
    fixedCost: cost(),
    costPerKm: cost(),
    costPerHour: cost(),
  },
  { additionalProperties: false },
);
export type VehicleTypeInput = Static<typeof VehicleTypeInput>;

export const VehicleInput = Type.Object(
  {
    id: RecordId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    vehicleTypeId: RecordId,
    depotId: RecordId,
    shiftStart: Type.Optional(localTime({ default: '07:00' })),
    shiftEnd: Type.Optional(localTime({ default: '15:30' })),
    breakDurationS: Type.Optional(Type.Integer({ minimum: 0, default: 1800 })),
    breakEarliest: Type.Optional(Nullable(localTime())),
    breakLatest: Type.Optional(Nullable(localTime())),
    maxTrips: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    maxDailyLoadKg: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0 }))),
    maxDailyStops: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    active: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type VehicleInput = Static<typeof VehicleInput>;

export const DepotInput = Type.Object(
  { id: RecordId, name: Type.String({ minLength: 1, maxLength: 200 }), location: Position, address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))) },
  { additionalProperties: false },
);
export type DepotInput = Static<typeof DepotInput>;

export const OpeningHours = Type.Object(
  { days: Type.Array(Weekday, { minItems: 1, uniqueItems: true }), open: localTime(), close: localTime() },
  { additionalProperties: false, description: 'open from `open` to `close` on these weekdays' },
);
export type OpeningHours = Static<typeof OpeningHours>;

export const FacilityInput = Type.Object(
  {
    id: RecordId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    location: Position,
    address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    fractions: Fractions,
    openingHours: Type.Optional(Type.Array(OpeningHours, { default: [], description: 'empty: always open' })),
    unloadingTimeS: Type.Optional(Type.Integer({ minimum: 0, default: 900 })),
  },
  { additionalProperties: false },
);
export type FacilityInput = Static<typeof FacilityInput>;

const Thresholds = Type.Object(
  { mustFill: Type.Number({ minimum: 0, maximum: 2 }), mayFill: Type.Number({ minimum: 0, maximum: 2 }) },
  { additionalProperties: false },
);
const FractionThresholds = Type.Object(
  { ...Thresholds.properties, byContainerType: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Thresholds)) },
  { additionalProperties: false },
);
const perFraction = <T extends TSchema>(t: T) =>
  Type.Object(Object.fromEntries(FRACTIONS.map((f) => [f, Type.Optional(t)])), { additionalProperties: false });

export const CalendarSchema = Type.Object(
  {
    weekdays: perFraction(Type.Array(Weekday, { uniqueItems: true })),
    exceptions: Type.Array(
      Type.Object(
        {
          date: Type.String({ format: 'date' }),
          collect: Type.Boolean({ description: 'false: no collection (public holiday); true: an extra day' }),
          fractions: Type.Optional(Fractions),
          name: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const AreaSchema = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
  description: 'bounding box [minLon, minLat, maxLon, maxLat] of the municipality: imported coordinates outside it are rejected',
});

export const TenantSettingsSchema = Type.Object(
  {
    language: Type.Union(LANGUAGES.map((l) => Type.Literal(l))),
    thresholds: Thresholds,
    thresholdsByFraction: perFraction(FractionThresholds),
    densityKgPerM3: perFraction(Type.Number({ exclusiveMinimum: 0 })),
    router: Type.Object(
      {
        osrmUrl: Type.Optional(Type.String({ pattern: '^https?://', description: 'osrm-routed base URL (may be shared)' })),
        osmPbf: Type.Optional(Type.String({ minLength: 1, description: 'OSM extract for the built-in router' })),
      },
      { additionalProperties: false },
    ),
    calendar: CalendarSchema,
    area: Type.Optional(AreaSchema),
  },
  { additionalProperties: false },
);

/** Partial settings as sent by an update: given keys replace the stored ones. */
export const TenantSettingsPatch = Type.Partial(TenantSettingsSchema, { additionalProperties: false });
export type TenantSettingsPatch = Static<typeof TenantSettingsPatch>;

export const TenantInput = Type.Object(
  {
    id: TenantId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 60, default: 'Europe/Amsterdam' })),
    settings: Type.Optional(TenantSettingsPatch),
  },
  { additionalProperties: false },
);
export type TenantInput = Static<typeof TenantInput>;

/** What every stored record carries besides its content: the version behind its ETag. */
const RecordMeta = { version: Type.Integer({ minimum: 1, description: 'increases with every change; the ETag' }), updatedAt: Type.String({ format: 'date-time' }) };
const stored = <T extends TSchema>(input: T, extra: Record<string, TSchema> = {}) => Type.Composite([Type.Required(input), Type.Object({ ...RecordMeta, ...extra })]);

export const ContainerRecord = stored(ContainerInput, {
  retiredAt: Nullable(Type.String({ format: 'date-time' })),
  snapDistanceM: Nullable(Type.Number({ description: 'distance to the nearest road of the tenant router (null: not snapped yet)' })),
  farFromRoad: Type.Boolean({ description: 'more than 200 m from any road: check the position' }),
});
export type ContainerRecord = Static<typeof ContainerRecord>;
export const VehicleTypeRecord = stored(VehicleTypeInput);
export type VehicleTypeRecord = Static<typeof VehicleTypeRecord>;
export const VehicleRecord = stored(VehicleInput);
export type VehicleRecord = Static<typeof VehicleRecord>;
export const DepotRecord = stored(DepotInput);
export type DepotRecord = Static<typeof DepotRecord>;
export const FacilityRecord = stored(FacilityInput);
export type FacilityRecord = Static<typeof FacilityRecord>;

export const TenantRecord = Type.Object({
  id: TenantId,
  name: Type.String(),
  timeZone: Type.String(),
  settings: TenantSettingsSchema,
  version: RecordMeta.version,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: RecordMeta.updatedAt,
});
