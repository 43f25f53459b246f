/**
 * The ingest contract: every payload and topic the sensors, network servers, simulator and
 * ingester exchange. The simulator encodes with these functions, the ingester decodes with them.
 */
export * from './reading.ts';
export * from './topics.ts';
export * from './messages.ts';
export * from './fill-level.ts';
export * from './alert.ts';
export { FORMAT_BOUNDS, DEFAULT_MAX_PAYLOAD_BYTES, boundsFor, checkPayloadBounds, type PayloadBounds } from './payload-bounds.ts';
export { NativeReadingSchema, ReadingFlagsSchema, nativeReadingJsonSchema, encodeNativeReading, decodeNativeReading } from './native.ts';
export type { NativeReading } from './native.ts';
export { TtsUplinkSchema, encodeTtsUplink, decodeTtsUplink } from './things-stack.ts';
export type { TtsUplink, TtsEncodeOptions } from './things-stack.ts';
export { ChirpstackUpSchema, encodeChirpstackUp, decodeChirpstackUp, tenantOfChirpstackEvent } from './chirpstack.ts';
export type { ChirpstackUp, ChirpstackEncodeOptions } from './chirpstack.ts';
export { SenmlPackSchema, encodeSenml, decodeSenml } from './senml.ts';
export type { SenmlPack } from './senml.ts';
export { normalizeDevEui, measurementFromObject, type LorawanPayloadMode } from './lorawan.ts';
export * from './devices/index.ts';
