import { RoutingError } from '../../../platform/errors.ts';
import type { ErrorDetail } from '../../../platform/errors.ts';
import { formatLonLat, pointName } from '../point-labels.ts';
import type { LonLat } from '../types.ts';
import type { OsrmErrorBody } from './osrm-wire.ts';

/** What the error mapper needs to turn "coordinate 3 of this request" into "container C-17". */
export interface OsrmRequestContext {
  /** Path as sent, relative to the server root: `/table/v1/driving/…?…`. */
  readonly path: string;
  /** Global point index of each coordinate in the request, in request order. */
  readonly pointIndices: readonly number[];
  readonly points: readonly LonLat[];
  readonly labels?: readonly string[];
}

const NO_SEGMENT = /coordinate (\d+)/;
const MALFORMED_AT = /position (\d+)/;

/** Maps an OSRM error response (4xx with `code`) to a RoutingError naming the offending point. */
export function osrmErrorToRoutingError(status: number, body: unknown, context: OsrmRequestContext): RoutingError {
  const { code, message } = readErrorBody(body);
  const text = message ?? '';
  const details = detailsFor(code, text, context);
  return new RoutingError(`OSRM ${code}: ${text || `HTTP ${status}`}`, details);
}

function detailsFor(code: string, message: string, context: OsrmRequestContext): ErrorDetail[] {
  switch (code) {
    case 'NoSegment': {
      const local = Number(NO_SEGMENT.exec(message)?.[1] ?? NaN);
      const detail = pointDetail(local, context, 'no road segment near this point (OSRM NoSegment)');
      return [detail ?? { name: 'points', reason: message }];
    }
    case 'NoRoute':
    case 'NoTable':
      return [{ name: requestPoints(context), reason: `the road network connects no route between these points (OSRM ${code})` }];
    case 'TooBig':
      // Two limits answer TooBig: --max-viaroute-size for /route, --max-table-size for /table.
      return context.path.startsWith('/route/')
        ? [{ name: 'maxRouteSize', reason: `route longer than the server allows (${message}); lower OSRM_MAX_ROUTE_SIZE to the server's --max-viaroute-size` }]
        : [{ name: 'maxTableSize', reason: `request larger than the server allows (${message}); lower OSRM_MAX_TABLE_SIZE to the server's --max-table-size` }];
    case 'InvalidQuery': {
      const position = Number(MALFORMED_AT.exec(message)?.[1] ?? NaN);
      return [malformedDetail(position, context) ?? { name: 'query', reason: message }];
    }
    default:
      return [{ name: requestPoints(context), reason: `${message || 'rejected'} (OSRM ${code})` }];
  }
}

function pointDetail(local: number, context: OsrmRequestContext, reason: string): ErrorDetail | undefined {
  if (!Number.isInteger(local) || local < 0 || local >= context.pointIndices.length) return undefined;
  const global = context.pointIndices[local];
  const point = context.points[global];
  return { name: pointName(global, context.labels), reason: point ? `${reason} at ${formatLonLat(point)}` : reason };
}

/**
 * OSRM reports a parse failure as an offset in the path. Inside the coordinate list that offset
 * names a coordinate; past the `?` it names a query parameter.
 */
function malformedDetail(position: number, context: OsrmRequestContext): ErrorDetail | undefined {
  if (!Number.isInteger(position)) return undefined;
  const path = context.path;
  const query = path.indexOf('?');
  const coordsStart = nthIndexOf(path, '/', 4) + 1;
  const coordsEnd = query === -1 ? path.length : query;
  if (coordsStart > 0 && position >= coordsStart && position <= coordsEnd) {
    const local = path.slice(coordsStart, position).split(';').length - 1;
    return pointDetail(local, context, 'malformed coordinate (OSRM InvalidQuery)') ??
      { name: `coordinate ${local}`, reason: `malformed coordinate (OSRM InvalidQuery)` };
  }
  if (query !== -1 && position > query) {
    const paramStart = Math.max(path.lastIndexOf('&', position - 1), path.lastIndexOf('?', position - 1)) + 1;
    const name = path.slice(paramStart, path.indexOf('=', paramStart));
    return { name, reason: `OSRM rejected the value of query parameter '${name}' (InvalidQuery)` };
  }
  return undefined;
}

function requestPoints(context: OsrmRequestContext): string {
  const names = context.pointIndices.slice(0, 5).map((i) => pointName(i, context.labels));
  const more = context.pointIndices.length > 5 ? ` and ${context.pointIndices.length - 5} more` : '';
  return names.join(', ') + more;
}

function readErrorBody(body: unknown): OsrmErrorBody {
  if (body && typeof body === 'object' && typeof (body as OsrmErrorBody).code === 'string') {
    return body as OsrmErrorBody;
  }
  return { code: 'UnexpectedResponse', message: 'response without an OSRM code' };
}

function nthIndexOf(text: string, char: string, n: number): number {
  let index = -1;
  for (let k = 0; k < n; k++) {
    index = text.indexOf(char, index + 1);
    if (index === -1) return -1;
  }
  return index;
}
