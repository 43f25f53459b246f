/**
 * SenML JSON (RFC 8428) packs on `waste/v1/{tenant}/sensors/{sensorId}/senml`.
 *
 * Base fields (bn, bt, bu, bv) are resolved as the RFC says; records with the same resolved time
 * form one reading, so one pack may carry several readings. The measurement name is the part of
 * the resolved name (bn + n) after the last ':' or '/', e.g. `urn:dev:eui:0018b2000000abcd:battery`:
 *
 *   name         unit   value  reading field
 *   fillLevel    /      v      fillLevel (ratio 0..1)
 *   distance     m      v      distanceMm (SenML uses SI units: metres, rounded to mm)
 *   battery      %EL    v      batteryPct
 *   temperature  Cel    v      temperatureC
 *   seq                 v      seq
 *   fire, tilt, lidOpen, falseEcho   vb   flags
 *
 * Unknown names are ignored (a device may send more). Times are absolute seconds since the epoch;
 * relative times (below 2**28, "seconds from now" in the RFC) are rejected, because a replayed
 * message would then land on a new time and be stored twice.
 */
import { Type, type Static } from '@sinclair/typebox';
import { checked, reject, toDecodedReading, NO_FLAGS, type DecodeResult, type DecodedReading, type ReadingInput } from './reading.ts';
import { parseJson, validator } from './schema-check.ts';

const SenmlRecord = Type.Object({
  bn: Type.Optional(Type.String()),
  bt: Type.Optional(Type.Number()),
  bu: Type.Optional(Type.String()),
  bv: Type.Optional(Type.Number()),
  n: Type.Optional(Type.String()),
  u: Type.Optional(Type.String()),
  v: Type.Optional(Type.Number()),
  vb: Type.Optional(Type.Boolean()),
  vs: Type.Optional(Type.String()),
  t: Type.Optional(Type.Number()),
});

export const SenmlPackSchema = Type.Array(SenmlRecord, { minItems: 1, maxItems: 1000, $id: 'SenmlPack', title: 'SenML JSON pack (RFC 8428)' });
export type SenmlPack = Static<typeof SenmlPackSchema>;

const packValidator = validator(SenmlPackSchema);
const RELATIVE_TIME_LIMIT = 2 ** 28;

const EXPECTED_UNITS: Record<string, string | undefined> = { fillLevel: '/', distance: 'm', battery: '%EL', temperature: 'Cel' };

export function encodeSenml(input: ReadingInput): Buffer {
  const r = toDecodedReading(input);
  const records: SenmlPack = [];
  const bt = Date.parse(r.time) / 1000;
  const push = (rec: Static<typeof SenmlRecord>) => records.push(records.length === 0 ? { bn: `urn:dev:id:${r.sensorId}:`, bt, ...rec } : rec);
  if (r.fillLevel !== undefined) push({ n: 'fillLevel', u: '/', v: r.fillLevel });
  if (r.distanceMm !== undefined) push({ n: 'distance', u: 'm', v: r.distanceMm / 1000 });
  if (r.batteryPct !== undefined) push({ n: 'battery', u: '%EL', v: r.batteryPct });
  if (r.temperatureC !== undefined) push({ n: 'temperature', u: 'Cel', v: r.temperatureC });
  if (r.seq !== undefined) push({ n: 'seq', v: r.seq });
  push({ n: 'fire', vb: r.flags.fire });
  push({ n: 'tilt', vb: r.flags.tilt });
  push({ n: 'lidOpen', vb: r.flags.lidOpen });
  if (r.flags.falseEcho) push({ n: 'falseEcho', vb: true });
  return Buffer.from(JSON.stringify(records));
}

function shortName(resolved: string): string {
  const cut = Math.max(resolved.lastIndexOf(':'), resolved.lastIndexOf('/'));
  return resolved.slice(cut + 1);
}

export function decodeSenml(payload: Uint8Array | string, tenantId: string, sensorId: string, nowMs: number): DecodeResult {
  const ids = { tenantId, sensorId };
  const json = parseJson(payload, ids);
  if (!json.ok) return json;
  const valid = packValidator.check(json.value, ids);
  if (!valid.ok) return valid;

  let bn = '';
  let bt = 0;
  let bu: string | undefined;
  let bv = 0;
  const byTime = new Map<number, DecodedReading>();
  for (const [i, rec] of valid.value.entries()) {
    if (rec.bn !== undefined) bn = rec.bn;
    if (rec.bt !== undefined) bt = rec.bt;
    if (rec.bu !== undefined) bu = rec.bu;
    if (rec.bv !== undefined) bv = rec.bv;
    const name = shortName(bn + (rec.n ?? ''));
    const t = bt + (rec.t ?? 0);
    if (!Number.isFinite(t) || Math.abs(t) < RELATIVE_TIME_LIMIT) {
      return reject('schema', `[${i}].t: ${t} is a relative time (or none); absolute epoch seconds are required`, ids);
    }
    const timeMs = Math.round(t * 1000);
    let reading = byTime.get(timeMs);
    if (!reading) {
      const date = new Date(timeMs);
      if (!Number.isFinite(date.getTime())) return reject('out_of_range', `[${i}].t: ${t} is not a representable time`, ids);
      reading = { tenantId, sensorId, time: date.toISOString(), flags: { ...NO_FLAGS } };
      byTime.set(timeMs, reading);
    }
    const unit = rec.u ?? bu;
    const expected = EXPECTED_UNITS[name];
    if (expected !== undefined && rec.v !== undefined && unit !== expected) {
      return reject('schema', `[${i}].u: ${name} must be in ${expected}, got ${JSON.stringify(unit)}`, ids);
    }
    const value = rec.v === undefined ? undefined : bv + rec.v;
    switch (name) {
      case 'fillLevel': if (value !== undefined) reading.fillLevel = value; break;
      case 'distance': if (value !== undefined) reading.distanceMm = Math.round(value * 1000); break;
      case 'battery': if (value !== undefined) reading.batteryPct = value; break;
      case 'temperature': if (value !== undefined) reading.temperatureC = value; break;
      case 'seq': if (value !== undefined) reading.seq = value; break;
      case 'fire': case 'tilt': case 'lidOpen':
        if (rec.vb !== undefined) reading.flags[name] = rec.vb;
        break;
      case 'falseEcho':
        if (rec.vb) reading.flags.falseEcho = true;
        break;
      default: break;
    }
  }
  return checked([...byTime.values()], nowMs);
}
