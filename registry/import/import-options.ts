/**
 * Import options as text (CLI flags, API query parameters) → ImportOptions; a wrong value is an
 * input error naming the option as the caller wrote it (`--map`, `querystring.map`).
 */
import { InputError } from '../../platform/errors.ts';
import type { Crs, ImportOptions } from './import-types.ts';

/** `id=objectnummer,fraction=fractie` → { id: 'objectnummer', fraction: 'fractie' }. */
export function parseMap(raw: string | undefined, name = '--map'): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  const map: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new InputError(`${name}: "${pair}" is not field=column`, [{ name, reason: 'comma-separated field=column pairs, e.g. id=objectnummer,fraction=fractie' }]);
    map[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return map;
}

export function parseCrs(raw: string | undefined, name = '--crs'): Crs | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim().toUpperCase();
  if (v === 'EPSG:28992' || v === 'RD') return 'EPSG:28992';
  if (v === 'CRS84' || v === 'EPSG:4326' || v === 'WGS84') return 'CRS84';
  throw new InputError(`${name} ${raw} is not supported`, [{ name, reason: 'EPSG:28992 (RD New) or CRS84' }]);
}

export function parsePositive(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(',', '.'));
  if (!(n > 0)) throw new InputError(`${name} ${raw} is not a positive number`, [{ name, reason: 'a positive number' }]);
  return n;
}

export interface ImportOptionText {
  format?: string;
  map?: string;
  crs?: string;
  volumeM3?: string;
  dryRun?: boolean;
  retireMissing?: boolean;
}

/** Options from text; `names` gives each option's name as the caller wrote it. */
export function importOptions(t: ImportOptionText, names: (option: keyof ImportOptionText) => string): ImportOptions {
  return {
    ...(t.format ? { format: t.format } : {}),
    ...(t.map ? { map: parseMap(t.map, names('map')) } : {}),
    ...(t.crs ? { crs: parseCrs(t.crs, names('crs')) } : {}),
    ...(t.volumeM3 ? { defaultVolumeM3: parsePositive(t.volumeM3, names('volumeM3')) } : {}),
    dryRun: Boolean(t.dryRun),
    retireMissing: Boolean(t.retireMissing),
  };
}
