/**
 * One import, the same for the CLI, the API's import job and the demo loader: read the file with
 * the kind's pure reader, reject bad rows (named row, field, reason) and ids given twice, check
 * references, snap containers to roads, then upsert the good rows in one transaction — all or
 * nothing per row — and report. A dry run does all of it and rolls back, so its counts are exact.
 * Records missing from the file are reported, and retired only when asked (never deleted).
 */
import type pg from 'pg';
import { InputError } from '../../platform/errors.ts';
import { TenantStore } from '../store/tenants-store.ts';
import { missingIds, missingReferences, retire } from '../store/bulk-upsert.ts';
import { bulkUpsert } from '../store/bulk-upsert.ts';
import { logChanges, type Actor } from '../store/change-log.ts';
import { formatOf, importKind, importKinds } from './import-kinds.ts';
import type { ImportOptions, ImportProgress, ImportReport, ReadRow, RowError } from './import-types.ts';
import type { RoadSnapper } from './road-check.ts';

export interface ImportRequest {
  readonly tenantId: string;
  readonly kind: string;
  readonly content: string;
  /** Tells the format by its extension when --format is not given. */
  readonly fileName?: string;
  readonly options: ImportOptions;
  readonly actor: Actor;
  /** The tenant's router, to flag containers far from any road; absent: no road check. */
  readonly snapper?: RoadSnapper;
  readonly onProgress?: (p: ImportProgress) => void;
}

/** Rows whose id appears more than once: every one is rejected, naming the others. */
export function duplicateIds<I extends { id: string }>(rows: readonly ReadRow<I>[]): RowError[] {
  const byId = new Map<string, number[]>();
  for (const r of rows) byId.set(r.value.id, [...(byId.get(r.value.id) ?? []), r.row]);
  const errors: RowError[] = [];
  for (const [id, lines] of byId) {
    if (lines.length < 2) continue;
    for (const row of lines) errors.push({ row, field: 'id', reason: `duplicate id ${id} in the file (rows ${lines.join(', ')})`, id });
  }
  return errors;
}

export function validateRequest(kind: string, options: ImportOptions, format: string | undefined): void {
  const handler = importKind(kind);
  if (!handler) throw new InputError(`unknown kind ${kind}`, [{ name: 'kind', reason: `one of ${importKinds().join(', ')}` }]);
  const formats = Object.keys(handler.readers);
  if (format !== undefined && !formats.includes(format)) throw new InputError(`${kind} cannot be read as ${format}`, [{ name: 'format', reason: `one of ${formats.join(', ')}` }]);
  if (options.retireMissing && !handler.spec.retires) throw new InputError(`--retire-missing is for containers`, [{ name: 'retireMissing', reason: `${kind} are not retired; remove them one by one` }]);
}

export async function runImport(pool: pg.Pool, req: ImportRequest): Promise<ImportReport> {
  validateRequest(req.kind, req.options, req.options.format);
  const handler = importKind(req.kind)!;
  const format = formatOf(handler, req.fileName, req.content, req.options.format);
  const progress = req.onProgress ?? (() => {});
  const tenant = await new TenantStore(pool).get(req.tenantId);

  progress({ phase: 'reading', done: 0, total: 0 });
  const read = handler.readers[format]!(req.content, req.options, { settings: tenant.settings });
  const duplicates = duplicateIds(read.rows);
  const rejectedRows = new Set(duplicates.map((e) => e.row));
  let rows = read.rows.filter((r) => !rejectedRows.has(r.row));
  const errors: RowError[] = [...read.errors, ...duplicates];
  const total = read.rows.length;

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    progress({ phase: 'checking', done: 0, total });
    const broken = await missingReferences(client, handler.spec, req.tenantId, rows.map((r) => r.value));
    if (broken.length) {
      errors.push(...broken.map((b) => ({ row: rows[b.index]!.row, field: b.field, reason: b.reason, id: rows[b.index]!.value.id })));
      const bad = new Set(broken.map((b) => b.index));
      rows = rows.filter((_, i) => !bad.has(i));
    }
    let flagged: ImportReport['flagged'] = [];
    if (handler.prepare) {
      progress({ phase: 'snapping', done: 0, total: rows.length });
      const prepared = await handler.prepare(rows, { snapper: req.snapper, onProgress: (done) => progress({ phase: 'snapping', done, total: rows.length }) });
      rows = prepared.rows;
      flagged = prepared.flagged;
    }
    progress({ phase: 'writing', done: 0, total: rows.length });
    const values = rows.map((r) => r.value);
    const counts = handler.store ? await handler.store(client, req.tenantId, values) : await bulkUpsert(client, handler.spec, req.tenantId, values);
    for (const r of counts.rejected ?? []) errors.push({ row: rows.find((x) => x.value.id === r.id)?.row ?? 0, field: r.field, reason: r.reason, id: r.id });
    // Rejected rows still name records that exist: those are not "missing" from the file.
    const named = [...values.map((v) => v.id), ...errors.flatMap((e) => (e.id === undefined ? [] : [e.id]))];
    let missing = handler.spec.retires || !req.options.retireMissing ? await missingIds(client, handler.spec.table, req.tenantId, named, Boolean(handler.spec.retires)) : [];
    let retired: string[] = [];
    // A file that yielded no good row (empty, wrong format) never retires a whole city.
    if (req.options.retireMissing && values.length > 0) {
      retired = await retire(client, handler.spec.table, req.tenantId, missing);
      missing = [];
    }
    await logChanges(client, req.tenantId, req.actor, 'create', handler.spec.noun, counts.created);
    await logChanges(client, req.tenantId, req.actor, 'update', handler.spec.noun, counts.updated);
    await logChanges(client, req.tenantId, req.actor, 'retire', handler.spec.noun, retired);
    await client.query(req.options.dryRun ? 'ROLLBACK' : 'COMMIT');
    errors.sort((a, b) => a.row - b.row);
    const report: ImportReport = {
      kind: req.kind,
      format,
      dryRun: Boolean(req.options.dryRun),
      created: counts.created.length,
      updated: counts.updated.length,
      unchanged: counts.unchanged.length,
      retired: retired.length,
      rejected: new Set(errors.map((e) => e.row)).size,
      errors,
      missing,
      flagged,
    };
    progress({ phase: 'done', done: rows.length, total: rows.length });
    return report;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
