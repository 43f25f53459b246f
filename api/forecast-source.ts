/**
 * Forecasts from the database, for the API and the plan worker: one query per table (containers,
 * sensors, readings, collection_events) for any number of containers, then the pure forecast
 * library. Every container gets a prior from its similar containers (same fraction and type, the
 * nearest ones): their own forecasts first, then the container's again with that prior.
 */
import type pg from 'pg';
import { forecastContainer, ratePrior } from '../forecast/index.ts';
import type { ContainerForecast, EmptyingEvent, FillObservation, ForecastInput } from '../forecast/index.ts';
import { MAX_FILL_LEVEL } from '../ingest/contracts/fill-level.ts';

type Db = Pick<pg.Pool, 'query'>;

export interface ForecastSourceOptions {
  readonly tenantId: string;
  readonly timeZone: string;
  readonly nowMs: number;
  /** These containers (their similar neighbours are loaded too); absent: every active container of the tenant. */
  readonly containerIds?: readonly string[];
  /** History loaded per container (default 21 days). */
  readonly lookbackDays?: number;
  /** Similar containers a prior is made of (default 10), no farther than maxNeighbourM (default 3 km). */
  readonly neighbours?: number;
  readonly maxNeighbourM?: number;
}

interface ContainerMeta {
  id: string;
  lon: number;
  lat: number;
  fraction: string;
  type: string;
}

const DAY_MS = 86_400_000;
const METRES_PER_DEGREE = 111_320;

/** Forecasts of the asked containers (all active ones when none are named), keyed by container id. */
export async function loadForecasts(db: Db, o: ForecastSourceOptions): Promise<Map<string, ContainerForecast>> {
  const { targets, similar } = await targetsAndNeighbours(db, o);
  const needed = new Set<string>(targets.map((t) => t.id));
  for (const list of similar.values()) for (const id of list) needed.add(id);
  const inputs = await loadForecastInputs(db, o, [...needed]);
  const first = new Map<string, ContainerForecast>();
  for (const [id, input] of inputs) first.set(id, forecastContainer(input));
  const out = new Map<string, ContainerForecast>();
  for (const t of targets) {
    const prior = ratePrior((similar.get(t.id) ?? []).map((id) => first.get(id)!).filter(Boolean));
    out.set(t.id, prior ? forecastContainer({ ...inputs.get(t.id)!, prior }) : first.get(t.id)!);
  }
  return out;
}

/** Readings, emptyings and the reporting interval of containers as forecast inputs (no priors). */
export async function loadForecastInputs(db: Db, o: ForecastSourceOptions, containerIds: readonly string[]): Promise<Map<string, ForecastInput>> {
  const from = new Date(o.nowMs - (o.lookbackDays ?? 21) * DAY_MS);
  const to = new Date(o.nowMs);
  const ids = [...containerIds];
  const [readings, events, sensors] = await Promise.all([
    db.query<{ container_id: string; time: Date; fill_level: number; flags: number; battery_pct: number | null }>(
      `SELECT container_id, time, fill_level, flags, battery_pct FROM readings
        WHERE tenant_id = $1 AND container_id = ANY($2) AND time >= $3 AND time <= $4 AND fill_level IS NOT NULL
        ORDER BY container_id, time`,
      [o.tenantId, ids, from, to],
    ),
    db.query<{ container_id: string; time: Date; source: EmptyingEvent['source']; fill_before: number | null }>(
      `SELECT container_id, time, source, fill_before FROM collection_events
        WHERE tenant_id = $1 AND container_id = ANY($2) AND time >= $3 AND time <= $4
        ORDER BY container_id, time`,
      [o.tenantId, ids, from, to],
    ),
    db.query<{ container_id: string; interval_s: number }>(
      `SELECT container_id, min(reporting_interval_s) AS interval_s FROM sensors
        WHERE tenant_id = $1 AND container_id = ANY($2) AND active GROUP BY container_id`,
      [o.tenantId, ids],
    ),
  ]);
  const observations = new Map<string, FillObservation[]>(ids.map((id) => [id, []]));
  for (const r of readings.rows) {
    observations.get(r.container_id)?.push({ timeMs: r.time.getTime(), fill: r.fill_level, flags: r.flags, batteryPct: r.battery_pct, capped: r.fill_level >= MAX_FILL_LEVEL });
  }
  const emptyings = new Map<string, EmptyingEvent[]>(ids.map((id) => [id, []]));
  for (const e of events.rows) emptyings.get(e.container_id)?.push({ timeMs: e.time.getTime(), source: e.source, fillBefore: e.fill_before });
  const interval = new Map(sensors.rows.map((s) => [s.container_id, Number(s.interval_s)]));
  return new Map(ids.map((id) => [id, {
    containerId: id,
    observations: observations.get(id)!,
    emptyings: emptyings.get(id)!,
    nowMs: o.nowMs,
    reportingIntervalS: interval.get(id),
    timeZone: o.timeZone,
  }]));
}

