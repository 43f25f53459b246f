/**
 * The forecast of one container: fill now, rate and where it comes from, sensor health, the
 * reason of a fallback in the tenant's language, the expected times of reaching the
 * must-threshold and 100 %, and hourly predictions with an interval. Open data, like the
 * container itself; tenant from the token or ?tenant=.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isFraction } from '../../registry/fractions.ts';
import { readTenantSettings, thresholdsFor } from '../../registry/tenant-settings.ts';
import type { ApiContext } from '../context.ts';
import { loadForecasts } from '../forecast-source.ts';
import { forecastDetail } from '../forecast-view.ts';
import { notFound } from '../problem.ts';
import { IdParams, errorResponses } from '../schemas/common.ts';
import { ContainerForecastBody, ForecastQuery } from '../schemas/forecast.ts';

const forecast: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  app.get(
    '/containers/:id/forecast',
    {
      schema: {
        tags: ['containers'],
        summary: 'Forecast of a container: fill now and ahead with an interval, time to the must-threshold and to full, sensor health',
        security: [],
        params: IdParams,
        querystring: ForecastQuery,
        response: { 200: ContainerForecastBody, 400: errorResponses[400], 404: errorResponses[404] },
      },
    },
    async (request) => {
      const tenant = await ctx.tenants.get(request.tenantId);
      const { rows } = await ctx.pool.query<{ fraction: string; type: string }>('SELECT fraction, type FROM containers WHERE tenant_id = $1 AND id = $2', [tenant.id, request.params.id]);
      const c = rows[0];
      if (!c) throw notFound(`container ${request.params.id}`);
      const settings = readTenantSettings(tenant.settings);
      const forecasts = await loadForecasts(ctx.pool, { tenantId: tenant.id, timeZone: tenant.timeZone, nowMs: Date.now(), containerIds: [request.params.id] });
      const mustFill = isFraction(c.fraction) ? thresholdsFor(settings, c.fraction, c.type).mustFill : settings.thresholds.mustFill;
      return forecastDetail(forecasts.get(request.params.id)!, {
        language: settings.language,
        mustFill,
        hours: request.query.hours ?? 72,
        interval: request.query.interval ?? 0.8,
      });
    },
  );
};

export default forecast;
