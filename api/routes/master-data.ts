/**
 * Create, read, replace and delete for one kind of master data (containers, vehicle types,
 * vehicles, depots, facilities), generated from the kind's registry spec and TypeBox schemas so
 * every kind behaves the same: ETag on every read and write, If-Match required on PUT and DELETE
 * (428 without, 412 when stale), problem+json naming the field, dispatcher and admin write, every
 * authenticated role reads, every change in the processing log. Routes stay thin: the registry
 * store does the work.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import type { Role } from '../auth/tokens.ts';
import { STAFF } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import { ifMatchVersion, setETag } from '../etag.ts';
import { pageBody, pageWindow } from '../pagination.ts';
import { HttpProblem } from '../problem.ts';
import { requestActor } from '../registry-actor.ts';
import { IdParams, Page, PageQuery, errorResponses } from '../schemas/common.ts';
import { Records } from '../../registry/store/records.ts';
import type { TableSpec } from '../../registry/store/table-spec.ts';

const READERS: readonly Role[] = ['admin', 'dispatcher', 'driver'];

export interface MasterDataOptions {
  ctx: ApiContext;
  spec: TableSpec<{ id: string }, unknown>;
  input: TObject;
  record: TSchema;
  tag: string;
  /** Path of one record's master data when GET /{kind}/{id} already serves another view (containers). */
  recordPath?: string;
  /** Register GET /{kind} (a page of records); off when the kind has its own list already. */
  list?: boolean;
}

const writeErrors = { ...errorResponses, 409: errorResponses[400], 412: errorResponses[400], 422: errorResponses[400], 428: errorResponses[400] };
const ETagHeader = { ETag: Type.String({ description: 'the record version; send it back in If-Match to change the record' }) };
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ description: 'the ETag read; required (428 without, 412 when someone changed the record since)' })) });

const masterData: FastifyPluginAsyncTypebox<MasterDataOptions> = async (app, o) => {
  const records = new Records(o.ctx.pool, o.spec);
  const base = `/${o.spec.kind}`;
  const noun = o.spec.noun.replace(/-/g, ' ');
  const security = [{ bearer: [] }];
  const replaceBody = Type.Composite([Type.Omit(o.input, ['id']), Type.Object({ id: Type.Optional(o.input.properties.id!) })], { additionalProperties: false });

  if (o.list) {
    app.get(
      base,
      { config: { roles: READERS }, schema: { tags: [o.tag], summary: `Every ${noun} of the tenant (master data)`, security, querystring: PageQuery, response: { 200: Page(o.record), ...errorResponses } } },
      async (request, reply) => {
        const w = pageWindow(request.query);
        const { items, total } = await records.list(request.tenantId, w);
        return pageBody(reply, request, w, items, total);
      },
    );
  }

  app.get(
    o.recordPath ?? `${base}/:id`,
    {
      config: { roles: READERS },
      schema: { tags: [o.tag], summary: `One ${noun} (master data) with its ETag`, security, params: IdParams, response: { 200: { ...o.record, description: `the ${noun}`, headers: ETagHeader }, ...errorResponses } },
    },
    async (request, reply) => {
      const { record, version } = await records.get(request.tenantId, request.params.id);
      setETag(reply, version);
      return record;
    },
  );

  app.post(
    base,
    {
      config: { roles: STAFF },
      schema: { tags: [o.tag], summary: `Create a ${noun} (409 when the id is taken)`, security, body: o.input, response: { 201: { ...o.record, headers: ETagHeader }, ...writeErrors } },
    },
    async (request, reply) => {
      const { record, version } = await records.create(request.tenantId, request.body as { id: string }, requestActor(request));
      setETag(reply, version);
      reply.header('Location', `/v1${base}/${encodeURIComponent((request.body as { id: string }).id)}`);
      return reply.status(201).send(record);
    },
  );

  app.put(
    `${base}/:id`,
    {
      config: { roles: STAFF },
      schema: {
        tags: [o.tag],
        summary: `Replace a ${noun}; If-Match with the ETag read is required`,
        security,
        params: IdParams,
        headers: IfMatch,
        body: replaceBody,
        response: { 200: { ...o.record, headers: ETagHeader }, ...writeErrors },
      },
    },
    async (request, reply) => {
      const expected = ifMatchVersion(request);
      const body = request.body as { id?: string };
      if (body.id !== undefined && body.id !== request.params.id) {
        throw new HttpProblem(400, 'Bad Request', 'The id in the body differs from the id in the path', [{ name: 'body.id', reason: `must be ${request.params.id} (ids are not renamed)` }]);
      }
      const { record, version } = await records.replace(request.tenantId, { ...body, id: request.params.id }, expected, requestActor(request));
      setETag(reply, version);
      return record;
    },
  );

  app.delete(
    `${base}/:id`,
    {
      config: { roles: STAFF },
      schema: {
        tags: [o.tag],
        summary: o.spec.retires ? `Retire a ${noun}: no longer planned, its history kept` : `Delete a ${noun} (409 while others refer to it)`,
        security,
        params: IdParams,
        headers: IfMatch,
        response: { 204: Type.Null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await records.remove(request.tenantId, request.params.id, ifMatchVersion(request), requestActor(request));
      o.ctx.routeCache.invalidate(request.tenantId);
      return reply.status(204).send(null);
    },
  );
};

export default masterData;
