/**
 * The simulated fleet without I/O: true fill per container, one sensor per container, faults, and a
 * queue of the next message time per sensor. `advanceTo(t, emit)` hands out every message due up to
 * simulated time t in time order; `recordCollection` empties a container (the closed loop). The
 * publisher drives it with a clock; the closed-loop evaluation drives it directly.
 */
import FlatQueue from 'flatqueue';
import { InputError } from '../../platform/errors.ts';
import { FillModel, type FillModelOptions } from '../model/fill-model.ts';
import { DEFAULT_FAULT_RATES, FAULT_BIT, planFaults, type FaultKind, type FaultRates } from '../model/faults.ts';
import { LocalClock, WeeklyProfile } from '../model/profiles.ts';
import { SensorModel, type SensorModelOptions } from '../model/sensor-model.ts';
import { Prng, StreamBank } from '../random/prng.ts';
import type { Scenario } from '../scenario/types.ts';

export interface FleetOptions {
  seed: number | string;
  /** Simulated start time (UTC ms or Date). */
  start: number | Date;
  faults?: FaultRates;
  /** Faults begin at a random moment within this many days after the start. */
  faultWindowDays?: number;
  fill?: FillModelOptions;
  sensor?: SensorModelOptions;
}

export interface SimReading {
  sensorIndex: number;
  tenantId: string;
  sensorId: string;
  containerId: string;
  /** When the sensor measured (simulated UTC ms). */
  timeMs: number;
  /** The timestamp the sensor puts on the message (its clock may be skewed). */
  reportedMs: number;
  /** Ground truth, not sent: the container's real fill at timeMs. */
  trueFill: number;
  distanceMm: number;
  batteryPct: number;
  temperatureC: number;
  flags: { fire: boolean; tilt: boolean; lidOpen: boolean; falseEcho?: boolean };
  seq: number;
  rssi: number;
  snr: number;
  /** A second copy of the previous message (network duplicate). */
  duplicate: boolean;
}

export class FleetSimulator {
  readonly scenario: Scenario;
  readonly startMs: number;
  private nowMs: number;
  readonly fillModel: FillModel;
  readonly sensors: SensorModel;
  private readonly containerOfSensor: Int32Array;
  private readonly containerIndex = new Map<string, number>();
  private readonly queue: FlatQueue<number>;
  private readonly collections = new FlatQueue<number>();
  private readonly pending: { container: number; fillAfter: number | undefined }[] = [];
  private emitted = 0;

  constructor(scenario: Scenario, options: FleetOptions) {
    this.scenario = scenario;
    this.startMs = typeof options.start === 'number' ? options.start : options.start.getTime();
    if (!Number.isFinite(this.startMs)) throw new InputError('Invalid simulation start', [{ name: 'start', reason: 'expected a date-time' }]);
    this.nowMs = this.startMs;
    const seed = options.seed;
    scenario.containers.forEach((c, i) => this.containerIndex.set(c.id, i));

    const clock = new LocalClock(scenario.tenant.timeZone);
    this.fillModel = new FillModel(
      scenario.containers.map((c) => c.dailyFillRate),
      scenario.containers.map((c) => c.initialFill),
      this.startMs,
      new WeeklyProfile(),
      clock,
      new StreamBank(seed, scenario.containers.length, 'fill'),
      options.fill,
    );

    const n = scenario.sensors.length;
    this.containerOfSensor = new Int32Array(n);
    scenario.sensors.forEach((s, i) => {
      const ci = this.containerIndex.get(s.containerId);
      if (ci === undefined) throw new InputError(`Sensor ${s.id} is on unknown container ${s.containerId}`, [{ name: `sensors.${i}.containerId`, reason: 'no such container' }]);
      this.containerOfSensor[i] = ci;
    });
    const faults = planFaults(n, options.faults ?? DEFAULT_FAULT_RATES, this.startMs, (options.faultWindowDays ?? 3) * 86_400_000, new Prng(seed, 'faults'));
    const geometry = {
      emptyDistanceMm: Int32Array.from(scenario.sensors, (s) => s.emptyDistanceMm),
      fullDistanceMm: Int32Array.from(scenario.sensors, (s) => s.fullDistanceMm),
      reportingIntervalS: Float64Array.from(scenario.sensors, (s) => s.reportingIntervalS),
    };
    const sensorRandom = new StreamBank(seed, n, 'sensor');
    this.sensors = new SensorModel(geometry, faults, sensorRandom, this.startMs, options.sensor);

    // First messages spread over one interval so the fleet does not report in lock-step.
    this.queue = new FlatQueue<number>(n, Float64Array, Uint32Array);
    const phase = new Prng(seed, 'phase');
    for (let i = 0; i < n; i++) this.queue.push(i, this.startMs + phase.next() * this.sensors.reportingIntervalMs[i]);
  }

