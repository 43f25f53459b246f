/** Benchmark file formats: how to find instances in a folder, read them, and their best known costs. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../../platform/errors.ts';
import { parseCvrplib } from './readers/cvrplib.ts';
import { parseSolomon } from './readers/solomon.ts';
import type { BenchInstance } from './readers/types.ts';
import { parseWcvrptw } from './readers/wcvrptw.ts';
import { publishedFor } from './wcvrptw.ts';

export interface Format {
  readonly extension: string;
  /** `dir` is the instance folder, for readers that take per-folder data (wcvrptw: fleet size). */
  readonly parse: (name: string, text: string, dir: string) => BenchInstance;
  /** Column of `bks.csv` holding the best known cost for this objective. */
  readonly bksColumn?: string;
  /** Best known cost from the format's own tables, instead of `bks.csv` / `.sol` files. */
  readonly bestKnown?: (dir: string, name: string) => number | null;
}

export const FORMATS: Record<string, Format> = {
  cvrplib: { extension: '.vrp', parse: parseCvrplib, bksColumn: 'bks' },
  solomon: { extension: '.txt', parse: parseSolomon, bksColumn: 'bks_distance_only' },
  // Kim et al. (2006): best known in miles from best_known.csv; the fleet is the best published
  // solution's truck count (the reader's lower bound when the table lacks the instance).
  wcvrptw: {
    extension: '.txt',
    parse: (name, text, dir) => parseWcvrptw(name, text, { vehicles: publishedFor(dir, name).vehicles ?? undefined }),
    bestKnown: (dir, name) => publishedFor(dir, name).bestMiles,
  },
};

export function listInstances(dir: string, format: Format, only?: readonly string[]): string[] {
  if (!existsSync(dir)) throw new InputError(`no such folder: ${dir}`, [{ name: '--dir', reason: 'folder not found' }]);
  const names = readdirSync(dir)
    .filter((f) => f.endsWith(format.extension))
    .map((f) => basename(f, format.extension))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (!only) return names;
  const missing = only.filter((n) => !names.includes(n));
  if (missing.length) throw new InputError(`instances not found in ${dir}`, missing.map((n) => ({ name: n, reason: `no ${n}${format.extension} in ${dir}` })));
  return only.slice();
}

export function readInstance(dir: string, name: string, format: Format): BenchInstance {
  return format.parse(name, readFileSync(join(dir, name + format.extension), 'utf8'), dir);
}

/** Best known costs: the format's own lookup, else `bks.csv` in the folder or `NAME.sol` ("Cost N"). */
export function bestKnown(dir: string, name: string, format: Format): number | null {
  if (format.bestKnown) return format.bestKnown(dir, name);
  const csv = join(dir, 'bks.csv');
  if (existsSync(csv)) {
    const [header, ...rows] = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
    const cols = header.split(',');
    const want = cols.indexOf(format.bksColumn ?? 'bks');
    const col = want >= 0 ? want : cols.indexOf('bks');
    for (const row of rows) {
      const cells = row.split(',');
      if (cells[0] === name && col >= 0 && cells[col] !== '') return Number(cells[col]);
    }
  }
  const sol = join(dir, `${name}.sol`);
  if (existsSync(sol)) {
    const m = /Cost\s+([\d.]+)/i.exec(readFileSync(sol, 'utf8'));
    if (m) return Number(m[1]);
  }
  return null;
}
