/**
 * Devices seen but registered nowhere (their messages are dead letters), newest first, and the one
 * action on each: register it as a sensor bound to a container (staff).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { STAFF } from '../auth/tokens.ts';
import { changeActor } from '../change-actor.ts';
import type { ApiContext } from '../context.ts';
import { setETag } from '../etag.ts';
import { pageBody, pageWindow } from '../pagination.ts';
import { errorResponses, PageQuery } from '../schemas/common.ts';
import { BindUnknownDevice, Sensor, UnknownDevicePage } from '../schemas/sensors.ts';
import { withTransaction } from '../../platform/db.ts';
import { listUnknownDevices, registerUnknownDevice } from '../../registry/sensors/unknown-devices.ts';

const DeviceParams = Type.Object({ deviceId: Type.String({ minLength: 1, maxLength: 100 }) });

const unknownDevices: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  app.get(
    '/unknown-devices',
    {
      config: { roles: STAFF },
      schema: { tags: ['sensors'], summary: 'Devices seen but not registered: first and last seen, last decoded fill', security: [{ bearer: [] }], querystring: PageQuery, response: { 200: UnknownDevicePage, ...errorResponses } },
    },
    async (request, reply) => {
      const w = pageWindow(request.query);
      const { items, total } = await listUnknownDevices(ctx.pool, request.tenantId, w);
      return pageBody(reply, request, w, items, total);
    },
  );

  app.post(
    '/unknown-devices/:deviceId/bind',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['sensors'],
        summary: 'Register an unknown device as a sensor bound to a container',
        security: [{ bearer: [] }], params: DeviceParams, body: BindUnknownDevice,
        response: { 201: Sensor, ...errorResponses, 409: errorResponses[400], 422: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const sensor = await withTransaction(ctx.pool, (db) => registerUnknownDevice(db, request.tenantId, request.params.deviceId, request.body, changeActor(request)));
      setETag(reply, sensor.version);
      return reply.status(201).header('Location', `/v1/sensors/${encodeURIComponent(sensor.id)}`).send(sensor);
    },
  );
};

export default unknownDevices;
