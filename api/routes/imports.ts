/**
 * Bulk imports as API calls: POST /v1/imports with the file (multipart/form-data, field `file`)
 * and the CLI's options as query parameters answers 202 with the import's URL; the import job
 * (BullMQ) runs the registry's import service and GET /v1/imports/{id} shows its state, progress
 * and, when completed, the report — the same JSON as `npm run import -- --json`.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../auth/install-auth.ts';
import { STAFF } from '../auth/tokens.ts';
import type { ApiContext } from '../context.ts';
import { pageBody, pageWindow } from '../pagination.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { Nullable, Page, PageQuery, UuidParams, errorResponses } from '../schemas/common.ts';
import { importOptions } from '../../registry/import/import-options.ts';
import { importKinds } from '../../registry/import/import-kinds.ts';
import { validateRequest } from '../../registry/import/import-service.ts';

const MAX_FILE_BYTES = 100 * 1024 * 1024;

const ImportQuery = Type.Object(
  {
    kind: Type.String({ description: `what the file holds: ${importKinds().join(', ')}` }),
    format: Type.Optional(Type.String({ description: 'geojson, csv, amsterdam, ngsi-ld (containers); csv, json (others); default from the file name' })),
    map: Type.Optional(Type.String({ maxLength: 2000, description: 'CSV column mapping field=column,… e.g. id=objectnummer,fraction=fractie,volume_m3=inhoud,x=x,y=y' })),
    crs: Type.Optional(Type.String({ description: 'EPSG:28992 for RD New coordinates when the file does not say' })),
    volumeM3: Type.Optional(Type.String({ description: 'volume of containers whose rows give none' })),
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'check and count everything, write nothing' })),
    retireMissing: Type.Optional(Type.Boolean({ default: false, description: 'containers: retire stored containers missing from this full import (history kept)' })),
  },
  { additionalProperties: false },
);

const RowError = Type.Object({ row: Type.Integer(), field: Type.String(), reason: Type.String(), id: Type.Optional(Type.String()) });
const ImportReport = Type.Object({
  kind: Type.String(),
  format: Type.String(),
  dryRun: Type.Boolean(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  retired: Type.Integer(),
  rejected: Type.Integer(),
  errors: Type.Array(RowError),
  missing: Type.Array(Type.String(), { description: 'stored records not in the file (kept)' }),
  flagged: Type.Array(Type.Object({ row: Type.Integer(), id: Type.String(), reason: Type.String() }), { description: 'imported, worth a look (far from any road)' }),
});
const ImportState = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  fileName: Nullable(Type.String()),
  status: Type.Union(['queued', 'running', 'completed', 'failed'].map((s) => Type.Literal(s))),
  progress: Nullable(Type.Object({ phase: Type.String(), done: Type.Integer(), total: Type.Integer() })),
  report: Nullable(ImportReport),
  failureReason: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  links: Type.Object({ self: Type.String() }),
});

interface Row {
  id: string;
  kind: string;
  file_name: string | null;
  status: 'queued' | 'running' | 'completed' | 'failed';
  report: unknown;
  failure_reason: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const imports: FastifyPluginAsyncTypebox<{ ctx: ApiContext }> = async (app, { ctx }) => {
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 20 } });
  const view = async (r: Row) => ({
    id: r.id, kind: r.kind, fileName: r.file_name, status: r.status,
    progress: r.status === 'running' && ctx.importJobs ? await ctx.importJobs.progress(r.id).catch(() => null) : null,
    report: (r.report ?? null) as never, failureReason: r.failure_reason,
    createdAt: r.created_at.toISOString(), finishedAt: r.finished_at?.toISOString() ?? null, links: { self: `/v1/imports/${r.id}` },
  });

  app.post(
    '/imports',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['imports'],
        summary: 'Import a file (multipart/form-data, field `file`): answered with the import job; follow it at links.self',
        security: [{ bearer: [] }],
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 202: ImportState, 413: errorResponses[400], 422: errorResponses[400], 503: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const q = request.query;
      const options = importOptions(q, (o) => `querystring.${o}`);
      validateRequest(q.kind, options, options.format);
      if (!ctx.importJobs) throw new HttpProblem(503, 'Service Unavailable', 'The import queue is not configured');
      if (!request.isMultipart()) throw new HttpProblem(400, 'Bad Request', 'Send the file as multipart/form-data', [{ name: 'body.file', reason: 'multipart/form-data with a file field' }]);
      const file = await request.file();
      if (!file) throw new HttpProblem(400, 'Bad Request', 'No file in the request', [{ name: 'body.file', reason: 'required' }]);
      let content: Buffer;
      try {
        content = await file.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpProblem(413, 'Content Too Large', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, [{ name: 'body.file', reason: 'too large' }]);
        throw err;
      }
      const { rows } = await ctx.pool.query<Row>(
        `INSERT INTO imports (tenant_id, kind, options, file_name, content, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [request.tenantId, q.kind, JSON.stringify(options), file.filename || null, content, principal.tokenId],
      );
      await ctx.importJobs.enqueue({ importId: rows[0]!.id, tenantId: request.tenantId });
      reply.header('Location', `/v1/imports/${rows[0]!.id}`);
      return reply.status(202).send(await view(rows[0]!));
    },
  );

  app.get(
    '/imports/:id',
    { config: { roles: STAFF }, schema: { tags: ['imports'], summary: 'An import: state, progress while it runs, the report when completed', security: [{ bearer: [] }], params: UuidParams, response: { 200: ImportState, ...errorResponses } } },
    async (request) => {
      const { rows } = await ctx.pool.query<Row>('SELECT * FROM imports WHERE tenant_id = $1 AND id = $2', [request.tenantId, request.params.id]);
      if (!rows[0]) throw notFound(`import ${request.params.id}`);
      return view(rows[0]);
    },
  );

  app.get(
    '/imports',
    { config: { roles: STAFF }, schema: { tags: ['imports'], summary: 'Imports, newest first', security: [{ bearer: [] }], querystring: PageQuery, response: { 200: Page(ImportState), ...errorResponses } } },
    async (request, reply) => {
      const w = pageWindow(request.query);
      const { rows } = await ctx.pool.query<Row & { total: string }>(
        `SELECT id, kind, file_name, status, report, failure_reason, created_at, finished_at, count(*) OVER () AS total FROM imports
          WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
        [request.tenantId, w.limit, w.offset],
      );
      return pageBody(reply, request, w, await Promise.all(rows.map(view)), Number(rows[0]?.total ?? 0));
    },
  );
};

export default imports;
