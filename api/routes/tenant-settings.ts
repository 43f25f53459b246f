/**
 * The caller's own tenant: name, time zone and settings (language, thresholds per fraction,
 * densities, router, collection calendar, area). Every role reads; dispatcher and admin change,
 * with If-Match (the tenant's ETag) so two dispatchers do not overwrite each other. Thresholds and
 * calendar also have their own resources for the console's forms.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../auth/tokens.ts';
import { STAFF } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import { ifMatchVersion, setETag } from '../etag.ts';
import { requestActor } from '../registry-actor.ts';
import { errorResponses } from '../schemas/common.ts';
import { CalendarSchema, TenantRecord, TenantSettingsSchema } from '../../registry/master-data-shapes.ts';
import { TenantStore, type TenantChange, type TenantRecord as Tenant } from '../../registry/store/tenants-store.ts';

const READERS: readonly Role[] = ['admin', 'dispatcher', 'driver'];
const security = [{ bearer: [] }];
const writeErrors = { ...errorResponses, 412: errorResponses[400], 422: errorResponses[400], 428: errorResponses[400] };
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ description: "the tenant's ETag; required (428 without, 412 when stale)" })) });

const TenantPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    settings: Type.Optional(Type.Partial(TenantSettingsSchema, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
const Thresholds = Type.Pick(TenantSettingsSchema, ['thresholds', 'thresholdsByFraction']);

const tenantSettings: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  const store = new TenantStore(ctx.pool);
  // The store's records are readonly; the response schema's static type is not.
  const send = (reply: FastifyReply, t: Tenant) => {
    setETag(reply, t.version);
    return t as unknown as Static<typeof TenantRecord>;
  };
  const change = async (request: FastifyRequest, reply: FastifyReply, c: TenantChange) => {
    const t = await store.update(request.tenantId, c, ifMatchVersion(request), requestActor(request), 'body.');
    ctx.tenants.forget(request.tenantId);
    return send(reply, t);
  };

  app.get(
    '/tenant',
    { config: { roles: READERS }, schema: { tags: ['tenant'], summary: 'Your tenant: name, time zone and settings, with its ETag', security, response: { 200: TenantRecord, ...errorResponses } } },
    async (request, reply) => send(reply, await store.get(request.tenantId)),
  );

  app.patch(
    '/tenant',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['tenant'],
        summary: 'Change name, time zone or settings (given settings keys replace the stored ones); If-Match required',
        security,
        headers: IfMatch,
        body: TenantPatch,
        response: { 200: TenantRecord, ...writeErrors },
      },
    },
    async (request, reply) => change(request, reply, request.body),
  );

  app.get(
    '/tenant/thresholds',
    { config: { roles: READERS }, schema: { tags: ['tenant'], summary: 'Fill thresholds (must / may) by default, per fraction and container type', security, response: { 200: Thresholds, ...errorResponses } } },
    async (request, reply) => {
      const t = send(reply, await store.get(request.tenantId));
      return { thresholds: t.settings.thresholds, thresholdsByFraction: t.settings.thresholdsByFraction };
    },
  );

  app.put(
    '/tenant/thresholds',
    { config: { roles: STAFF }, schema: { tags: ['tenant'], summary: 'Replace the thresholds; If-Match with the tenant ETag', security, headers: IfMatch, body: Thresholds, response: { 200: Thresholds, ...writeErrors } } },
    async (request, reply) => {
      const t = await change(request, reply, { settings: request.body });
      return { thresholds: t.settings.thresholds, thresholdsByFraction: t.settings.thresholdsByFraction };
    },
  );

  app.get(
    '/tenant/calendar',
    { config: { roles: READERS }, schema: { tags: ['tenant'], summary: 'Collection calendar: weekdays per fraction and exceptions (public holidays, extra days)', security, response: { 200: CalendarSchema, ...errorResponses } } },
    async (request, reply) => send(reply, await store.get(request.tenantId)).settings.calendar,
  );

  app.put(
    '/tenant/calendar',
    { config: { roles: STAFF }, schema: { tags: ['tenant'], summary: 'Replace the collection calendar; If-Match with the tenant ETag', security, headers: IfMatch, body: CalendarSchema, response: { 200: CalendarSchema, ...writeErrors } } },
    async (request, reply) => (await change(request, reply, { settings: { calendar: request.body } })).settings.calendar,
  );
};

export default tenantSettings;
