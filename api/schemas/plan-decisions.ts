/** A plan's visit decisions: one per container of the day, with its reason rendered in the tenant's language. */
import { Type, type Static } from '@sinclair/typebox';
import { Fraction, Nullable, PageQuery } from './common.ts';

export const DecisionKind = Type.Union(['must', 'optional', 'skip', 'emergency'].map((k) => Type.Literal(k)));
export const DecisionOutcome = Type.Union(['planned', 'unassigned', 'skipped', 'emergency'].map((k) => Type.Literal(k)));
const Params = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]), { description: 'parameters of the reason code' });

export const Decision = Type.Object({
  containerId: Type.String(),
  fraction: Fraction,
  kind: DecisionKind,
  code: Type.String({ description: 'reason code, e.g. must.forecast, optional.forecast, skip.no-collection-day, emergency.fire' }),
  params: Params,
  explanation: Type.String({ description: 'the reason in the tenant\'s language (or ?lang)' }),
  fillNow: Nullable(Type.Number({ description: 'estimated fill now, 0..1' })),
  expectedFill: Nullable(Type.Number({ description: 'fill expected when the truck comes, 0..1' })),
  prize: Nullable(Type.Number({ description: 'prize of an optional container (cost units)' })),
  outcome: DecisionOutcome,
  vehicleId: Nullable(Type.String()),
  eta: Nullable(Type.String({ format: 'date-time' })),
  unassigned: Nullable(Type.Object({ code: Type.String(), params: Params, explanation: Type.String() }, { description: 'why a must or optional container is not on a route' })),
});

export const DecisionQuery = Type.Object({
  kind: Type.Optional(DecisionKind),
  outcome: Type.Optional(DecisionOutcome),
  lang: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')], { description: 'language of the explanations; default the tenant\'s' })),
  ...PageQuery.properties,
});
export type DecisionQuery = Static<typeof DecisionQuery>;
