/**
 * The normalized reading every format decodes to, the rejection a bad message decodes to, and the
 * range checks shared by all formats (so a value is "out of range" the same way whichever network
 * server or firmware sent it). Pure: no I/O, `now` is passed in.
 */

export interface ReadingFlags {
  fire: boolean;
  tilt: boolean;
  lidOpen: boolean;
  /** The sensor suspects its echo came from something other than the waste surface. */
  falseEcho?: boolean;
}

export interface DecodedReading {
  tenantId: string;
  sensorId: string;
  /** ISO 8601 UTC with milliseconds (`Date#toISOString`). */
  time: string;
  /** Fraction 0..1 (above 1: overflowing), when the sensor or payload gives it directly. */
  fillLevel?: number;
  /** Distance from the sensor to the waste surface in mm (converted to fill with the sensor geometry). */
  distanceMm?: number;
  batteryPct?: number;
  temperatureC?: number;
  flags: ReadingFlags;
  /** Message sequence number (native `seq`, LoRaWAN frame counter). */
  seq?: number;
  rssi?: number;
  snr?: number;
}

/** What encoders accept: like a decoded reading, with a Date allowed and flags optional. */
export interface ReadingInput extends Omit<DecodedReading, 'time' | 'flags'> {
  time: string | Date;
  flags?: Partial<ReadingFlags>;
}

/** Short machine codes: the `reason` column of dead_letters and the metric label. */
export type RejectReason =
  | 'bad_json'
  | 'bad_payload'
  | 'schema'
  | 'out_of_range'
  | 'future_timestamp'
  | 'unknown_topic'
  | 'unknown_device'
  | 'unknown_sensor'
  | 'wrong_tenant'
  | 'payload_too_large'
  | 'payload_too_deep';

export const REJECT_REASONS: readonly RejectReason[] = [
  'bad_json', 'bad_payload', 'schema', 'out_of_range', 'future_timestamp', 'unknown_topic', 'unknown_device', 'unknown_sensor',
  'wrong_tenant', 'payload_too_large', 'payload_too_deep',
];

export interface Rejection {
  reason: RejectReason;
  /** Human text naming the field, e.g. `batteryPct: 140 is above 100`. */
  detail: string;
  /** Known when the topic could be parsed; stored with the dead letter. */
  tenantId?: string;
  sensorId?: string;
}

export type DecodeResult = { ok: true; readings: DecodedReading[] } | { ok: false; rejection: Rejection };

export function reject(reason: RejectReason, detail: string, ids: { tenantId?: string; sensorId?: string } = {}): DecodeResult {
  return { ok: false, rejection: { reason, detail, ...ids } };
}

/** Tenant ids (also an MQTT topic level): as in platform/config.ts TENANT. */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Sensor ids: a DevEUI (16 hex digits, lower case) or a vendor id; never MQTT wildcards or `/`. */
export const SENSOR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** Accepted ranges; the database CHECK constraints are the same or wider. */
export const LIMITS = {
  fillLevel: { min: 0, max: 2 },
  distanceMm: { min: 0, max: 20_000 },
  batteryPct: { min: 0, max: 100 },
  temperatureC: { min: -60, max: 200 },
  seq: { min: 0, max: 2_147_483_647 },
  rssi: { min: -200, max: 50 },
  snr: { min: -50, max: 50 },
} as const;

/** Readings from more than this far in the future are rejected (clock trouble on the sensor). */
export const MAX_FUTURE_MS = 5 * 60_000;
/** Readings from before this are rejected: an unset device clock reports 1970. */
export const EARLIEST_TIME_MS = Date.UTC(2000, 0, 1);

export const NO_FLAGS: ReadingFlags = Object.freeze({ fire: false, tilt: false, lidOpen: false }) as ReadingFlags;

/** Database `flags` bitmask (see migration 001): 1 fire, 2 tilt, 4 lid open, 8 false echo. */
export function flagsToBits(flags: ReadingFlags): number {
  return (flags.fire ? 1 : 0) | (flags.tilt ? 2 : 0) | (flags.lidOpen ? 4 : 0) | (flags.falseEcho ? 8 : 0);
}

export function bitsToFlags(bits: number): ReadingFlags {
  const flags: ReadingFlags = { fire: (bits & 1) !== 0, tilt: (bits & 2) !== 0, lidOpen: (bits & 4) !== 0 };
  if (bits & 8) flags.falseEcho = true;
  return flags;
}

export function normalizeFlags(flags: Partial<ReadingFlags> | undefined): ReadingFlags {
  const out: ReadingFlags = { fire: flags?.fire === true, tilt: flags?.tilt === true, lidOpen: flags?.lidOpen === true };
  if (flags?.falseEcho) out.falseEcho = true;
  return out;
}

