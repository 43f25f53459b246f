/**
 * Fixed-layout ultrasonic bin sensor in the style of the Tekelek TEK 766 (LoRaWAN), measurement
 * frames on fPort 16.
 *
 * Honest note: what is modelled is the kind of data the TEK 766 reports — ullage (sensor → surface)
 * in whole centimetres, a signed whole-degree temperature, alarm bits and the sonic result code /
 * echo strength that flags a doubtful echo. The byte positions below are OUR fixed frame, not a
 * copy of Tekelek's document; check the vendor's decoder before connecting real TEK 766 devices.
 *
 *   byte  bits  meaning
 *   0           frame type, 0x10 = measurement (anything else is rejected)
 *   1     0     fire / temperature alarm
 *   1     1     tilt (sensor not level)
 *   1     2     lid open
 *   1     3-7   reserved, 0
 *   2-3         ullage, uint16 big endian, cm
 *   4           temperature, int8, °C
 *   5           battery, uint8, %
 *   6     4-7   sonic result code (SRC): 0 = good echo; 1..15 = doubtful → false-echo flag
 *   6     0-3   sonic RSSI, 0..15 (echo strength, informational)
 *
 * Example: 10 00 00 5f 0c 57 0a → measurement, no alarms, 95 cm, 12 °C, 87 %, good echo (RSSI 10).
 */
import type { DeviceCodec, DeviceDecodeResult, DeviceMeasurement } from './device-codec.ts';
import { hex } from './device-codec.ts';

const FRAME_MEASUREMENT = 0x10;
const LENGTH = 7;

function decode(bytes: Uint8Array): DeviceDecodeResult {
  if (bytes.length !== LENGTH) return { ok: false, detail: `frm_payload: expected ${LENGTH} bytes, got ${bytes.length} (${hex(bytes)})` };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] !== FRAME_MEASUREMENT) return { ok: false, detail: `frm_payload: frame type 0x${buf[0]!.toString(16)} is not a measurement (0x10)` };
  const status = buf[1]!;
  if (status & 0xf8) return { ok: false, detail: `frm_payload: reserved status bits set (0x${status.toString(16)})` };
  const src = buf[6]! >> 4;
  const m: DeviceMeasurement = {
    distanceMm: buf.readUInt16BE(2) * 10,
    temperatureC: buf.readInt8(4),
    batteryPct: buf[5]!,
    flags: { fire: (status & 1) !== 0, tilt: (status & 2) !== 0, lidOpen: (status & 4) !== 0 },
  };
  if (src !== 0) m.flags.falseEcho = true;
  return { ok: true, measurement: m };
}

function encode(m: DeviceMeasurement): Buffer {
  if (m.distanceMm === undefined) throw new RangeError('tekelek-tek766: every measurement frame carries a distance');
  const b = Buffer.alloc(LENGTH);
  b[0] = FRAME_MEASUREMENT;
  b[1] = (m.flags.fire ? 1 : 0) | (m.flags.tilt ? 2 : 0) | (m.flags.lidOpen ? 4 : 0);
  b.writeUInt16BE(Math.min(0xffff, Math.round(m.distanceMm / 10)), 2);
  b.writeInt8(Math.max(-128, Math.min(127, Math.round(m.temperatureC ?? 0))), 4);
  b[5] = Math.max(0, Math.min(255, Math.round(m.batteryPct ?? 0)));
  // A false echo is reported as SRC 1; the echo strength is fixed at 10 (not simulated).
  b[6] = ((m.flags.falseEcho ? 1 : 0) << 4) | 10;
  return b;
}

export const tekelekTek766: DeviceCodec = {
  model: 'tekelek-tek766',
  fPort: 16,
  resolution: { distanceMm: 10, temperatureC: 1, batteryPct: 1 },
  supportedFlags: ['fire', 'tilt', 'lidOpen', 'falseEcho'],
  encode,
  decode,
};
