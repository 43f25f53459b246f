/**
 * Alerts raised by the ingester (fire, tilt, battery, silence, full): list and acknowledge. Each
 * alert's text comes as its code and parameters and rendered in the tenant's language.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../auth/install-auth.ts';
import { STAFF } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import { pageBody, pagedQuery, pageWindow } from '../pagination.ts';
import { notFound } from '../problem.ts';
import { Nullable, Page, PageQuery, UuidParams, errorResponses } from '../schemas/common.ts';
import { AlertMessageSchema, alertDataOf, alertTextOf } from '../../ingest/contracts/alert.ts';
import { renderAlertText } from '../../ingest/contracts/alert-texts.ts';
import type { Language } from '../../platform/i18n.ts';
import { readTenantSettings } from '../../registry/tenant-settings.ts';

const Kind = Type.Union(['fire', 'tilt', 'battery_low', 'silent', 'full', 'overflow', 'sensor_fault'].map((k) => Type.Literal(k)));
const Severity = Type.Union(['info', 'warning', 'critical'].map((k) => Type.Literal(k)));

const Alert = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Kind,
  severity: Severity,
  containerId: Nullable(Type.String()),
  sensorId: Nullable(Type.String()),
  code: Type.String({ description: 'the text as a code (alert.full, alert.fire …)' }),
  params: AlertMessageSchema.properties.params,
  message: Type.String({ description: "the text rendered in the tenant's language (nl, en)" }),
  data: Type.Record(Type.String(), Type.Unknown()),
  raisedAt: Type.String({ format: 'date-time' }),
  resolvedAt: Nullable(Type.String({ format: 'date-time' })),
  acknowledgedAt: Nullable(Type.String({ format: 'date-time' })),
  acknowledgedBy: Nullable(Type.String()),
});

const AlertQuery = Type.Composite([
  PageQuery,
  Type.Object({
    open: Type.Optional(Type.Boolean({ description: 'true: unresolved only; false: resolved only' })),
    acknowledged: Type.Optional(Type.Boolean()),
    kind: Type.Optional(Kind),
    severity: Type.Optional(Severity),
  }),
]);

const COLUMNS = 'id, kind, severity, container_id, sensor_id, message, data, raised_at, resolved_at, acknowledged_at, acknowledged_by';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toAlert = (r: any, lang: Language) => {
  const text = alertTextOf(r);
  return {
    id: r.id, kind: r.kind, severity: r.severity, containerId: r.container_id, sensorId: r.sensor_id,
    ...text, message: renderAlertText(text, lang), data: alertDataOf(r.data),
    raisedAt: r.raised_at.toISOString(), resolvedAt: iso(r.resolved_at), acknowledgedAt: iso(r.acknowledged_at), acknowledgedBy: r.acknowledged_by,
  };
};

const alerts: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  const language = async (tenantId: string) => readTenantSettings((await ctx.tenants.get(tenantId)).settings).language;

  app.get(
    '/alerts',
    {
      config: { roles: STAFF },
      schema: { tags: ['alerts'], summary: 'Alerts, newest first', security: [{ bearer: [] }], querystring: AlertQuery, response: { 200: Page(Alert), ...errorResponses } },
    },
    async (request, reply) => {
      const q = request.query;
      const w = pageWindow(q);
      const params: unknown[] = [request.tenantId];
      const clauses = ['tenant_id = $1'];
      if (q.open !== undefined) clauses.push(q.open ? 'resolved_at IS NULL' : 'resolved_at IS NOT NULL');
      if (q.acknowledged !== undefined) clauses.push(q.acknowledged ? 'acknowledged_at IS NOT NULL' : 'acknowledged_at IS NULL');
      if (q.kind) clauses.push(`kind = $${params.push(q.kind)}`);
      if (q.severity) clauses.push(`severity = $${params.push(q.severity)}`);
      const where = clauses.join(' AND ');
      const [lang, { rows }, count] = await Promise.all([
        language(request.tenantId),
        ctx.pool.query(...pagedQuery(`SELECT ${COLUMNS} FROM alerts WHERE ${where} ORDER BY raised_at DESC, id`, params, w)),
        ctx.pool.query<{ n: string }>(`SELECT count(*) AS n FROM alerts WHERE ${where}`, params),
      ]);
      return pageBody(reply, request, w, rows.map((r) => toAlert(r, lang)), Number(count.rows[0]!.n));
    },
  );

  app.post(
    '/alerts/:id/acknowledge',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert (idempotent: the first acknowledgement is kept)',
        security: [{ bearer: [] }],
        params: UuidParams,
        response: { 200: Alert, ...errorResponses },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { rows } = await ctx.pool.query(
        `UPDATE alerts SET acknowledged_at = coalesce(acknowledged_at, now()), acknowledged_by = coalesce(acknowledged_by, $3)
          WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [request.tenantId, request.params.id, principal.tokenId],
      );
      if (!rows[0]) throw notFound(`alert ${request.params.id}`);
      return toAlert(rows[0], await language(request.tenantId));
    },
  );
};

export default alerts;
