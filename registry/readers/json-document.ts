/** A JSON file parsed, or the row error saying why it cannot be (empty, not JSON). */
import type { RowError } from '../import/import-types.ts';

export function readJsonDocument(content: string): { ok: true; value: unknown } | { ok: false; errors: RowError[] } {
  if (content.trim() === '') return { ok: false, errors: [{ row: 0, field: 'file', reason: 'empty file' }] };
  try {
    return { ok: true, value: JSON.parse(content.replace(/^\uFEFF/, '')) };
  } catch (err) {
    return { ok: false, errors: [{ row: 0, field: 'file', reason: `not JSON: ${(err as Error).message}` }] };
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
