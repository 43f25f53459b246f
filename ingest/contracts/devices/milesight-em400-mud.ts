/**
 * Milesight EM400-MUD (ultrasonic distance / bin level sensor), uplinks on fPort 85.
 *
 * Milesight's channel-type TLV scheme as their decoder in The Things Network's device repository
 * reads it (TheThingsNetwork/lorawan-devices vendor/milesight-iot/em400-mud.js; its codec example
 * is a test fixture: test/fixtures/payloads/vendor-examples.ts). All multi-byte values little
 * endian; any non-zero alarm or position byte counts as set, as in the vendor decoder.
 *
 *   channel type  length  meaning
 *   0x01    0x75  1       battery level, uint8, %
 *   0x03    0x67  2       temperature, int16 LE, 0.1 °C
 *   0x04    0x82  2       distance, uint16 LE, mm
 *   0x05    0x00  1       position: 0 normal, else tilt
 *   0x83    0x67  2+1     temperature + alarm byte (non-zero: temperature_abnormal, read as fire)
 *   0x84    0x82  2+1     distance + alarm byte (distance_alarming; fill alerts are computed by us)
 *   0xff    0x01  1       protocol version        (device info frames, skipped)
 *   0xff    0x09  2       hardware version
 *   0xff    0x0a  2       firmware version
 *   0xff    0x0b  1       power on
 *   0xff    0x0f  1       LoRaWAN class
 *   0xff    0x16  8       serial number
 *
 * Example: 01 75 5c | 03 67 34 01 | 04 82 44 08 | 05 00 00
 *          battery 92 %, 30.8 °C, 2116 mm, normal position.
 * The device has no lid sensor and no false-echo bit.
 */
import type { DeviceCodec, DeviceDecodeResult, DeviceMeasurement } from './device-codec.ts';
import { hex } from './device-codec.ts';

const INFO_LENGTHS: Record<number, number> = { 0x01: 1, 0x09: 2, 0x0a: 2, 0x0b: 1, 0x0f: 1, 0x16: 8 };

function decode(bytes: Uint8Array): DeviceDecodeResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const m: DeviceMeasurement = { flags: { fire: false, tilt: false, lidOpen: false } };
  let i = 0;
  const need = (n: number) => i + n <= buf.length;
  while (i < buf.length) {
    if (!need(2)) return { ok: false, detail: `frm_payload: truncated channel header at byte ${i} of ${hex(bytes)}` };
    const channel = buf[i]!;
    const type = buf[i + 1]!;
    i += 2;
    const key = (channel << 8) | type;
    switch (key) {
      case 0x0175:
        if (!need(1)) return truncated(bytes, 'battery');
        m.batteryPct = buf.readUInt8(i);
        i += 1;
        break;
      case 0x0367:
      case 0x8367:
        if (!need(key === 0x8367 ? 3 : 2)) return truncated(bytes, 'temperature');
        m.temperatureC = buf.readInt16LE(i) / 10;
        if (key === 0x8367) m.flags.fire = buf.readUInt8(i + 2) !== 0;
        i += key === 0x8367 ? 3 : 2;
        break;
      case 0x0482:
      case 0x8482:
        if (!need(key === 0x8482 ? 3 : 2)) return truncated(bytes, 'distance');
        m.distanceMm = buf.readUInt16LE(i);
        i += key === 0x8482 ? 3 : 2;
        break;
      case 0x0500:
        if (!need(1)) return truncated(bytes, 'position');
        m.flags.tilt = buf.readUInt8(i) !== 0;
        i += 1;
        break;
      default: {
        const len = channel === 0xff ? INFO_LENGTHS[type] : undefined;
        if (len === undefined) {
          return { ok: false, detail: `frm_payload: unknown channel 0x${channel.toString(16)} type 0x${type.toString(16)} at byte ${i - 2}` };
        }
        if (!need(len)) return truncated(bytes, `device info 0x${type.toString(16)}`);
        i += len;
      }
    }
  }
  return { ok: true, measurement: m };
}

function truncated(bytes: Uint8Array, field: string): DeviceDecodeResult {
  return { ok: false, detail: `frm_payload: ${field} value truncated in ${hex(bytes)}` };
}

function encode(m: DeviceMeasurement): Buffer {
  const parts: Buffer[] = [];
  if (m.batteryPct !== undefined) parts.push(Buffer.from([0x01, 0x75, Math.round(m.batteryPct)]));
  if (m.temperatureC !== undefined) {
    const b = Buffer.alloc(m.flags.fire ? 5 : 4);
    b[0] = m.flags.fire ? 0x83 : 0x03;
    b[1] = 0x67;
    b.writeInt16LE(Math.round(m.temperatureC * 10), 2);
    if (m.flags.fire) b[4] = 1;
    parts.push(b);
  } else if (m.flags.fire) {
    // The fire alarm travels with a temperature; without one the device would not raise it.
    throw new RangeError('milesight-em400-mud: a fire (temperature) alarm needs temperatureC');
  }
  if (m.distanceMm !== undefined) {
    const b = Buffer.alloc(4);
    b[0] = 0x04;
    b[1] = 0x82;
    b.writeUInt16LE(Math.round(m.distanceMm), 2);
    parts.push(b);
  }
  parts.push(Buffer.from([0x05, 0x00, m.flags.tilt ? 1 : 0]));
  return Buffer.concat(parts);
}

export const milesightEm400Mud: DeviceCodec = {
  model: 'milesight-em400-mud',
  fPort: 85,
  resolution: { distanceMm: 1, temperatureC: 0.1, batteryPct: 1 },
  supportedFlags: ['fire', 'tilt'],
  encode,
  decode,
};
