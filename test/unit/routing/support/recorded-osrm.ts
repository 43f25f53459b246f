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
  'table-bad-annotation.json',
] as const;
