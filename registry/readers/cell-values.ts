/**
 * Reading one value out of a file cell as municipalities write them: decimal point or decimal
 * comma, thousands separators, ja/nee booleans. A value that cannot be read is an error naming
 * what was found, never a silent zero.
 */

/** A number from a cell ("1.5", "1,5", "1.234,5", "1,234.5"); undefined when unreadable. */
export function parseNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  let s = raw.trim().replace(/\s/g, '');
  if (s === '') return undefined;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    // the later separator is the decimal one
    s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (comma >= 0) {
    if ((s.match(/,/g) ?? []).length > 1) return undefined;
    s = s.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

const TRUE = new Set(['true', '1', 'ja', 'yes', 'j', 'y', 'waar', 'actief', 'active']);
const FALSE = new Set(['false', '0', 'nee', 'no', 'n', 'onwaar', 'inactief', 'inactive']);

export function parseBoolean(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : undefined;
}

/** An empty cell (absent, blank, or null in JSON). */
export const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