/** The asked containers and, per container, its nearest similar ones (same fraction and type). */
async function targetsAndNeighbours(db: Db, o: ForecastSourceOptions): Promise<{ targets: ContainerMeta[]; similar: Map<string, string[]> }> {
  const { rows } = await db.query<ContainerMeta>(
    o.containerIds
      ? `SELECT c.id, c.lon, c.lat, c.fraction, c.type FROM containers c
          WHERE c.tenant_id = $1 AND (c.id = ANY($2) OR (c.active AND (c.fraction, c.type) IN
                (SELECT fraction, type FROM containers WHERE tenant_id = $1 AND id = ANY($2))))`
      : 'SELECT c.id, c.lon, c.lat, c.fraction, c.type FROM containers c WHERE c.tenant_id = $1 AND c.active',
    o.containerIds ? [o.tenantId, [...o.containerIds]] : [o.tenantId],
  );
  const wanted = o.containerIds ? new Set(o.containerIds) : null;
  const targets = wanted ? rows.filter((r) => wanted.has(r.id)) : rows;
  const k = o.neighbours ?? 10;
  const grid = new NeighbourGrid(rows, o.maxNeighbourM ?? 3000);
  const similar = new Map<string, string[]>();
  for (const t of targets) similar.set(t.id, grid.nearest(t, k));
  return { targets, similar };
}

/**
 * Containers in square cells as wide as the largest neighbour distance, per fraction and type:
 * the neighbours of one container are in its cell or the eight around it, so thousands of
 * containers cost a few comparisons each instead of all pairs.
 */
class NeighbourGrid {
  private readonly cells = new Map<string, ContainerMeta[]>();
  private readonly cellDeg: number;

  constructor(items: readonly ContainerMeta[], private readonly maxM: number) {
    this.cellDeg = maxM / METRES_PER_DEGREE;
    for (const c of items) {
      const key = this.key(c, 0, 0);
      let cell = this.cells.get(key);
      if (!cell) this.cells.set(key, (cell = []));
      cell.push(c);
    }
  }

  private key(c: ContainerMeta, dx: number, dy: number): string {
    // Longitude cells narrow towards the poles; scaling by the latitude keeps them square.
    const cos = Math.cos((c.lat * Math.PI) / 180);
    return `${c.fraction}|${c.type}|${Math.floor((c.lon * cos) / this.cellDeg) + dx}|${Math.floor(c.lat / this.cellDeg) + dy}`;
  }

  nearest(t: ContainerMeta, k: number): string[] {
    const cos = Math.cos((t.lat * Math.PI) / 180);
    const found: { id: string; m: number }[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const n of this.cells.get(this.key(t, dx, dy)) ?? []) {
          if (n.id === t.id || n.fraction !== t.fraction || n.type !== t.type) continue;
          const m = Math.hypot((n.lon - t.lon) * cos, n.lat - t.lat) * METRES_PER_DEGREE;
          if (m <= this.maxM) found.push({ id: n.id, m });
        }
      }
    }
    return found.sort((a, b) => a.m - b.m || (a.id < b.id ? -1 : 1)).slice(0, k).map((n) => n.id);
  }
}
