/**
 * Fill series from the simulator, for `bench:forecast --simulate N`: the firmware simulator's fill
 * model (weekly pattern, noisy increments) and sensor model (echo noise, false echoes, faults:
 * dead, stuck, tilted, low battery, skewed clocks, duplicates) on a synthetic city, converted to
 * fill as ingest does (sensor geometry), capped at the full mark as the CSV format is. Trucks
 * follow a simple threshold round: on weekdays, containers at 70 % or more at 06:00 UTC are
 * emptied at a random time before 14:00 UTC, and the fill found is written as a `collected` row.
 * A share of containers exports only those rows, another share reports every four hours, so the
 * sparse formats are scored too. Deterministic for a seed.
 */
import { fillFromDistance } from '../../ingest/contracts/fill-level.ts';
import { DEFAULT_FAULT_RATES, FleetSimulator, Prng, syntheticScenario, type FaultRates, type SimReading } from '../../firmware-sim/index.ts';
import type { SeriesRow } from './series-csv.ts';

export interface SimulateOptions {
  containers: number;
  days: number;
  seed: number;
  faults?: FaultRates;
  /** Share of containers exporting only the fill found at each collection (default 0.1). */
  collectionOnlyShare?: number;
  /** Share of containers reporting every four hours (default 0.1). */
  sparseShare?: number;
  startMs?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const COLLECT_AT = 0.7;
const SPARSE_INTERVAL_MS = 4 * HOUR_MS;
/** A Monday, so every run sees the same weekdays. */
const DEFAULT_START_MS = Date.UTC(2026, 2, 2);

export function simulateSeries(o: SimulateOptions): Map<string, SeriesRow[]> {
  const scenario = syntheticScenario({ containers: o.containers, seed: o.seed });
  const startMs = o.startMs ?? DEFAULT_START_MS;
  const sim = new FleetSimulator(scenario, { seed: o.seed, start: startMs, faults: o.faults ?? DEFAULT_FAULT_RATES, faultWindowDays: o.days });
  const rng = new Prng(o.seed, 'forecast-bench');
  const kind = new Map<string, 'full' | 'collection-only' | 'sparse'>();
  for (const c of scenario.containers) {
    const u = rng.next();
    kind.set(c.id, u < (o.collectionOnlyShare ?? 0.1) ? 'collection-only' : u < (o.collectionOnlyShare ?? 0.1) + (o.sparseShare ?? 0.1) ? 'sparse' : 'full');
  }
  const geometry = new Map(scenario.sensors.map((s) => [s.containerId, s]));
  const series = new Map<string, SeriesRow[]>(scenario.containers.map((c) => [c.id, []]));
  const lastKept = new Map<string, number>();

  const emit = (r: SimReading) => {
    const k = kind.get(r.containerId);
    if (k === 'collection-only') return;
    if (k === 'sparse') {
      if (r.timeMs - (lastKept.get(r.containerId) ?? -Infinity) < SPARSE_INTERVAL_MS) return;
      lastKept.set(r.containerId, r.timeMs);
    }
    const fill = Math.min(1, fillFromDistance(r.distanceMm, geometry.get(r.containerId)!));
    series.get(r.containerId)!.push({ containerId: r.containerId, timeMs: r.reportedMs, fill: Math.round(fill * 1000) / 1000, collected: false, trueFill: r.trueFill });
  };

  for (let day = 0; day < o.days; day++) {
    const dayMs = startMs + day * DAY_MS;
    sim.advanceTo(dayMs + 6 * HOUR_MS, emit);
    const weekday = new Date(dayMs).getUTCDay();
    if (weekday >= 1 && weekday <= 5) {
      const visits = scenario.containers
        .filter((c) => (sim.fillOf(c.id) ?? 0) >= COLLECT_AT)
        .map((c) => ({ id: c.id, timeMs: dayMs + 6 * HOUR_MS + rng.next() * 8 * HOUR_MS }))
        .sort((a, b) => a.timeMs - b.timeMs);
      for (const v of visits) {
        sim.advanceTo(v.timeMs, emit);
        const real = sim.fillOf(v.id) ?? 0;
        series.get(v.id)!.push({ containerId: v.id, timeMs: Math.round(v.timeMs), fill: Math.round(Math.min(1, real) * 1000) / 1000, collected: true, trueFill: real });
        sim.recordCollection(v.id, v.timeMs);
      }
    }
    sim.advanceTo(dayMs + DAY_MS, emit);
  }
  // Skewed clocks put some readings out of order: the CSV is written in time order per container.
  for (const rows of series.values()) rows.sort((a, b) => a.timeMs - b.timeMs);
  return series;
}