/**
 * ISO 8601 / RFC 3339 date-time with its UTC offset: `2026-12-01T10:00:00Z`, `…T11:00:00.5+01:00`
 * (seconds optional, up to 9 fraction digits, `T` or a space between date and time). A time
 * without an offset (`2026-12-01T10:00:00`, `12/01/2026 10:00`) is rejected: `Date.parse` would
 * read it in the process's time zone, so the stored instant would depend on where the ingester runs.
 */
const OFFSET_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** A decoder's time field as canonical UTC ISO, or the problem (for the rejection's detail). */
export function parseOffsetTime(value: unknown): { ok: true; time: string } | { ok: false; problem: string } {
  const shown = JSON.stringify(value)?.slice(0, 60) ?? String(value);
  if (typeof value !== 'string') return { ok: false, problem: `${shown} is not a string` };
  const m = OFFSET_TIME.exec(value);
  if (!m) {
    return { ok: false, problem: `${shown} is not an ISO 8601 date-time with a UTC offset (Z or ±hh:mm), e.g. 2026-12-01T10:00:00Z` };
  }
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const offsetMin = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59 || Number(m[10] ?? 0) > 23 || Number(m[11] ?? 0) > 59) {
    return { ok: false, problem: `${shown} is not a valid date-time (a field is out of range)` };
  }
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
  // Date.UTC maps years 0..99 to 1900..1999; the range check in checkReading rejects those anyway.
  return { ok: true, time: new Date(t).toISOString() };
}

/** Parse a timestamp into canonical ISO form, or undefined when it is not a valid date-time (encoders: Date or ISO in). */
export function canonicalTime(value: string | number | Date): string | undefined {
  const d = value instanceof Date ? value : new Date(value);
  const ms = d.getTime();
  return Number.isFinite(ms) ? d.toISOString() : undefined;
}

/** Normalize an encoder input (Date or string time, partial flags) into a DecodedReading. */
export function toDecodedReading(input: ReadingInput): DecodedReading {
  const time = canonicalTime(input.time);
  if (time === undefined) throw new RangeError(`time: ${String(input.time)} is not a valid date-time`);
  const { flags, ...rest } = input;
  return { ...rest, time, flags: normalizeFlags(flags) };
}

type NumericField = keyof typeof LIMITS;

/**
 * Range and time checks shared by every format. Returns the first problem, naming the field, or
 * undefined when the reading may be stored.
 */
export function checkReading(r: DecodedReading, nowMs: number): Rejection | undefined {
  const ids = { tenantId: r.tenantId, sensorId: r.sensorId };
  if (!TENANT_ID_PATTERN.test(r.tenantId)) return { reason: 'schema', detail: `tenant: ${JSON.stringify(r.tenantId)} is not a tenant id`, ...ids };
  if (!SENSOR_ID_PATTERN.test(r.sensorId)) return { reason: 'schema', detail: `sensorId: ${JSON.stringify(r.sensorId)} is not a sensor id`, ...ids };
  const t = Date.parse(r.time);
  if (!Number.isFinite(t)) return { reason: 'schema', detail: `time: ${JSON.stringify(r.time)} is not a date-time`, ...ids };
  if (t > nowMs + MAX_FUTURE_MS) {
    return { reason: 'future_timestamp', detail: `time: ${r.time} is more than ${MAX_FUTURE_MS / 60_000} minutes in the future`, ...ids };
  }
  if (t < EARLIEST_TIME_MS) return { reason: 'out_of_range', detail: `time: ${r.time} is before 2000 (device clock not set?)`, ...ids };
  if (r.fillLevel === undefined && r.distanceMm === undefined) {
    return { reason: 'schema', detail: 'fillLevel or distanceMm: a reading needs one of them', ...ids };
  }
  for (const field of Object.keys(LIMITS) as NumericField[]) {
    const v = r[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) return { reason: 'schema', detail: `${field}: ${String(v)} is not a number`, ...ids };
    const { min, max } = LIMITS[field];
    if (v < min) return { reason: 'out_of_range', detail: `${field}: ${v} is below ${min}`, ...ids };
    if (v > max) return { reason: 'out_of_range', detail: `${field}: ${v} is above ${max}`, ...ids };
  }
  if (r.distanceMm !== undefined && !Number.isInteger(r.distanceMm)) {
    return { reason: 'schema', detail: `distanceMm: ${r.distanceMm} is not a whole number of mm`, ...ids };
  }
  if (r.seq !== undefined && !Number.isInteger(r.seq)) return { reason: 'schema', detail: `seq: ${r.seq} is not an integer`, ...ids };
  return undefined;
}

/** Decode-time helper: the readings, or the first one that fails `checkReading`. */
export function checked(readings: DecodedReading[], nowMs: number): DecodeResult {
  for (const r of readings) {
    const problem = checkReading(r, nowMs);
    if (problem) return { ok: false, rejection: problem };
  }
  return { ok: true, readings };
}
