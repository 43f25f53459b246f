import { Type, type Static } from '@sinclair/typebox';

export const ComponentHealth = Type.Object(
  {
    status: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('degraded')]),
    latencyMs: Type.Optional(Type.Number()),
    detail: Type.Optional(Type.String()),
  },
  { $id: 'ComponentHealth' },
);
export type ComponentHealth = Static<typeof ComponentHealth>;

export const Health = Type.Object(
  {
    status: Type.Union([Type.Literal('up'), Type.Literal('degraded'), Type.Literal('down')], {
      description: 'up: every component answers; degraded: a non-essential one does not; down: the database does not',
    }),
    version: Type.String(),
    time: Type.String({ format: 'date-time' }),
    components: Type.Record(Type.String(), Type.Ref(ComponentHealth)),
  },
  { $id: 'Health' },
);
export type Health = Static<typeof Health>;
