/**
 * What a device payload codec provides. LoRaWAN fill-level sensors send a few bytes on a device
 * specific fPort; the codec turns them into a measurement (distance, battery, temperature, alarms)
 * and back. The simulator encodes with the same codec the ingester decodes with.
 */
import type { ReadingFlags } from '../reading.ts';

export type DeviceModel = 'milesight-em400-mud' | 'tekelek-tek766';

export interface DeviceMeasurement {
  /** Sensor → waste surface in mm. Absent in frames that carry only status. */
  distanceMm?: number;
  batteryPct?: number;
  temperatureC?: number;
  flags: ReadingFlags;
}

export type DeviceDecodeResult = { ok: true; measurement: DeviceMeasurement } | { ok: false; detail: string };

export interface DeviceCodec {
  readonly model: DeviceModel;
  /** LoRaWAN port the device sends measurements on (used to pick the codec when no model is known). */
  readonly fPort: number;
  /** Smallest steps the byte layout can carry, so callers know what survives a round trip. */
  readonly resolution: { distanceMm: number; temperatureC: number; batteryPct: number };
  /** Flags the device can report; others are dropped when encoding. */
  readonly supportedFlags: readonly (keyof ReadingFlags)[];
  encode(m: DeviceMeasurement): Buffer;
  decode(bytes: Uint8Array): DeviceDecodeResult;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
