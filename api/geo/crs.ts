/**
 * Coordinate reference systems at the API edge (API design rules, geo module): CRS84 by default,
 * Dutch RD New (EPSG:28992) when the caller sends `Accept-Crs`; the answer names its CRS in
 * `Content-Crs`. Inside the system everything stays [lon, lat] WGS84.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../problem.ts';
import { wgs84ToRd } from '../../platform/rd-new.ts';

export type Crs = 'CRS84' | 'EPSG:28992';
const CRS84_URI = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const RD_URI = 'http://www.opengis.net/def/crs/EPSG/0/28992';

export function parseAcceptCrs(request: FastifyRequest): Crs {
  const raw = request.headers['accept-crs'];
  if (raw === undefined || raw === '') return 'CRS84';
  const value = String(raw).trim().toLowerCase();
  if (['epsg:28992', RD_URI.toLowerCase()].includes(value)) return 'EPSG:28992';
  if (['crs84', 'ogc:crs84', 'epsg:4326', CRS84_URI.toLowerCase()].includes(value)) return 'CRS84';
  throw new HttpProblem(406, 'Not Acceptable', `Accept-Crs ${String(raw)} is not supported; use EPSG:28992 or CRS84`, [
    { name: 'headers.accept-crs', reason: 'one of EPSG:28992, CRS84' },
  ]);
}

/** A position in the asked CRS; RD in metres rounded to millimetres. */
export function project(lonLat: readonly [number, number] | readonly number[], crs: Crs): [number, number] {
  const lon = lonLat[0]!;
  const lat = lonLat[1]!;
  if (crs === 'CRS84') return [lon, lat];
  const [x, y] = wgs84ToRd([lon, lat]);
  return [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
}

export function setContentCrs(reply: FastifyReply, crs: Crs): void {
  reply.header('Content-Crs', crs === 'CRS84' ? CRS84_URI : 'EPSG:28992');
}
