/** Argument readers shared by the registry's command-line tools; a wrong value is an input error naming the option. */
import { InputError } from '../../platform/errors.ts';

/** `id=objectnummer,fraction=fractie` → { id: 'objectnummer', fraction: 'fractie' }. */
export function parseMap(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  const map: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new InputError(`--map: "${pair}" is not field=column`, [{ name: '--map', reason: 'comma-separated field=column pairs, e.g. id=objectnummer,fraction=fractie' }]);
    map[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return map;
}

export function parseCrs(raw: string | undefined): 'CRS84' | 'EPSG:28992' | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim().toUpperCase();
  if (v === 'EPSG:28992' || v === 'RD') return 'EPSG:28992';
  if (v === 'CRS84' || v === 'EPSG:4326' || v === 'WGS84') return 'CRS84';
  throw new InputError(`--crs ${raw} is not supported`, [{ name: '--crs', reason: 'EPSG:28992 (RD New) or CRS84' }]);
}

export function parsePositive(raw: string | undefined, option: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(',', '.'));
  if (!(n > 0)) throw new InputError(`${option} ${raw} is not a positive number`, [{ name: option, reason: 'a positive number' }]);
  return n;
}

/** `minLon,minLat,maxLon,maxLat`. */
export function parseArea(raw: string | undefined): [number, number, number, number] | undefined {
  if (raw === undefined) return undefined;
  const n = raw.split(',').map((s) => Number(s.trim()));
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) throw new InputError(`--area ${raw} is not a bounding box`, [{ name: '--area', reason: 'minLon,minLat,maxLon,maxLat in WGS84' }]);
  return n as [number, number, number, number];
}

export function required(value: string | undefined, option: string): string {
  if (value === undefined || value === '') throw new InputError(`${option} is required`, [{ name: option, reason: 'required' }]);
  return value;
}

/** The actor of a command-line change in the processing log. */
export function cliActor(): { actor: string; role: string; purpose: string } {
  return { actor: `cli:${process.env.USER ?? process.env.USERNAME ?? 'unknown'}`, role: 'operator', purpose: 'onboarding the municipality\'s master data' };
}
