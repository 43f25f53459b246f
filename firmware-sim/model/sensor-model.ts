/**
 * What an ultrasonic fill sensor reports for a true fill: the echo distance with noise and a few
 * percent false echoes (a wall, a bag hanging on the inlet), battery drain per message and per day,
 * temperature with a daily swing, radio quality, the reporting interval (hourly, more often near
 * full), and the effects of the faults in faults.ts.
 */
import type { StreamBank } from '../random/prng.ts';
import { FAULT_BIT, type FaultPlan } from './faults.ts';

export interface SensorModelOptions {
  /** Overrides every sensor's own reporting interval (geometry.reportingIntervalS). */
  reportingIntervalS?: number;
  /** Above this fill the sensor reports every `nearFullIntervalS`. */
  nearFullThreshold?: number;
  nearFullIntervalS?: number;
  distanceNoiseMm?: number;
  falseEchoRate?: number;
}

export interface SensorGeometry {
  emptyDistanceMm: ArrayLike<number>;
  fullDistanceMm: ArrayLike<number>;
  /** Per sensor (sensors.reporting_interval_s); default hourly. */
  reportingIntervalS?: ArrayLike<number>;
}

export interface Measurement {
  distanceMm: number;
  batteryPct: number;
  temperatureC: number;
  fire: boolean;
  tilt: boolean;
  /** The sensor noticed a doubtful echo (it does so for about half of the false echoes). */
  falseEcho: boolean;
  rssi: number;
  snr: number;
}

/** Closest distance an ultrasonic transducer can measure. */
const BLANKING_MM = 100;
const FIRE_DURATION_MS = 3 * 3_600_000;
const BATTERY_PER_MESSAGE_PCT = 0.0012;
const BATTERY_PER_DAY_PCT = 0.004;

export class SensorModel {
  readonly battery: Float64Array;
  readonly seq: Uint32Array;
  private readonly lastDistance: Int32Array;
  private readonly lastBatteryMs: Float64Array;
  private readonly rssiBase: Int16Array;
  private readonly tempOffset: Float32Array;
  /** Regular interval per sensor (ms). */
  readonly reportingIntervalMs: Float64Array;
  readonly nearFullIntervalMs: number;
  private readonly nearFullThreshold: number;
  private readonly noiseMm: number;
  private readonly falseEchoRate: number;

