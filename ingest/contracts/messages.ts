/**
 * One entry point per direction over every format: `encodeMessage` (simulator, tests, benchmark)
 * gives the topic and payload bytes for a reading; `decodeMessage` (ingester) gives the readings or
 * a rejection for whatever arrived on a topic. Nobody builds a payload by hand.
 */
import { decodeChirpstackUp, encodeChirpstackUp } from './chirpstack.ts';
import type { LorawanPayloadMode } from './lorawan.ts';
import { decodeNativeReading, encodeNativeReading } from './native.ts';
import { boundsFor, checkPayloadBounds, DEFAULT_MAX_PAYLOAD_BYTES } from './payload-bounds.ts';
import { reject, type DecodeResult, type ReadingInput } from './reading.ts';
import { decodeSenml, encodeSenml } from './senml.ts';
import { decodeTtsUplink, encodeTtsUplink } from './things-stack.ts';
import { chirpstackUpTopic, nativeReadingTopic, parseIngestTopic, senmlTopic, ttnUplinkTopic, type MessageFormat, type ParsedTopic } from './topics.ts';

export interface EncodeOptions {
  format: MessageFormat;
  /** Topic prefix (tests, benchmarks). */
  prefix?: string;
  /** ttn / chirpstack: application id in the topic (default `waste-sensors`). */
  applicationId?: string;
  /** ttn: TTS device id (default: the sensor id). */
  deviceId?: string;
  /** ttn / chirpstack: raw bytes of a device model, or `decoded` (default `milesight-em400-mud`). */
  payload?: LorawanPayloadMode;
  /** chirpstack: tenant in the device tag `tenant` instead of the tenant name. */
  tenantTag?: boolean;
}

export interface EncodedMessage {
  topic: string;
  payload: Buffer;
}

const DEFAULT_APPLICATION = 'waste-sensors';

export function encodeMessage(reading: ReadingInput, options: EncodeOptions): EncodedMessage {
  const prefix = options.prefix ?? '';
  const applicationId = options.applicationId ?? DEFAULT_APPLICATION;
  const payloadMode = options.payload ?? 'milesight-em400-mud';
  switch (options.format) {
    case 'native':
      return { topic: nativeReadingTopic(reading.tenantId, reading.sensorId, prefix), payload: encodeNativeReading(reading) };
    case 'senml':
      return { topic: senmlTopic(reading.tenantId, reading.sensorId, prefix), payload: encodeSenml(reading) };
    case 'ttn': {
      const deviceId = options.deviceId ?? reading.sensorId;
      return {
        topic: ttnUplinkTopic(applicationId, reading.tenantId, deviceId, prefix),
        payload: encodeTtsUplink(reading, { applicationId, deviceId, payload: payloadMode }),
      };
    }
    case 'chirpstack':
      return {
        topic: chirpstackUpTopic(applicationId, reading.sensorId.toLowerCase(), prefix),
        payload: encodeChirpstackUp(reading, { applicationId, payload: payloadMode, tenantTag: options.tenantTag }),
      };
  }
}

export interface DecodeOptions {
  prefix?: string;
  /** Clock for the future-timestamp check (ms since epoch); default Date.now(). */
  nowMs?: number;
  /** Cap over every format's own payload size limit (payload-bounds.ts); default 64 KiB. */
  maxPayloadBytes?: number;
}

export function decodeMessage(topic: string, payload: Uint8Array | string, options: DecodeOptions = {}): DecodeResult {
  return decodeParsed(parseIngestTopic(topic, options.prefix ?? ''), topic, payload, options.nowMs ?? Date.now(), options.maxPayloadBytes);
}

/**
 * Which tenant a LoRaWAN network-server uplink (ttn, chirpstack) is decoded for: the consumer
 * decides from the integration it arrived through or the sensor registry, never from the network
 * server's own tenant id (the `@tenant` of a TTS topic, the ChirpStack tenant name).
 */
export type LorawanTenantOf = (parsed: ParsedTopic) => string;

/**
 * A decoder for a long-running consumer: remembers parsed topics (a sensor publishes on the same
 * topic all its life) and reports the format, for per-format counting.
 */
export function createMessageDecoder(prefix = '', options: { maxTopics?: number; maxPayloadBytes?: number } = {}) {
  const maxTopics = options.maxTopics ?? 200_000;
  const topics = new Map<string, ParsedTopic | null>();
  return function decode(topic: string, payload: Uint8Array | string, nowMs = Date.now(), lorawanTenantOf?: LorawanTenantOf): { format: MessageFormat | 'unknown'; result: DecodeResult } {
    let parsed = topics.get(topic);
    if (parsed === undefined) {
      if (topics.size >= maxTopics) topics.clear();
      parsed = parseIngestTopic(topic, prefix) ?? null;
      topics.set(topic, parsed);
    }
    const tenant = parsed && lorawanTenantOf && (parsed.format === 'ttn' || parsed.format === 'chirpstack') ? lorawanTenantOf(parsed) : undefined;
    return { format: parsed?.format ?? 'unknown', result: decodeParsed(parsed ?? undefined, topic, payload, nowMs, options.maxPayloadBytes, tenant) };
  };
}

function decodeParsed(parsed: ParsedTopic | undefined, topic: string, payload: Uint8Array | string, nowMs: number,
  maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES, lorawanTenant?: string): DecodeResult {
  if (!parsed) return reject('unknown_topic', `topic: ${topic.slice(0, 200)} is not a reading topic`);
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const tooBig = checkPayloadBounds(bytes, parsed.format, boundsFor(parsed.format, maxPayloadBytes),
    parsed.format === 'chirpstack' ? {} : { tenantId: parsed.tenantId, sensorId: parsed.format === 'ttn' ? undefined : parsed.deviceId });
  if (tooBig) return { ok: false, rejection: tooBig };
  switch (parsed.format) {
    case 'native':
      return decodeNativeReading(payload, parsed.tenantId!, parsed.deviceId, nowMs);
    case 'senml':
      return decodeSenml(payload, parsed.tenantId!, parsed.deviceId, nowMs);
    case 'ttn':
      return decodeTtsUplink(payload, lorawanTenant ?? parsed.tenantId!, parsed.deviceId, nowMs);
    case 'chirpstack':
      return decodeChirpstackUp(payload, parsed.deviceId, nowMs, lorawanTenant);
  }
}
