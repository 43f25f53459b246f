/**
 * Simulated readings to MQTT messages, only through the ingest contract (`encodeMessage`), so what
 * the simulator sends is by construction what the ingester decodes. Choices here are the
 * simulator's: which fields a device sends (distance, not fill: the ingester converts with the
 * sensor geometry) and which device byte layout each sensor uses on LoRaWAN formats.
 */
import {
  deviceModels, encodeMessage, MESSAGE_FORMATS, type DeviceModel, type EncodedMessage, type MessageFormat, type ReadingInput,
} from '../../ingest/contracts/index.ts';
import { InputError } from '../../platform/errors.ts';
import type { SimReading } from '../sim/fleet-simulator.ts';

/** LoRaWAN formats: `device` sends each sensor's raw bytes in its model's layout; `decoded` a formatter's object. */
export type PayloadStyle = 'device' | 'decoded';

export interface MessageEncoderOptions {
  format: MessageFormat;
  prefix?: string;
  payload?: PayloadStyle;
  applicationId?: string;
  /** Sensor model per sensor index (device byte layout), from the scenario. */
  models: readonly string[];
}

export function toReadingInput(r: SimReading): ReadingInput {
  return {
    tenantId: r.tenantId,
    sensorId: r.sensorId,
    time: new Date(r.reportedMs),
    distanceMm: r.distanceMm,
    batteryPct: r.batteryPct,
    temperatureC: r.temperatureC,
    flags: r.flags,
    seq: r.seq,
    rssi: r.rssi,
    snr: r.snr,
  };
}

export function parseFormat(text: string): MessageFormat {
  if (!(MESSAGE_FORMATS as readonly string[]).includes(text)) {
    throw new InputError(`Unknown format "${text}"`, [{ name: 'format', reason: `expected one of ${MESSAGE_FORMATS.join(', ')}` }]);
  }
  return text as MessageFormat;
}

export function parsePayloadStyle(text: string): PayloadStyle {
  if (text !== 'device' && text !== 'decoded') throw new InputError(`Unknown payload "${text}"`, [{ name: 'payload', reason: 'expected device or decoded' }]);
  return text;
}

export class MessageEncoder {
  constructor(private readonly options: MessageEncoderOptions) {
    const lorawanBytes = (options.format === 'ttn' || options.format === 'chirpstack') && options.payload !== 'decoded';
    if (lorawanBytes) {
      const known = new Set<string>(deviceModels());
      const unknown = [...new Set(options.models.filter((m) => !known.has(m)))];
      if (unknown.length) {
        throw new InputError(`No device byte layout for sensor model ${unknown.join(', ')}`, [
          { name: 'payload', reason: `use --payload decoded, or sensor models among ${[...known].join(', ')}` },
        ]);
      }
    }
  }

  encode(r: SimReading): EncodedMessage {
    const o = this.options;
    const lorawan = o.format === 'ttn' || o.format === 'chirpstack';
    const payload = lorawan ? (o.payload === 'decoded' ? 'decoded' : (o.models[r.sensorIndex] as DeviceModel)) : undefined;
    return encodeMessage(toReadingInput(r), {
      format: o.format,
      prefix: o.prefix,
      applicationId: o.applicationId,
      payload,
      // ChirpStack topics carry no tenant: name it in a device tag.
      tenantTag: o.format === 'chirpstack' ? true : undefined,
    });
  }
}