  constructor(
    private readonly geometry: SensorGeometry,
    readonly faults: FaultPlan,
    private readonly random: StreamBank,
    startMs: number,
    options: SensorModelOptions = {},
  ) {
    const n = geometry.emptyDistanceMm.length;
    this.battery = new Float64Array(n);
    this.seq = new Uint32Array(n);
    this.lastDistance = new Int32Array(n).fill(-1);
    this.lastBatteryMs = new Float64Array(n).fill(startMs);
    this.rssiBase = new Int16Array(n);
    this.tempOffset = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const low = (faults.bits[i] & FAULT_BIT.lowBattery) !== 0;
      this.battery[i] = low ? 3 + random.next(i) * 7 : 55 + random.next(i) * 45;
      this.seq[i] = Math.floor(random.next(i) * 5000);
      this.rssiBase[i] = Math.round(-118 + random.next(i) * 45);
      this.tempOffset[i] = random.normal(i, 0, 1.5);
    }
    this.reportingIntervalMs = Float64Array.from({ length: n }, (_, i) => (options.reportingIntervalS ?? geometry.reportingIntervalS?.[i] ?? 3600) * 1000);
    this.nearFullIntervalMs = (options.nearFullIntervalS ?? 900) * 1000;
    this.nearFullThreshold = options.nearFullThreshold ?? 0.8;
    this.noiseMm = options.distanceNoiseMm ?? 8;
    this.falseEchoRate = options.falseEchoRate ?? 0.03;
  }

  /** False once the sensor is dead (fault or empty battery): it sends nothing more. */
  alive(i: number, t: number): boolean {
    if (this.battery[i] <= 0) return false;
    return !((this.faults.bits[i] & FAULT_BIT.dead) && t >= this.faults.startMs[i]);
  }

  private onFire(i: number, t: number): boolean {
    return (this.faults.bits[i] & FAULT_BIT.fire) !== 0 && t >= this.faults.startMs[i] && t < this.faults.startMs[i] + FIRE_DURATION_MS;
  }

  /** Time until the next message after one at t with this fill. */
  intervalMs(i: number, fill: number, t: number): number {
    const base = this.onFire(i, t) ? 300_000 : fill >= this.nearFullThreshold ? Math.min(this.nearFullIntervalMs, this.reportingIntervalMs[i]) : this.reportingIntervalMs[i];
    // Device clocks and LoRaWAN duty cycling spread messages: ±2 % jitter.
    return base * (0.98 + 0.04 * this.random.next(i));
  }

  /** One message's measurement for true fill `fill` at time t. Advances seq and battery. */
  measure(i: number, fill: number, t: number): Measurement {
    const r = this.random;
    const empty = this.geometry.emptyDistanceMm[i];
    const full = this.geometry.fullDistanceMm[i];
    const bits = this.faults.bits[i];
    const faultActive = t >= this.faults.startMs[i];
    let distance: number;
    let tilt = false;
    let falseEcho = false;
    if ((bits & FAULT_BIT.tilt) && faultActive) {
      // Knocked sideways: the echo comes from the container wall, roughly constant.
      tilt = true;
      distance = 250 + r.next(i) * 60;
    } else if ((bits & FAULT_BIT.stuck) && faultActive && this.lastDistance[i] >= 0) {
      distance = this.lastDistance[i];
    } else if (r.chance(i, this.falseEchoRate)) {
      distance = BLANKING_MM + r.next(i) * (empty * 0.8 - BLANKING_MM);
      falseEcho = r.chance(i, 0.5);
    } else {
      distance = empty - fill * (empty - full) + r.normal(i, 0, this.noiseMm);
    }
    distance = Math.round(Math.min(Math.max(distance, BLANKING_MM), empty + 20));
    this.lastDistance[i] = distance;

    const days = (t - this.lastBatteryMs[i]) / 86_400_000;
    this.lastBatteryMs[i] = t;
    // A weak cell (lowBattery fault) loses 1.5 % a day: battery alerts first, then silence.
    const perDay = bits & FAULT_BIT.lowBattery ? 1.5 : BATTERY_PER_DAY_PCT;
    this.battery[i] = Math.max(0, this.battery[i] - BATTERY_PER_MESSAGE_PCT - perDay * days);
    this.seq[i] = (this.seq[i] + 1) % 2_147_483_647;

    const fire = this.onFire(i, t);
    const hourOfDay = (t / 3_600_000) % 24;
    const ambient = 11 + this.tempOffset[i] + 5 * Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI) + r.normal(i, 0, 0.4);
    const temperatureC = fire ? 65 + r.next(i) * 60 : ambient;
    const rssi = Math.round(this.rssiBase[i] + r.normal(i, 0, 3));
    return {
      distanceMm: distance,
      batteryPct: Math.round(this.battery[i] * 10) / 10,
      temperatureC: Math.round(temperatureC * 10) / 10,
      fire,
      tilt,
      falseEcho,
      rssi: Math.max(-150, Math.min(-30, rssi)),
      snr: Math.round((7 + (rssi + 100) / 6 + r.normal(i, 0, 1)) * 10) / 10,
    };
  }

  /** The sensor sends this message twice (network-level duplicate). */
  duplicates(i: number): boolean {
    return (this.faults.bits[i] & FAULT_BIT.duplicates) !== 0 && this.random.chance(i, 0.3);
  }

  /** Timestamp the sensor puts on a message measured at t (its clock may be off). */
  reportedTime(i: number, t: number): number {
    return t + this.faults.skewMs[i];
  }
}
