/**
 * ChirpStack v4 `up` event (JSON marshaler) on `application/{applicationId}/device/{devEui}/event/up`.
 *
 * Tenant mapping (ChirpStack topics carry no tenant, and its tenant ids are UUIDs):
 *   1. the device tag `tenant` (`deviceInfo.tags.tenant`), when set;
 *   2. else the ChirpStack tenant *name* (`deviceInfo.tenantName`), which an installation sets to
 *      our tenant id — one ChirpStack tenant per municipality.
 * A name that is not a valid tenant id is rejected (`schema`, naming deviceInfo.tenantName).
 *
 * - sensor: `deviceInfo.devEui` (lower case); time: `time`; seq: `fCnt`;
 *   rssi/snr: the strongest `rxInfo` entry.
 * - measurement: `object` (codec output of the device profile) when it holds a fill level or
 *   distance, else `data` (base64) decoded by our codec chosen by tag `model`, else by `fPort`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { measurementFromBytes, measurementFromObject, measurementToBytes, measurementToObject, normalizeDevEui, seqFromFrameCounter, type LorawanPayloadMode } from './lorawan.ts';
import { checked, parseOffsetTime, reject, TENANT_ID_PATTERN, toDecodedReading, type DecodeResult, type DecodedReading, type ReadingInput } from './reading.ts';
import { parseJson, validator } from './schema-check.ts';

export const ChirpstackUpSchema = Type.Object({
  deduplicationId: Type.Optional(Type.String()),
  time: Type.String(),
  deviceInfo: Type.Object({
    tenantId: Type.Optional(Type.String()),
    tenantName: Type.Optional(Type.String()),
    applicationId: Type.Optional(Type.String()),
    applicationName: Type.Optional(Type.String()),
    deviceProfileName: Type.Optional(Type.String()),
    deviceName: Type.Optional(Type.String()),
    devEui: Type.String({ pattern: '^[0-9A-Fa-f]{16}$' }),
    tags: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
  fCnt: Type.Optional(Type.Integer({ minimum: 0 })),
  fPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 255 })),
  data: Type.Optional(Type.String()),
  object: Type.Optional(Type.Unknown()),
  rxInfo: Type.Optional(Type.Array(Type.Object({
    gatewayId: Type.Optional(Type.String()),
    rssi: Type.Optional(Type.Number()),
    snr: Type.Optional(Type.Number()),
  }))),
}, { $id: 'ChirpstackUp', title: 'ChirpStack v4 up event (subset read by the ingester)' });

export type ChirpstackUp = Static<typeof ChirpstackUpSchema>;

const upValidator = validator(ChirpstackUpSchema);

export interface ChirpstackEncodeOptions {
  /** ChirpStack application id (a UUID in ChirpStack; any topic level here). */
  applicationId: string;
  payload: LorawanPayloadMode;
  /** Put the tenant in the device tag `tenant` instead of the tenant name. */
  tenantTag?: boolean;
}

/** A ChirpStack up event for a reading. The reading's sensorId must be the DevEUI (16 hex digits). */
export function encodeChirpstackUp(input: ReadingInput, options: ChirpstackEncodeOptions): Buffer {
  const r = toDecodedReading(input);
  if (!/^[0-9a-fA-F]{16}$/.test(r.sensorId)) throw new RangeError(`sensorId: ${r.sensorId} is not a DevEUI (16 hex digits)`);
  const tags: Record<string, string> = options.tenantTag ? { tenant: r.tenantId } : {};
  const event: Record<string, unknown> = {
    deduplicationId: `sim-${r.sensorId}-${Date.parse(r.time)}`,
    time: r.time,
    deviceInfo: {
      tenantName: options.tenantTag ? 'ChirpStack' : r.tenantId,
      applicationId: options.applicationId,
      deviceName: r.sensorId,
      devEui: normalizeDevEui(r.sensorId),
      tags,
    },
  };
  if (options.payload === 'decoded') {
    event.fPort = 1;
    event.object = measurementToObject(r);
  } else {
    const { codec, bytes } = measurementToBytes(r, options.payload);
    event.fPort = codec.fPort;
    event.data = bytes.toString('base64');
    tags.model = codec.model;
  }
  if (r.seq !== undefined) event.fCnt = r.seq;
  if (r.rssi !== undefined || r.snr !== undefined) event.rxInfo = [{ gatewayId: '0016c001f0000001', rssi: r.rssi, snr: r.snr }];
  return Buffer.from(JSON.stringify(event));
}

export function tenantOfChirpstackEvent(ev: ChirpstackUp): string | undefined {
  const t = ev.deviceInfo.tags?.tenant ?? ev.deviceInfo.tenantName;
  return t !== undefined && TENANT_ID_PATTERN.test(t) ? t : undefined;
}

/** `tenantId`: given by the consumer (integration or sensor registry); absent: from deviceInfo as described above. */
export function decodeChirpstackUp(payload: Uint8Array | string, topicDevEui: string, nowMs: number, tenantFromConsumer?: string): DecodeResult {
  const json = parseJson(payload);
  if (!json.ok) return json;
  const valid = upValidator.check(json.value);
  if (!valid.ok) return valid;
  const ev = valid.value;
  const sensorId = normalizeDevEui(ev.deviceInfo.devEui);
  const tenantId = tenantFromConsumer ?? tenantOfChirpstackEvent(ev);
  if (!tenantId) {
    return reject('schema', `deviceInfo.tenantName: ${JSON.stringify(ev.deviceInfo.tenantName)} is not a tenant id and no tag "tenant" is set`, { sensorId });
  }
  const ids = { tenantId, sensorId };
  if (normalizeDevEui(topicDevEui) !== sensorId) return reject('schema', `deviceInfo.devEui: ${sensorId} differs from the topic's ${topicDevEui}`, ids);
  const parsedTime = parseOffsetTime(ev.time);
  if (!parsedTime.ok) return reject('schema', `time: ${parsedTime.problem}`, ids);
  const time = parsedTime.time;

  let m = measurementFromObject(ev.object);
  if (!m) {
    const bytes = measurementFromBytes(ev.data, ev.deviceInfo.tags?.model, ev.fPort);
    if (!bytes.ok) return reject(bytes.reason, bytes.detail.replace(/^payload:/, 'data:'), ids);
    m = bytes.measurement;
  }
  const reading: DecodedReading = { tenantId, sensorId, time, ...m };
  const seq = seqFromFrameCounter(ev.fCnt);
  if (seq !== undefined) reading.seq = seq;
  if (ev.rxInfo && ev.rxInfo.length > 0) {
    const best = ev.rxInfo.reduce((a, b) => ((b.rssi ?? -Infinity) > (a.rssi ?? -Infinity) ? b : a));
    if (best.rssi !== undefined) reading.rssi = best.rssi;
    if (best.snr !== undefined) reading.snr = best.snr;
  }
  return checked([reading], nowMs);
}
