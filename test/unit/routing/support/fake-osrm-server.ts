import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recordedPoints, recording } from './recorded-osrm.ts';

/**
 * A stand-in for osrm-routed on 127.0.0.1:<random port>. By default it answers /table by
 * slicing the recorded 100×100 matrix (so any tiling of the recorded points can be checked cell
 * for cell) and enforces osrm-routed's TooBig rule; a test can script other answers per request.
 */
export interface SeenRequest {
  readonly path: string;
  readonly service: string;
  readonly coordinates: [number, number][];
  readonly params: URLSearchParams;
}

export type Scripted =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface FakeOsrmOptions {
  /** osrm-routed's --max-table-size (default 100). */
  readonly maxTableSize?: number;
  /** Answer for request number k (0-based); return undefined for the default behaviour. */
  readonly script?: (request: SeenRequest, index: number) => Scripted | undefined;
  /** Global point pairs (indices into points.json) answered as null, as for no route. */
  readonly nullPairs?: readonly (readonly [number, number])[];
  /** Answer tables for coordinates outside points.json with a made-up but deterministic matrix. */
  readonly synthetic?: boolean;
  /** Milliseconds before each answer (to observe concurrency). */
  readonly delayMs?: number;
}

export interface FakeOsrm {
  readonly url: string;
  readonly requests: SeenRequest[];
  readonly maxInFlight: () => number;
  close(): Promise<void>;
}

const table100 = recording('table-100.json').response as { durations: number[][]; distances: number[][] };
const tooBig = recording('table-too-big.json');
const points = recordedPoints();
const indexOfCoordinate = new Map(points.map((p, i) => [`${p[0]},${p[1]}`, i]));

/** Deterministic asymmetric "travel time" between two arbitrary coordinates. */
export function syntheticCell(a: readonly [number, number], b: readonly [number, number]): { duration: number; distance: number } {
  const distance = Math.round((Math.abs(a[0] - b[0]) * 80_000 + Math.abs(a[1] - b[1]) * 111_000) * 10) / 10;
  const duration = Math.round((distance / 8 + (a[0] > b[0] ? 3 : 0)) * 10) / 10;
  return { duration, distance };
}

export async function startFakeOsrm(options: FakeOsrmOptions = {}): Promise<FakeOsrm> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  const nullPairs = new Set((options.nullPairs ?? []).map(([i, j]) => `${i}:${j}`));
  const maxTableSize = options.maxTableSize ?? 100;

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const path = req.url ?? '/';
    const seen = parseRequest(path);
    const index = requests.length;
    requests.push(seen);
    const answer = options.script?.(seen, index) ?? defaultAnswer(seen);
    const send = (): void => {
      if (answer.kind === 'hang') return;
      if (answer.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(answer.body));
    };
    if (options.delayMs) setTimeout(send, options.delayMs);
    else send();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function defaultAnswer(seen: SeenRequest): Scripted {
    if (seen.service !== 'table') return { kind: 'json', status: 400, body: { code: 'InvalidService', message: 'fake serves tables only' } };
    const sources = indexList(seen.params.get('sources'), seen.coordinates.length);
    const destinations = indexList(seen.params.get('destinations'), seen.coordinates.length);
    if (sources.length * destinations.length > maxTableSize * maxTableSize) return { kind: 'json', status: tooBig.status, body: tooBig.response };
    const durations: (number | null)[][] = [];
    const distances: (number | null)[][] = [];
    for (const s of sources) {
      const durationRow: (number | null)[] = [];
      const distanceRow: (number | null)[] = [];
      for (const d of destinations) {
        const cell = cellFor(seen.coordinates[s], seen.coordinates[d]);
        durationRow.push(cell?.duration ?? null);
        distanceRow.push(cell?.distance ?? null);
      }
      durations.push(durationRow);
      distances.push(distanceRow);
    }
    const waypoint = (c: [number, number]) => ({ hint: '', distance: 0, name: '', location: c });
    return {
      kind: 'json',
      status: 200,
      body: { code: 'Ok', durations, distances, sources: sources.map((s) => waypoint(seen.coordinates[s])), destinations: destinations.map((d) => waypoint(seen.coordinates[d])) },
    };
  }

  function cellFor(a: [number, number], b: [number, number]): { duration: number; distance: number } | undefined {
    const i = indexOfCoordinate.get(`${a[0]},${a[1]}`);
    const j = indexOfCoordinate.get(`${b[0]},${b[1]}`);
    if (i !== undefined && j !== undefined) {
      if (nullPairs.has(`${i}:${j}`)) return undefined;
      return { duration: table100.durations[i][j], distance: table100.distances[i][j] };
    }
    if (options.synthetic) return syntheticCell(a, b);
    throw new Error(`fake OSRM: coordinate ${a} or ${b} is not in points.json`);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function parseRequest(path: string): SeenRequest {
  const [pathname, query = ''] = path.split('?');
  const parts = pathname.split('/');
  const coordinates = (parts[4] ?? '')
    .split(';')
    .filter((c) => c !== '')
    .map((c) => c.split(',').map(Number) as [number, number]);
  return { path, service: parts[1] ?? '', coordinates, params: new URLSearchParams(query) };
}

function indexList(value: string | null, count: number): number[] {
  if (value === null || value === 'all') return Array.from({ length: count }, (_, i) => i);
  return value.split(';').map(Number);
}
