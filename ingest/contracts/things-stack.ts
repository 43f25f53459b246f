/**
 * The Things Stack v3 uplink message on `v3/{application}@{tenant}/devices/{deviceId}/up`.
 * Only the fields we read are in the schema; the rest of the envelope is ignored.
 *
 * - tenant: given by the consumer (the ingester: integration or DevEUI registration, see
 *   messages.ts); `decodeMessage` alone falls back to the TTS tenant id in the topic.
 * - sensor: `end_device_ids.dev_eui` in lower case (our LoRaWAN sensor id), else the device id.
 * - time: `uplink_message.received_at`, else the envelope's `received_at`. A replay of the same
 *   uplink therefore carries the same time and is stored once.
 * - measurement: `uplink_message.decoded_payload` when a payload formatter produced a fill level
 *   or distance, else `frm_payload` (base64) decoded by our codec chosen by
 *   `version_ids.model_id`, else by `f_port` (devices/).
 * - seq: `f_cnt`; rssi/snr: the gateway with the strongest signal in `rx_metadata`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { measurementFromBytes, measurementFromObject, measurementToBytes, measurementToObject, normalizeDevEui, seqFromFrameCounter, type LorawanPayloadMode } from './lorawan.ts';
import { checked, parseOffsetTime, reject, toDecodedReading, type DecodeResult, type DecodedReading, type ReadingInput } from './reading.ts';
import { parseJson, validator } from './schema-check.ts';

const RxMetadata = Type.Object({
  gateway_ids: Type.Optional(Type.Object({ gateway_id: Type.String() })),
  rssi: Type.Optional(Type.Number()),
  channel_rssi: Type.Optional(Type.Number()),
  snr: Type.Optional(Type.Number()),
});

export const TtsUplinkSchema = Type.Object({
  end_device_ids: Type.Object({
    device_id: Type.String({ minLength: 1 }),
    application_ids: Type.Optional(Type.Object({ application_id: Type.String() })),
    dev_eui: Type.Optional(Type.String({ pattern: '^[0-9A-Fa-f]{16}$' })),
  }),
  received_at: Type.String(),
  uplink_message: Type.Object({
    f_port: Type.Optional(Type.Integer({ minimum: 0, maximum: 255 })),
    f_cnt: Type.Optional(Type.Integer({ minimum: 0 })),
    frm_payload: Type.Optional(Type.String()),
    decoded_payload: Type.Optional(Type.Unknown()),
    rx_metadata: Type.Optional(Type.Array(RxMetadata)),
    received_at: Type.Optional(Type.String()),
    version_ids: Type.Optional(Type.Object({ brand_id: Type.Optional(Type.String()), model_id: Type.Optional(Type.String()) })),
  }),
}, { $id: 'TtsUplink', title: 'The Things Stack v3 uplink message (subset read by the ingester)' });

export type TtsUplink = Static<typeof TtsUplinkSchema>;

const ttsValidator = validator(TtsUplinkSchema);

/** TTS model ids of the devices we have codecs for. */
const MODEL_IDS: Record<string, { brand: string; model: string }> = {
  'milesight-em400-mud': { brand: 'milesight-iot', model: 'em400-mud' },
  'tekelek-tek766': { brand: 'tekelek', model: 'tek766' },
};

function ourModel(versionIds: { brand_id?: string; model_id?: string } | undefined): string | undefined {
  if (!versionIds?.model_id) return undefined;
  return Object.entries(MODEL_IDS).find(([, v]) => v.model === versionIds.model_id && (!versionIds.brand_id || v.brand === versionIds.brand_id))?.[0];
}

export interface TtsEncodeOptions {
  applicationId: string;
  /** TTS device id (topic level); defaults to the sensor id. */
  deviceId?: string;
  /** Raw bytes of a device model (frm_payload), or `decoded` (decoded_payload). */
  payload: LorawanPayloadMode;
}

/** A TTS uplink envelope for a reading. The reading's sensorId must be the DevEUI. */
export function encodeTtsUplink(input: ReadingInput, options: TtsEncodeOptions): Buffer {
  const r = toDecodedReading(input);
  const deviceId = options.deviceId ?? r.sensorId;
  const uplink: TtsUplink['uplink_message'] & Record<string, unknown> = { received_at: r.time };
  if (options.payload === 'decoded') {
    uplink.f_port = 1;
    uplink.decoded_payload = measurementToObject(r);
  } else {
    const { codec, bytes } = measurementToBytes(r, options.payload);
    uplink.f_port = codec.fPort;
    uplink.frm_payload = bytes.toString('base64');
    const ids = MODEL_IDS[codec.model]!;
    uplink.version_ids = { brand_id: ids.brand, model_id: ids.model };
  }
  if (r.seq !== undefined) uplink.f_cnt = r.seq;
  if (r.rssi !== undefined || r.snr !== undefined) {
    uplink.rx_metadata = [{ gateway_ids: { gateway_id: 'sim-gateway' }, rssi: r.rssi, channel_rssi: r.rssi, snr: r.snr }];
  }
  const envelope = {
    end_device_ids: {
      device_id: deviceId,
      application_ids: { application_id: options.applicationId },
      dev_eui: /^[0-9a-fA-F]{16}$/.test(r.sensorId) ? r.sensorId.toUpperCase() : undefined,
    },
    correlation_ids: [`as:up:${r.sensorId}:${Date.parse(r.time)}`],
    received_at: r.time,
    uplink_message: uplink,
  };
  return Buffer.from(JSON.stringify(envelope));
}

function strongestGateway(rx: TtsUplink['uplink_message']['rx_metadata']): { rssi?: number; snr?: number } {
  if (!rx || rx.length === 0) return {};
  const best = rx.reduce((a, b) => ((b.rssi ?? -Infinity) > (a.rssi ?? -Infinity) ? b : a));
  return { rssi: best.rssi ?? best.channel_rssi, snr: best.snr };
}

/** Decode a TTS uplink for `tenantId` (the consumer's, or the topic's). */
export function decodeTtsUplink(payload: Uint8Array | string, tenantId: string, topicDeviceId: string, nowMs: number): DecodeResult {
  const json = parseJson(payload, { tenantId });
  if (!json.ok) return json;
  const valid = ttsValidator.check(json.value, { tenantId });
  if (!valid.ok) return valid;
  const env = valid.value;
  const sensorId = env.end_device_ids.dev_eui ? normalizeDevEui(env.end_device_ids.dev_eui) : topicDeviceId;
  const ids = { tenantId, sensorId };
  const up = env.uplink_message;
  const parsedTime = parseOffsetTime(up.received_at ?? env.received_at);
  if (!parsedTime.ok) return reject('schema', `${up.received_at !== undefined ? 'uplink_message.received_at' : 'received_at'}: ${parsedTime.problem}`, ids);
  const time = parsedTime.time;

  let m = measurementFromObject(up.decoded_payload);
  if (!m) {
    const bytes = measurementFromBytes(up.frm_payload, ourModel(up.version_ids), up.f_port);
    if (!bytes.ok) return reject(bytes.reason, bytes.detail.replace(/^payload:/, 'uplink_message.frm_payload:'), ids);
    m = bytes.measurement;
  }
  const reading: DecodedReading = { tenantId, sensorId, time, ...m };
  const seq = seqFromFrameCounter(up.f_cnt);
  if (seq !== undefined) reading.seq = seq;
  const { rssi, snr } = strongestGateway(up.rx_metadata);
  if (rssi !== undefined) reading.rssi = rssi;
  if (snr !== undefined) reading.snr = snr;
  return checked([reading], nowMs);
}
