/**
 * Native reading JSON on `waste/v1/{tenant}/sensors/{sensorId}/reading` (the topic names tenant and
 * sensor; the body carries the measurement). `NativeReadingSchema` is the published schema
 * (`nativeReadingJsonSchema()` gives it as plain JSON Schema for the docs / OpenAPI).
 *
 *   {"time":"2026-11-25T10:00:00.000Z","fillLevel":0.42,"distanceMm":812,"batteryPct":87,
 *    "temperatureC":11.5,"flags":{"fire":false,"tilt":false,"lidOpen":false},"seq":1234}
 *
 * Unknown properties are ignored (forward compatible within v1).
 */
import { Type, type Static } from '@sinclair/typebox';
import { checked, LIMITS, parseOffsetTime, toDecodedReading, normalizeFlags, reject, type DecodeResult, type DecodedReading, type ReadingInput } from './reading.ts';
import { parseJson, validator } from './schema-check.ts';

const num = (field: keyof typeof LIMITS, description: string) =>
  Type.Optional(Type.Number({ minimum: LIMITS[field].min, maximum: LIMITS[field].max, description }));
const int = (field: keyof typeof LIMITS, description: string) =>
  Type.Optional(Type.Integer({ minimum: LIMITS[field].min, maximum: LIMITS[field].max, description }));

export const ReadingFlagsSchema = Type.Object({
  fire: Type.Optional(Type.Boolean({ description: 'Fire / high temperature alarm' })),
  tilt: Type.Optional(Type.Boolean({ description: 'Container tilted or sensor dropped' })),
  lidOpen: Type.Optional(Type.Boolean({ description: 'Lid or inlet open' })),
  falseEcho: Type.Optional(Type.Boolean({ description: 'Echo probably not from the waste surface' })),
});

export const NativeReadingSchema = Type.Object({
  time: Type.String({ description: 'Measurement time, ISO 8601 with offset', minLength: 10, maxLength: 40 }),
  fillLevel: num('fillLevel', 'Fill level as a fraction, 0 empty .. 1 full, above 1 overflowing'),
  distanceMm: int('distanceMm', 'Distance sensor → waste surface in mm (fill is computed from the sensor geometry)'),
  batteryPct: num('batteryPct', 'Battery charge in %'),
  temperatureC: num('temperatureC', 'Temperature in °C'),
  flags: Type.Optional(ReadingFlagsSchema),
  seq: int('seq', 'Sequence number, increasing per sensor'),
  rssi: int('rssi', 'Received signal strength in dBm'),
  snr: num('snr', 'Signal to noise ratio in dB'),
}, { $id: 'NativeReading', title: 'Native fill reading (waste/v1)' });

export type NativeReading = Static<typeof NativeReadingSchema>;

const nativeValidator = validator(NativeReadingSchema);

export function nativeReadingJsonSchema(): object {
  return JSON.parse(JSON.stringify(NativeReadingSchema));
}

/** The body of a native message (tenant and sensor travel in the topic). */
export function encodeNativeReading(input: ReadingInput): Buffer {
  const r = toDecodedReading(input);
  const body: NativeReading = { time: r.time };
  if (r.fillLevel !== undefined) body.fillLevel = r.fillLevel;
  if (r.distanceMm !== undefined) body.distanceMm = r.distanceMm;
  if (r.batteryPct !== undefined) body.batteryPct = r.batteryPct;
  if (r.temperatureC !== undefined) body.temperatureC = r.temperatureC;
  body.flags = { fire: r.flags.fire, tilt: r.flags.tilt, lidOpen: r.flags.lidOpen };
  if (r.flags.falseEcho) body.flags.falseEcho = true;
  if (r.seq !== undefined) body.seq = r.seq;
  if (r.rssi !== undefined) body.rssi = r.rssi;
  if (r.snr !== undefined) body.snr = r.snr;
  return Buffer.from(JSON.stringify(body));
}

/** Decode a native body; tenant and sensor come from the topic. */
export function decodeNativeReading(payload: Uint8Array | string, tenantId: string, sensorId: string, nowMs: number): DecodeResult {
  const ids = { tenantId, sensorId };
  const json = parseJson(payload, ids);
  if (!json.ok) return json;
  const valid = nativeValidator.check(json.value, ids);
  if (!valid.ok) return valid;
  const body = valid.value;
  const time = parseOffsetTime(body.time);
  if (!time.ok) return reject('schema', `time: ${time.problem}`, ids);
  const reading: DecodedReading = { tenantId, sensorId, time: time.time, flags: normalizeFlags(body.flags) };
  if (body.fillLevel !== undefined) reading.fillLevel = body.fillLevel;
  if (body.distanceMm !== undefined) reading.distanceMm = body.distanceMm;
  if (body.batteryPct !== undefined) reading.batteryPct = body.batteryPct;
  if (body.temperatureC !== undefined) reading.temperatureC = body.temperatureC;
  if (body.seq !== undefined) reading.seq = body.seq;
  if (body.rssi !== undefined) reading.rssi = body.rssi;
  if (body.snr !== undefined) reading.snr = body.snr;
  return checked([reading], nowMs);
}
