/** Argument readers shared by the registry's command-line tools; a wrong value is an input error naming the option. */
import { InputError } from '../../platform/errors.ts';

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
