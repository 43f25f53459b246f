/**
 * What the planner knows in the closed loop: only what the sensors reported (distance turned into a
 * fill with the sensor's geometry, as the ingester does) and the emptyings the trucks carried out.
 * Ground truth never leaks in. Keeps a bounded history per container for the forecast.
 */
import { fillFromDistance } from '../../ingest/contracts/fill-level.ts';
import { flagsToBits } from '../../ingest/contracts/reading.ts';
import type { EmptyingEvent, FillObservation } from '../../forecast/types.ts';
import type { SimReading } from '../sim/fleet-simulator.ts';
import type { Scenario } from '../scenario/types.ts';

/** An echo this close is the transducer's blanking distance: the container is at least this full. */
const CAPPED_DISTANCE_MM = 105;
/** Two weeks of readings: enough for the rate and the weekday pattern, and fast to forecast. */
const HISTORY_MS = 14 * 86_400_000;

export interface ContainerView {
  readonly observations: FillObservation[];
  readonly emptyings: EmptyingEvent[];
  /** Latest reading's fill (container_state.fill_level), null before any. */
  lastFill: number | null;
  lastReadingMs: number | null;
  /** Flags of the latest reading: open fire / overflow alerts. */
  alerts: string[];
  lastEmptiedMs: number | null;
}

export class SensorView {
  private readonly byContainer = new Map<string, ContainerView>();
  private readonly geometry = new Map<string, { emptyDistanceMm: number; fullDistanceMm: number }>();

  constructor(scenario: Scenario) {
    for (const c of scenario.containers) this.byContainer.set(c.id, { observations: [], emptyings: [], lastFill: null, lastReadingMs: null, alerts: [], lastEmptiedMs: null });
    for (const s of scenario.sensors) this.geometry.set(s.containerId, { emptyDistanceMm: s.emptyDistanceMm, fullDistanceMm: s.fullDistanceMm });
  }

  of(containerId: string): ContainerView {
    return this.byContainer.get(containerId)!;
  }

  /** A reading as the ingester stores it (duplicates dropped, as the ingester's idempotent insert does). */
  add(r: SimReading): void {
    if (r.duplicate) return;
    const v = this.byContainer.get(r.containerId);
    const g = this.geometry.get(r.containerId);
    if (!v || !g) return;
    const fill = fillFromDistance(r.distanceMm, g);
    // The database's bitmask, as the ingester stores it and the forecast reads it.
    const flags = flagsToBits(r.flags);
    v.observations.push({ timeMs: r.reportedMs, fill, flags, batteryPct: r.batteryPct, ...(r.distanceMm <= CAPPED_DISTANCE_MM ? { capped: true } : {}) });
    v.lastFill = fill;
    v.lastReadingMs = r.reportedMs;
    v.alerts = [...(r.flags.fire ? ['fire'] : []), ...(fill > 1 ? ['overflow'] : [])];
    this.trim(v, r.reportedMs);
  }

  emptied(containerId: string, timeMs: number): void {
    const v = this.byContainer.get(containerId);
    if (!v) return;
    v.emptyings.push({ timeMs, source: 'driver', fillBefore: null });
    v.lastEmptiedMs = timeMs;
  }

  private trim(v: ContainerView, nowMs: number): void {
    const from = nowMs - HISTORY_MS;
    if (v.observations.length > 0 && v.observations[0]!.timeMs < from - 86_400_000) {
      const keep = v.observations.findIndex((o) => o.timeMs >= from);
      v.observations.splice(0, keep < 0 ? v.observations.length : keep);
      const e = v.emptyings.findIndex((x) => x.timeMs >= from);
      // Keep the last emptying before the window: the first segment starts there.
      if (e > 1) v.emptyings.splice(0, e - 1);
    }
  }
}
