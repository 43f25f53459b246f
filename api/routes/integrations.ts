/**
 * The tenant's network-server integrations and the state the ingester reports for each (staff
 * read; admin writes: they hold credentials). Secrets are accepted, stored encrypted with
 * SECRETS_KEY and never returned; the ingester picks changes up at its next poll.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { STAFF, type Role } from '../auth/tokens.ts';
import { changeActor } from '../change-actor.ts';
import type { ApiContext } from '../context.ts';
import { ifMatchVersion, setETag } from '../etag.ts';
import { notFound } from '../problem.ts';
import { errorResponses, UuidParams } from '../schemas/common.ts';
import { Integration, IntegrationList } from '../schemas/sensors.ts';
import { withTransaction } from '../../platform/db.ts';
import { IntegrationInput, IntegrationPatch } from '../../registry/sensors/sensor-shapes.ts';
import { createIntegration, deleteIntegration, getIntegration, listIntegrations, updateIntegration } from '../../registry/sensors/integration-store.ts';

const ADMIN: readonly Role[] = ['admin'];
const writeErrors = { ...errorResponses, 409: errorResponses[400], 412: errorResponses[400], 422: errorResponses[400], 428: errorResponses[400] };
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ description: 'the ETag read (required)' })) });

export interface IntegrationRoutesOptions {
  ctx: ApiContext;
  /** SECRETS_KEY; without it integrations carrying a secret are refused (422 naming body.secret). */
  secretsKey?: Buffer;
}

const integrations: FastifyPluginAsyncTypebox<IntegrationRoutesOptions> = async (app, { ctx, secretsKey }) => {
  const security = [{ bearer: [] }];

  app.get(
    '/integrations',
    { config: { roles: STAFF }, schema: { tags: ['integrations'], summary: 'Network-server integrations with their connection state', security, response: { 200: IntegrationList, ...errorResponses } } },
    async (request) => ({ items: await listIntegrations(ctx.pool, request.tenantId) }),
  );

  app.post(
    '/integrations',
    { config: { roles: ADMIN }, schema: { tags: ['integrations'], summary: 'Add an integration (The Things Stack, ChirpStack or an application on our broker)', security, body: IntegrationInput, response: { 201: Integration, ...writeErrors } } },
    async (request, reply) => {
      const created = await withTransaction(ctx.pool, (db) => createIntegration(db, request.tenantId, request.body, secretsKey, changeActor(request)));
      setETag(reply, created.version);
      return reply.status(201).header('Location', `/v1/integrations/${created.id}`).send(created);
    },
  );

  app.get(
    '/integrations/:id',
    { config: { roles: STAFF }, schema: { tags: ['integrations'], summary: 'One integration and its state (connected, last message, errors)', security, params: UuidParams, response: { 200: Integration, ...errorResponses } } },
    async (request, reply) => {
      const found = await getIntegration(ctx.pool, request.tenantId, request.params.id);
      if (!found) throw notFound(`integration ${request.params.id}`);
      setETag(reply, found.version);
      return found;
    },
  );

  app.patch(
    '/integrations/:id',
    { config: { roles: ADMIN }, schema: { tags: ['integrations'], summary: 'Change an integration (If-Match)', security, params: UuidParams, headers: IfMatch, body: IntegrationPatch, response: { 200: Integration, ...writeErrors } } },
    async (request, reply) => {
      const expected = ifMatchVersion(request);
      const updated = await withTransaction(ctx.pool, (db) => updateIntegration(db, request.tenantId, request.params.id, request.body, secretsKey, changeActor(request), expected));
      setETag(reply, updated.version);
      return updated;
    },
  );

  app.delete(
    '/integrations/:id',
    { config: { roles: ADMIN }, schema: { tags: ['integrations'], summary: 'Remove an integration; the ingester disconnects at its next poll (If-Match)', security, params: UuidParams, headers: IfMatch, response: { 204: Type.Null(), ...writeErrors } } },
    async (request, reply) => {
      const expected = ifMatchVersion(request);
      await withTransaction(ctx.pool, (db) => deleteIntegration(db, request.tenantId, request.params.id, changeActor(request), expected));
      return reply.status(204).send(null);
    },
  );
};

export default integrations;