  get now(): number {
    return this.nowMs;
  }

  get readingsEmitted(): number {
    return this.emitted;
  }

  /** Time of the next due message (or collection), Infinity when nothing is left. */
  nextEventMs(): number {
    const a = this.queue.length ? this.queue.peekValue()! : Infinity;
    const b = this.collections.length ? this.collections.peekValue()! : Infinity;
    return Math.min(a, b);
  }

  /** Emit every message due up to t (inclusive), in time order; returns how many were emitted. */
  advanceTo(t: number, emit: (r: SimReading) => void, limit = Infinity): number {
    let count = 0;
    let lastMs = this.nowMs;
    const tenantId = this.scenario.tenant.id;
    while (count < limit) {
      const nextReport = this.queue.length ? this.queue.peekValue()! : Infinity;
      const nextCollection = this.collections.length ? this.collections.peekValue()! : Infinity;
      if (nextCollection <= t && nextCollection <= nextReport) {
        const id = this.collections.pop()!;
        const c = this.pending[id];
        this.fillModel.empty(c.container, Math.max(nextCollection, this.fillModel.lastMs[c.container]), c.fillAfter);
        continue;
      }
      if (nextReport > t) break;
      const i = this.queue.pop()!;
      lastMs = nextReport;
      if (!this.sensors.alive(i, nextReport)) continue; // dead sensors are not rescheduled
      const ci = this.containerOfSensor[i];
      const fill = this.fillModel.advance(ci, nextReport);
      const m = this.sensors.measure(i, fill, nextReport);
      const sensor = this.scenario.sensors[i];
      const reading: SimReading = {
        sensorIndex: i,
        tenantId,
        sensorId: sensor.id,
        containerId: sensor.containerId,
        timeMs: nextReport,
        reportedMs: Math.round(this.sensors.reportedTime(i, nextReport)),
        trueFill: fill,
        distanceMm: m.distanceMm,
        batteryPct: m.batteryPct,
        temperatureC: m.temperatureC,
        flags: m.falseEcho ? { fire: m.fire, tilt: m.tilt, lidOpen: false, falseEcho: true } : { fire: m.fire, tilt: m.tilt, lidOpen: false },
        seq: this.sensors.seq[i],
        rssi: m.rssi,
        snr: m.snr,
        duplicate: false,
      };
      emit(reading);
      count++;
      if (this.sensors.duplicates(i)) {
        emit({ ...reading, duplicate: true });
        count++;
      }
      this.queue.push(i, nextReport + this.sensors.intervalMs(i, fill, nextReport));
    }
    // Stopped early at the limit: the fleet has reached the last message handed out, not t.
    this.nowMs = Math.max(this.nowMs, count < limit ? t : lastMs);
    this.emitted += count;
    return count;
  }

  /**
   * A container was emptied at `timeMs` (a collection event from the database or the evaluation).
   * Applied when the simulation reaches that time; a time already passed applies at once.
   */
  recordCollection(containerId: string, timeMs: number, fillAfter?: number): boolean {
    const ci = this.containerIndex.get(containerId);
    if (ci === undefined) return false;
    this.pending.push({ container: ci, fillAfter });
    this.collections.push(this.pending.length - 1, Math.max(timeMs, this.nowMs));
    return true;
  }

  /** True fill of a container now (ground truth for evaluation). */
  fillOf(containerId: string): number | undefined {
    const ci = this.containerIndex.get(containerId);
    return ci === undefined ? undefined : this.fillModel.advance(ci, this.nowMs);
  }

  /** The faults a sensor was given (for tests and for scoring an ingester's alerts). */
  faultsOf(sensorIndex: number): { kinds: FaultKind[]; startMs: number; skewMs: number } {
    const bits = this.sensors.faults.bits[sensorIndex];
    const kinds = (Object.keys(FAULT_BIT) as FaultKind[]).filter((k) => bits & FAULT_BIT[k]);
    return { kinds, startMs: this.sensors.faults.startMs[sensorIndex], skewMs: this.sensors.faults.skewMs[sensorIndex] };
  }
}
