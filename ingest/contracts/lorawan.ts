/**
 * What The Things Stack and ChirpStack uplinks have in common: the measurement is either already
 * decoded by the network server's payload formatter (an object) or raw bytes we decode with our
 * own device codecs. One function each way, used by both envelope modules.
 */
import { codecByModel, codecByPort, type DeviceCodec, type DeviceModel } from './devices/index.ts';
import { normalizeFlags, type DecodedReading, type ReadingFlags } from './reading.ts';

/** How the simulator wants the measurement carried: raw bytes of a device model, or a decoded object. */
export type LorawanPayloadMode = DeviceModel | 'decoded';

export type Measurement = Pick<DecodedReading, 'fillLevel' | 'distanceMm' | 'batteryPct' | 'temperatureC'> & { flags: ReadingFlags };

/** LoRaWAN frame counters are 32-bit; the readings.seq column is a signed int4. */
export function seqFromFrameCounter(fCnt: number | undefined): number | undefined {
  return fCnt === undefined ? undefined : fCnt % 2_147_483_648;
}

export function normalizeDevEui(devEui: string): string {
  return devEui.toLowerCase();
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/**
 * A measurement from a network server's decoded object. Accepts our native field names and the
 * names of Milesight's public payload decoder (battery, temperature, distance, position,
 * temperature_abnormal), since that is what a TTS/ChirpStack device repository formatter produces
 * for an EM400-MUD (vendor-examples.test.ts). Returns undefined
 * when the object holds neither a fill level nor a distance (then the raw bytes are used).
 */
export function measurementFromObject(obj: unknown): Measurement | undefined {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const o = obj as Record<string, unknown>;
  const fillLevel = num(o.fillLevel);
  const distanceMm = num(o.distanceMm) ?? num(o.distance);
  if (fillLevel === undefined && distanceMm === undefined) return undefined;
  const flagsIn = typeof o.flags === 'object' && o.flags !== null ? (o.flags as Partial<ReadingFlags>) : {};
  const flags = normalizeFlags(flagsIn);
  if (o.position === 'tilt') flags.tilt = true;
  // The formatter's name for the 0x83 temperature alarm, which our own codec reads as fire.
  if (o.temperature_abnormal === true) flags.fire = true;
  const m: Measurement = { flags };
  if (fillLevel !== undefined) m.fillLevel = fillLevel;
  if (distanceMm !== undefined) m.distanceMm = distanceMm;
  const battery = num(o.batteryPct) ?? num(o.battery);
  if (battery !== undefined) m.batteryPct = battery;
  const temperature = num(o.temperatureC) ?? num(o.temperature);
  if (temperature !== undefined) m.temperatureC = temperature;
  return m;
}

/** The object a payload formatter would produce, in our native names. */
export function measurementToObject(r: DecodedReading): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (r.fillLevel !== undefined) o.fillLevel = r.fillLevel;
  if (r.distanceMm !== undefined) o.distanceMm = r.distanceMm;
  if (r.batteryPct !== undefined) o.batteryPct = r.batteryPct;
  if (r.temperatureC !== undefined) o.temperatureC = r.temperatureC;
  o.flags = { ...r.flags };
  return o;
}

/** Pick the codec: an explicit model id (TTS version_ids, ChirpStack tag) first, else the fPort. */
export function pickCodec(model: string | undefined, fPort: number | undefined): DeviceCodec | undefined {
  return (model ? codecByModel(model) : undefined) ?? (fPort !== undefined ? codecByPort(fPort) : undefined);
}

export type BytesResult = { ok: true; measurement: Measurement } | { ok: false; reason: 'bad_payload' | 'unknown_device'; detail: string };

export function measurementFromBytes(base64: string | undefined, model: string | undefined, fPort: number | undefined): BytesResult {
  if (base64 === undefined || base64 === '') return { ok: false, reason: 'bad_payload', detail: 'payload: neither a decoded object nor raw bytes' };
  const codec = pickCodec(model, fPort);
  if (!codec) return { ok: false, reason: 'unknown_device', detail: `fPort: no device codec for model ${model ?? '(none)'} / fPort ${fPort ?? '(none)'}` };
  const bytes = Buffer.from(base64, 'base64');
  const res = codec.decode(bytes);
  if (!res.ok) return { ok: false, reason: 'bad_payload', detail: `${codec.model} ${res.detail}` };
  const m: Measurement = { flags: res.measurement.flags };
  if (res.measurement.distanceMm !== undefined) m.distanceMm = res.measurement.distanceMm;
  if (res.measurement.batteryPct !== undefined) m.batteryPct = res.measurement.batteryPct;
  if (res.measurement.temperatureC !== undefined) m.temperatureC = res.measurement.temperatureC;
  return { ok: true, measurement: m };
}

/** Raw bytes + port for a reading in a device's layout (throws RangeError when it cannot carry it). */
export function measurementToBytes(r: DecodedReading, model: DeviceModel): { codec: DeviceCodec; bytes: Buffer } {
  const codec = codecByModel(model)!;
  if (r.distanceMm === undefined) throw new RangeError(`${model}: devices send a distance; convert fill with distanceFromFill()`);
  const bytes = codec.encode({ distanceMm: r.distanceMm, batteryPct: r.batteryPct, temperatureC: r.temperatureC, flags: r.flags });
  return { codec, bytes };
}
