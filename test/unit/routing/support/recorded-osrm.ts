import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The recorded osrm-routed v6 responses in ../shared/osrm (see its README.md). */
export const OSRM_RECORDINGS_DIR = resolve(process.cwd(), '../shared/osrm');
export const MONACO_PBF = resolve(process.cwd(), '../shared/data/monaco.osm.pbf');

export interface Recording {
  readonly request: { readonly method: string; readonly path: string };
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly response: any;
}

export function recording(file: string): Recording {
  return JSON.parse(readFileSync(resolve(OSRM_RECORDINGS_DIR, file), 'utf8')) as Recording;
}

export function recordedPoints(): [number, number][] {
  const raw = JSON.parse(readFileSync(resolve(OSRM_RECORDINGS_DIR, 'points.json'), 'utf8')) as { lon: number; lat: number }[];
  return raw.map((p) => [p.lon, p.lat]);
}

/** The error recordings listed in INDEX.md (HTTP status other than 200). */
export const ERROR_RECORDINGS = [
  'table-too-big.json', 'route-no-segment.json', 'route-single-coordinate.json', 'malformed-coordinates.json',
  'table-bad-annotation.json', 'route-no-segment-1000.json', 'route-too-many-coordinates.json',
] as const;

/**
 * A path without some query parameters, to compare what the client sends with a recording made
 * without them (the older recordings predate `radiuses` and `continue_straight=false`).
 */
export function withoutParams(path: string, names: readonly string[]): string {
  const [pathname, query = ''] = path.split('?');
  const kept = query.split('&').filter((part) => part !== '' && !names.includes(part.split('=')[0]!));
  return kept.length ? `${pathname}?${kept.join('&')}` : pathname!;
}

/** The `radiuses` value the client sends for n coordinates at the default 1,000 m. */
export function defaultRadiuses(count: number): string {
  return new Array<string>(count).fill('1000').join(';');
}
