/** The forecast of a container as the API shows it (GET /v1/containers/{id}/forecast, and its summary in container lists). */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.ts';

const DateTime = Type.String({ format: 'date-time' });

export const SensorIssue = Type.Object({
  kind: Type.Union(['stuck', 'silent', 'noisy', 'jump', 'tilted', 'low-battery'].map((k) => Type.Literal(k))),
  since: Nullable(DateTime),
});

export const SensorHealth = Type.Object({
  healthy: Type.Boolean({ description: 'false when the readings cannot be trusted (a low battery alone is only a warning)' }),
  issues: Type.Array(SensorIssue),
});

export const ForecastFallback = Type.Object({
  code: Type.String({ description: 'why the forecast does not rest on the sensor: sensor-silent, sensor-stuck, sensor-tilted, sensor-jumps, sensor-noisy, short-history, no-data' }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  message: Type.String({ description: "the explanation in the tenant's language" }),
});

/** What a container list carries per container (with ?forecast=true). */
export const ForecastSummary = Type.Object({
  fillNow: Type.Number({ description: 'estimated fill now, 0..1 (above 1 overflowing)' }),
  fillNextDay: Type.Number({ description: 'expected fill 24 hours from now' }),
  timeToFull: Type.Union([DateTime, Type.Null()], { description: 'expected time of reaching 100 %, null when not within 60 days' }),
  rateSource: Type.Union([Type.Literal('sensor'), Type.Literal('history'), Type.Literal('prior')]),
  health: SensorHealth,
});
export type ForecastSummary = Static<typeof ForecastSummary>;

export const ForecastQuery = Type.Object({
  hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 336, default: 72, description: 'how far ahead the hourly points go' })),
  interval: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.8, description: 'central probability of the low–high band' })),
  tenant: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'open data: which municipality (default: this installation)' })),
});
export type ForecastQuery = Static<typeof ForecastQuery>;

export const ContainerForecastBody = Type.Object({
  containerId: Type.String(),
  asOf: DateTime,
  fillNow: Type.Number(),
  fillNowSd: Type.Number(),
  ratePerDay: Type.Number({ description: 'mean fill added per day' }),
  rateSdPerDay: Type.Number(),
  rateSource: ForecastSummary.properties.rateSource,
  health: SensorHealth,
  fallback: Nullable(ForecastFallback),
  lastObservation: Nullable(DateTime),
  mustFill: Type.Number({ description: "the container's must-threshold (tenant settings by fraction and type)" }),
  timeToMust: Type.Union([DateTime, Type.Null()], { description: 'expected time of reaching the must-threshold, null when not within 60 days' }),
  timeToFull: Nullable(DateTime),
  interval: Type.Number(),
  points: Type.Array(Type.Object({ time: DateTime, mean: Type.Number(), low: Type.Number(), high: Type.Number() })),
});
