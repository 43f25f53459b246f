import { Type, type Static } from '@sinclair/typebox';
import { Fraction, GeoJsonPoint, LonLat, Nullable, PageQuery } from './common.ts';
import { ForecastSummary } from './forecast.ts';

export const ContainerQuery = Type.Composite([
  PageQuery,
  Type.Object({
    fraction: Type.Optional(Fraction),
    minFill: Type.Optional(Type.Number({ minimum: 0, maximum: 2, description: 'only containers at least this full' })),
    status: Type.Optional(Type.String({ maxLength: 40 })),
    tenant: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'open data: which municipality (default: this installation)' })),
    forecast: Type.Optional(Type.Boolean({ default: false, description: 'add each container\'s forecast (fill now, in 24 hours, time to full, sensor health)' })),
  }),
]);
export type ContainerQuery = Static<typeof ContainerQuery>;

const containerProps = {
  id: Type.String(),
  address: Nullable(Type.String()),
  fraction: Fraction,
  volumeM3: Type.Number(),
  type: Type.String(),
  active: Type.Boolean(),
  sensorId: Nullable(Type.String()),
  fillLevel: Nullable(Type.Number({ description: '0..1, above 1 overflowing' })),
  measuredAt: Nullable(Type.String({ format: 'date-time' })),
  status: Type.String(),
  batteryPct: Nullable(Type.Number()),
  lastEmptiedAt: Nullable(Type.String({ format: 'date-time' })),
  forecast: Type.Optional(ForecastSummary),
};

export const Container = Type.Object({ ...containerProps, location: LonLat }, { $id: 'Container' });
export type Container = Static<typeof Container>;

export const ContainerPage = Type.Object({
  items: Type.Array(Type.Ref(Container)),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer(),
});

export const ContainerFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Object({ type: Type.Literal('Feature'), id: Type.String(), geometry: GeoJsonPoint, properties: Type.Object(containerProps) })),
  numberMatched: Type.Integer(),
  numberReturned: Type.Integer(),
});

const NgsiProperty = Type.Object({ type: Type.Literal('Property'), value: Type.Any(), observedAt: Type.Optional(Type.String()) });
export const NgsiWasteContainer = Type.Object(
  {
    id: Type.String(),
    type: Type.Literal('WasteContainer'),
    location: Type.Object({ type: Type.Literal('GeoProperty'), value: GeoJsonPoint }),
    fillingLevel: NgsiProperty,
    status: NgsiProperty,
    storedWasteKind: NgsiProperty,
    dateLastEmptying: Type.Optional(NgsiProperty),
    address: Type.Optional(NgsiProperty),
    '@context': Type.Array(Type.String()),
  },
  { additionalProperties: true },
);

export const FillHistoryQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  bucket: Type.Optional(Type.Union([Type.Literal('15m'), Type.Literal('hour'), Type.Literal('day'), Type.Literal('week')], { default: 'hour' })),
  tenant: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' })),
});
export type FillHistoryQuery = Static<typeof FillHistoryQuery>;

export const FillHistory = Type.Object({
  containerId: Type.String(),
  bucket: Type.String(),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  points: Type.Array(
    Type.Object({ time: Type.String({ format: 'date-time' }), avgFill: Type.Number(), minFill: Type.Number(), maxFill: Type.Number(), readings: Type.Integer() }),
  ),
});
