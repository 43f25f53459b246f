/**
 * Sensors of the tenant and their bindings to containers (staff). Registering, changing,
 * retiring and binding go through the registry's sensor store, one transaction per request with
 * its processing-log entry; updates need the ETag read (If-Match), so two dispatchers cannot
 * overwrite each other silently. DELETE retires: the sensor's history stays.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { STAFF } from '../auth/tokens.ts';
import { changeActor } from '../change-actor.ts';
import type { ApiContext } from '../context.ts';
import { ifMatchVersion, setETag } from '../etag.ts';
import { pageBody, pageWindow } from '../pagination.ts';
import { notFound } from '../problem.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import { Binding, BindOutcome, Sensor, SensorListQuery, SensorPage } from '../schemas/sensors.ts';
import { withTransaction } from '../../platform/db.ts';
import { BindingInput, SensorInput, SensorPatch } from '../../registry/sensors/sensor-shapes.ts';
import { bindSensor, createSensor, getSensor, listBindings, listSensors, retireSensor, updateSensor } from '../../registry/sensors/sensor-store.ts';

const writeErrors = { ...errorResponses, 409: errorResponses[400], 412: errorResponses[400], 422: errorResponses[400], 428: errorResponses[400] };
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ description: 'the ETag read (required)' })) });

const sensors: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  const security = [{ bearer: [] }];

  app.get(
    '/sensors',
    { config: { roles: STAFF }, schema: { tags: ['sensors'], summary: 'Sensors and the container each is bound to now', security, querystring: SensorListQuery, response: { 200: SensorPage, ...errorResponses } } },
    async (request, reply) => {
      const w = pageWindow(request.query);
      const { items, total } = await listSensors(ctx.pool, request.tenantId, w, { containerId: request.query.containerId });
      return pageBody(reply, request, w, items, total);
    },
  );

  app.post(
    '/sensors',
    {
      config: { roles: STAFF },
      schema: { tags: ['sensors'], summary: 'Register a sensor (bound to a container when containerId is given)', security, body: SensorInput, response: { 201: Sensor, ...writeErrors } },
    },
    async (request, reply) => {
      const sensor = await withTransaction(ctx.pool, (db) => createSensor(db, request.tenantId, request.body, changeActor(request)));
      setETag(reply, sensor.version);
      return reply.status(201).header('Location', `/v1/sensors/${encodeURIComponent(sensor.id)}`).send(sensor);
    },
  );

  app.get(
    '/sensors/:id',
    { config: { roles: STAFF }, schema: { tags: ['sensors'], summary: 'One sensor (ETag: its version)', security, params: IdParams, response: { 200: Sensor, ...errorResponses } } },
    async (request, reply) => {
      const sensor = await getSensor(ctx.pool, request.tenantId, request.params.id);
      if (!sensor) throw notFound(`sensor ${request.params.id}`);
      setETag(reply, sensor.version);
      return sensor;
    },
  );

  app.patch(
    '/sensors/:id',
    {
      config: { roles: STAFF },
      schema: { tags: ['sensors'], summary: 'Change a sensor (If-Match: the ETag read)', security, params: IdParams, headers: IfMatch, body: SensorPatch, response: { 200: Sensor, ...writeErrors } },
    },
    async (request, reply) => {
      const expected = ifMatchVersion(request);
      const sensor = await withTransaction(ctx.pool, (db) => updateSensor(db, request.tenantId, request.params.id, request.body, changeActor(request), expected));
      setETag(reply, sensor.version);
      return sensor;
    },
  );

  app.delete(
    '/sensors/:id',
    {
      config: { roles: STAFF },
      schema: { tags: ['sensors'], summary: 'Retire a sensor: inactive and unbound, its bindings and readings stay (If-Match)', security, params: IdParams, headers: IfMatch, response: { 204: Type.Null(), ...writeErrors } },
    },
    async (request, reply) => {
      const expected = ifMatchVersion(request);
      await withTransaction(ctx.pool, (db) => retireSensor(db, request.tenantId, request.params.id, changeActor(request), expected));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/sensors/:id/bindings',
    { config: { roles: STAFF }, schema: { tags: ['sensors'], summary: 'The containers a sensor was bound to, oldest first', security, params: IdParams, response: { 200: Type.Object({ items: Type.Array(Binding) }), ...errorResponses } } },
    async (request) => {
      const items = await listBindings(ctx.pool, request.tenantId, request.params.id);
      if (items.length === 0 && !(await getSensor(ctx.pool, request.tenantId, request.params.id))) throw notFound(`sensor ${request.params.id}`);
      return { items };
    },
  );

  app.post(
    '/sensors/:id/bindings',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['sensors'],
        summary: 'Bind the sensor to a container from validFrom (containerId null: unbind); closes the open binding (If-Match)',
        security, params: IdParams, headers: IfMatch, body: BindingInput, response: { 200: BindOutcome, ...writeErrors },
      },
    },
    async (request, reply) => {
      const expected = ifMatchVersion(request);
      const result = await withTransaction(ctx.pool, async (db) => {
        const outcome = await bindSensor(db, request.tenantId, request.params.id, request.body, changeActor(request), { expectedVersion: expected });
        return { ...outcome, sensor: (await getSensor(db, request.tenantId, request.params.id))! };
      });
      setETag(reply, result.sensor.version);
      return result;
    },
  );
};

export default sensors;
