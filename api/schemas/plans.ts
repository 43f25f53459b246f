import { Type, type Static } from '@sinclair/typebox';
import { Fraction, LonLat, Nullable, GeoJsonLineString, PageQuery } from './common.ts';

export const PlanStatus = Type.Union(
  ['queued', 'running', 'draft', 'approved', 'dispatched', 'completed', 'failed', 'cancelled'].map((s) => Type.Literal(s)),
);

export const Policy = Type.Object(
  {
    mustFill: Type.Optional(Type.Number({ minimum: 0, maximum: 2, description: 'collect at or above this fill (required)' })),
    mayFill: Type.Optional(Type.Number({ minimum: 0, maximum: 2, description: 'may collect from this fill when it fits (optional)' })),
    prizePerFill: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
    fractions: Type.Optional(Type.Array(Fraction, { minItems: 1, uniqueItems: true })),
    mixFractions: Type.Optional(Type.Boolean({ description: 'trucks with compartments: several fractions per route (default: one fraction per truck)' })),
  },
  { additionalProperties: false },
);

export const CreatePlan = Type.Object(
  {
    date: Type.String({ format: 'date', description: 'collection day (tenant time zone)' }),
    vehicleIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 500, uniqueItems: true, description: 'the fleet; default all active vehicles' })),
    policy: Type.Optional(Policy),
    timeLimitS: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, default: 30, description: 'solver time limit' })),
  },
  { additionalProperties: false },
);
export type CreatePlan = Static<typeof CreatePlan>;

export const PlanAccepted = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: PlanStatus,
  links: Type.Object({ self: Type.String(), events: Type.String() }),
});

export const RouteSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  vehicleId: Type.String(),
  stops: Type.Integer(),
  distanceM: Nullable(Type.Number()),
  durationS: Nullable(Type.Number()),
  cost: Nullable(Type.Number()),
  startTime: Nullable(Type.String({ format: 'date-time' })),
  endTime: Nullable(Type.String({ format: 'date-time' })),
});

export const Plan = Type.Object({
  id: Type.String({ format: 'uuid' }),
  date: Type.String({ format: 'date' }),
  status: PlanStatus,
  policy: Type.Record(Type.String(), Type.Unknown()),
  params: Type.Record(Type.String(), Type.Unknown()),
  cost: Nullable(Type.Number()),
  stats: Type.Record(Type.String(), Type.Unknown()),
  failureReason: Nullable(Type.String()),
  attempts: Nullable(Type.Object({ made: Type.Integer(), max: Type.Integer(), state: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  routes: Type.Array(RouteSummary),
});

export const PlanListQuery = Type.Composite([
  PageQuery,
  Type.Object({
    date: Type.Optional(Type.String({ format: 'date' })),
    status: Type.Optional(PlanStatus),
  }),
]);

export const StatusChange = Type.Object(
  { status: Type.Union(['draft', 'approved', 'dispatched', 'completed', 'cancelled'].map((s) => Type.Literal(s))) },
  { additionalProperties: false },
);

export const StopKind = Type.Union(['start', 'job', 'unload', 'break', 'end'].map((s) => Type.Literal(s)));
export const StopStatus = Type.Union(['planned', 'arrived', 'emptied', 'skipped'].map((s) => Type.Literal(s)));

export const Stop = Type.Object({
  id: Type.String({ format: 'uuid' }),
  position: Type.Integer(),
  kind: StopKind,
  status: StopStatus,
  containerId: Nullable(Type.String()),
  facilityId: Nullable(Type.String()),
  location: Nullable(LonLat),
  address: Nullable(Type.String()),
  fraction: Nullable(Type.String()),
  eta: Nullable(Type.String({ format: 'date-time' })),
  departure: Nullable(Type.String({ format: 'date-time' })),
  loadKg: Nullable(Type.Number()),
  loadM3: Nullable(Type.Number()),
  expectedFill: Nullable(Type.Number()),
  fillLevel: Nullable(Type.Number({ description: 'latest measured fill' })),
  instructions: Type.Array(Type.String(), { description: 'turn-by-turn directions from the previous stop' }),
});

export const RouteDetail = Type.Object({
  id: Type.String({ format: 'uuid' }),
  planId: Type.String({ format: 'uuid' }),
  planStatus: PlanStatus,
  date: Type.String({ format: 'date' }),
  vehicleId: Type.String(),
  distanceM: Nullable(Type.Number()),
  durationS: Nullable(Type.Number()),
  cost: Nullable(Type.Number()),
  geometry: Nullable(GeoJsonLineString),
  stops: Type.Array(Stop),
});

export const Move = Type.Object(
  {
    containerId: Type.String({ minLength: 1, maxLength: 100 }),
    vehicleId: Type.String({ minLength: 1, maxLength: 100, description: 'the route to move the stop to' }),
    position: Type.Integer({ minimum: 0, description: 'index among the container stops of that route (0 = first)' }),
  },
  { additionalProperties: false },
);

export const EditRequest = Type.Object(
  { moves: Type.Array(Move, { minItems: 1, maxItems: 200 }), force: Type.Optional(Type.Boolean({ description: 'apply even when the edit breaks a rule' })) },
  { additionalProperties: false },
);
export type EditRequest = Static<typeof EditRequest>;

export const CheckResponse = Type.Object({
  feasible: Type.Boolean(),
  violations: Type.Array(Type.Object({ name: Type.String(), constraint: Type.String(), reason: Type.String() })),
  cost: Type.Number(),
  costBefore: Type.Number(),
  costDelta: Type.Number(),
  solver: Type.String(),
  routes: Type.Array(Type.Object({ vehicleId: Type.String(), containerIds: Type.Array(Type.String()) })),
  applied: Type.Boolean(),
  geometry: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('none')], {
    description: 'after an applied edit: pending while the plan worker draws the changed routes on the road (GET /v1/plans/{id}/events follows it)',
  })),
});
