/**
 * Fill history of one container in time buckets: 15 minutes straight from `readings`, hours from
 * the `fill_hourly` aggregate (continuous aggregate under TimescaleDB, a view otherwise), days and
 * weeks rolled up from the hours in the tenant's time zone. Open data.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ApiContext } from '../context.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { FillHistory, FillHistoryQuery } from '../schemas/containers.ts';
import { IdParams, errorResponses } from '../schemas/common.ts';

const DAY_MS = 86_400_000;
const MAX_SPAN_DAYS: Record<string, number> = { '15m': 31, hour: 92, day: 731, week: 3660 };

function hourlyRollup(unit: 'hour' | 'day' | 'week'): string {
  const bucket = unit === 'hour' ? 'bucket' : `date_trunc('${unit}', bucket AT TIME ZONE $5) AT TIME ZONE $5`;
  return `SELECT ${bucket} AS time, sum(avg_fill * readings) / nullif(sum(readings), 0) AS avg_fill,
                 min(min_fill) AS min_fill, max(max_fill) AS max_fill, sum(readings)::int AS readings
            FROM fill_hourly
           WHERE tenant_id = $1 AND container_id = $2 AND bucket >= $3 AND bucket < $4
           GROUP BY 1 ORDER BY 1`;
}

const FROM_READINGS = `
  SELECT date_bin(INTERVAL '15 minutes', time, TIMESTAMPTZ '2000-01-01') AS time, avg(fill_level) AS avg_fill,
         min(fill_level) AS min_fill, max(fill_level) AS max_fill, count(*)::int AS readings
    FROM readings
   WHERE tenant_id = $1 AND container_id = $2 AND time >= $3 AND time < $4 AND fill_level IS NOT NULL
   GROUP BY 1 ORDER BY 1`;

const fillHistory: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  app.get(
    '/containers/:id/fill-history',
    {
      schema: {
        tags: ['containers'],
        summary: 'Fill level over time in buckets of 15 minutes, hours, days or weeks',
        security: [],
        params: IdParams,
        querystring: FillHistoryQuery,
        response: { 200: FillHistory, 400: errorResponses[400], 404: errorResponses[404] },
      },
    },
    async (request) => {
      const q = request.query;
      const bucket = q.bucket ?? 'hour';
      const to = q.to ? new Date(q.to) : new Date();
      const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * DAY_MS);
      if (from >= to) throw new HttpProblem(400, 'Bad Request', 'from must be before to', [{ name: 'querystring.from', reason: 'must be before to' }]);
      if (to.getTime() - from.getTime() > MAX_SPAN_DAYS[bucket]! * DAY_MS) {
        throw new HttpProblem(400, 'Bad Request', `at most ${MAX_SPAN_DAYS[bucket]} days in ${bucket} buckets`, [
          { name: 'querystring.from', reason: `span longer than ${MAX_SPAN_DAYS[bucket]} days for bucket ${bucket}` },
        ]);
      }
      const tenant = await ctx.tenants.get(request.tenantId);
      const exists = await ctx.pool.query('SELECT 1 FROM containers WHERE tenant_id = $1 AND id = $2', [tenant.id, request.params.id]);
      if (!exists.rowCount) throw notFound(`container ${request.params.id}`);
      const params: unknown[] = [tenant.id, request.params.id, from, to];
      const sql = bucket === '15m' ? FROM_READINGS : hourlyRollup(bucket);
      if (bucket === 'day' || bucket === 'week') params.push(tenant.timeZone);
      const { rows } = await ctx.pool.query<{ time: Date; avg_fill: number; min_fill: number; max_fill: number; readings: number }>(sql, params);
      return {
        containerId: request.params.id,
        bucket,
        from: from.toISOString(),
        to: to.toISOString(),
        points: rows.map((r) => ({ time: r.time.toISOString(), avgFill: Number(r.avg_fill), minFill: Number(r.min_fill), maxFill: Number(r.max_fill), readings: r.readings })),
      };
    },
  );
};

export default fillHistory;
