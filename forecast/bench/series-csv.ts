/**
 * Fill series as CSV, the benchmark's input and output: header `container_id,time_utc,fill_pct[,event]`,
 * ISO 8601 UTC times, fill 0..100 %, event empty for a reading or `collected` for the fill found
 * at an emptying (the container is empty afterwards). A fill of 100 is the sensor's full mark: the
 * true fill may be higher. Every bad row is reported with its line and column.
 */
import { parse } from 'csv-parse/sync';
import { InputError, type ErrorDetail } from '../../platform/errors.ts';
import type { FillObservation } from '../types.ts';

export interface SeriesRow {
  readonly containerId: string;
  readonly timeMs: number;
  /** 0..1 */
  readonly fill: number;
  readonly collected: boolean;
  /** The real fill (simulated series only; not in the CSV): scoring against it with --truth. */
  readonly trueFill?: number;
}

const HEADER = ['container_id', 'time_utc', 'fill_pct'];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]00:?00)$/;
const MAX_REPORTED = 20;

export function readSeriesCsv(text: string, source = 'input'): Map<string, SeriesRow[]> {
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  const header = records[0]?.map((h) => h.toLowerCase());
  if (!header || header.slice(0, 3).join(',') !== HEADER.join(',') || header.length > 4 || (header.length === 4 && header[3] !== 'event')) {
    throw new InputError(`${source}: the header must be container_id,time_utc,fill_pct[,event]`, [{ name: `${source}:1`, reason: `found ${header?.join(',') ?? 'nothing'}` }]);
  }
  const problems: ErrorDetail[] = [];
  const series = new Map<string, SeriesRow[]>();
  for (let i = 1; i < records.length; i++) {
    const r = records[i];
    const line = `${source}:${i + 1}`;
    if (r.length < 3 || r.length > header.length) {
      problems.push({ name: line, reason: `expected ${header.length} columns, found ${r.length}` });
      continue;
    }
    const [id, time, pct, event = ''] = r;
    const timeMs = ISO_UTC.test(time) ? Date.parse(time) : NaN;
    const fill = pct === '' ? NaN : Number(pct);
    if (!id) problems.push({ name: `${line} container_id`, reason: 'empty' });
    if (!Number.isFinite(timeMs)) problems.push({ name: `${line} time_utc`, reason: `"${time}" is not an ISO 8601 UTC time (e.g. 2026-03-01T08:00:00Z)` });
    if (!(fill >= 0 && fill <= 100)) problems.push({ name: `${line} fill_pct`, reason: `"${pct}" is not a number 0..100` });
    if (event !== '' && event !== 'collected') problems.push({ name: `${line} event`, reason: `"${event}" is neither empty nor collected` });
    if (!id || !Number.isFinite(timeMs) || !(fill >= 0 && fill <= 100) || (event !== '' && event !== 'collected')) continue;
    let rows = series.get(id);
    if (!rows) series.set(id, (rows = []));
    rows.push({ containerId: id, timeMs, fill: fill / 100, collected: event === 'collected' });
  }
  if (problems.length) {
    const shown = problems.slice(0, MAX_REPORTED);
    const more = problems.length > shown.length ? ` (first ${MAX_REPORTED} of ${problems.length} shown)` : '';
    throw new InputError(`${source}: ${problems.length} invalid row value(s)${more}`, shown);
  }
  // Stable sort: rows with one timestamp keep their file order.
  for (const rows of series.values()) rows.sort((a, b) => a.timeMs - b.timeMs);
  return series;
}

export function toObservation(row: SeriesRow): FillObservation {
  return { timeMs: row.timeMs, fill: row.fill, capped: row.fill >= 1, collected: row.collected || undefined };
}

export function writeSeriesCsv(rows: Iterable<SeriesRow>): string {
  const out = ['container_id,time_utc,fill_pct,event'];
  for (const r of rows) out.push(`${r.containerId},${new Date(r.timeMs).toISOString()},${Math.round(r.fill * 1000) / 10},${r.collected ? 'collected' : ''}`);
  return `${out.join('\n')}\n`;
}
