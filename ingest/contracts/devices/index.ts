/** The device payload codecs, found by model id or by LoRaWAN fPort. */
import type { DeviceCodec, DeviceModel } from './device-codec.ts';
import { milesightEm400Mud } from './milesight-em400-mud.ts';
import { tekelekTek766 } from './tekelek-tek766.ts';

export type { DeviceCodec, DeviceModel, DeviceMeasurement, DeviceDecodeResult } from './device-codec.ts';
export { milesightEm400Mud } from './milesight-em400-mud.ts';
export { tekelekTek766 } from './tekelek-tek766.ts';

export const DEVICE_CODECS: readonly DeviceCodec[] = [milesightEm400Mud, tekelekTek766];

export function codecByModel(model: string): DeviceCodec | undefined {
  return DEVICE_CODECS.find((c) => c.model === model);
}

export function codecByPort(fPort: number): DeviceCodec | undefined {
  return DEVICE_CODECS.find((c) => c.fPort === fPort);
}

export function deviceModels(): DeviceModel[] {
  return DEVICE_CODECS.map((c) => c.model);
}
