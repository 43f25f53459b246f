/**
 * Every MQTT topic the platform uses, built and parsed in one place. Each builder and parser takes
 * an optional prefix (e.g. `test-lq3k1a9f2c/`) prepended verbatim, so tests and benchmarks can run
 * side by side on one broker.
 *
 * - native   `waste/v1/{tenant}/sensors/{sensorId}/reading`   JSON (native.ts)
 * - senml    `waste/v1/{tenant}/sensors/{sensorId}/senml`     SenML JSON pack (senml.ts)
 * - alerts   `waste/v1/{tenant}/alerts`                       alerts raised by the ingester (alert.ts)
 * - ttn      `v3/{application}@{tenant}/devices/{deviceId}/up` The Things Stack v3 uplink (things-stack.ts);
 *            the TTS tenant id in the topic is not ours: the ingester takes the tenant from the
 *            integration or the DevEUI's registration (messages.ts LorawanTenantOf).
 * - chirpstack `application/{applicationId}/device/{devEui}/event/up` ChirpStack v4 up event
 *            (chirpstack.ts); the topic carries no tenant: it comes from the event's deviceInfo
 *            (tag `tenant`, else the ChirpStack tenant name), see chirpstack.ts.
 */
import { SENSOR_ID_PATTERN, TENANT_ID_PATTERN } from './reading.ts';

export type MessageFormat = 'native' | 'senml' | 'ttn' | 'chirpstack';
export const MESSAGE_FORMATS: readonly MessageFormat[] = ['native', 'senml', 'ttn', 'chirpstack'];

export interface ParsedTopic {
  format: MessageFormat;
  /** From the topic (native, senml, ttn); ChirpStack topics carry none. */
  tenantId?: string;
  /** Native and SenML: the sensor id; TTN: the TTS device id; ChirpStack: the DevEUI. */
  deviceId: string;
  /** TTN application id or ChirpStack application id. */
  applicationId?: string;
}

const LEVEL = /^[^/+#]+$/;

function level(name: string, value: string): string {
  if (!LEVEL.test(value)) throw new RangeError(`${name}: ${JSON.stringify(value)} cannot be an MQTT topic level`);
  return value;
}

export function nativeReadingTopic(tenantId: string, sensorId: string, prefix = ''): string {
  return `${prefix}waste/v1/${level('tenantId', tenantId)}/sensors/${level('sensorId', sensorId)}/reading`;
}

export function senmlTopic(tenantId: string, sensorId: string, prefix = ''): string {
  return `${prefix}waste/v1/${level('tenantId', tenantId)}/sensors/${level('sensorId', sensorId)}/senml`;
}

export function alertsTopic(tenantId: string, prefix = ''): string {
  return `${prefix}waste/v1/${level('tenantId', tenantId)}/alerts`;
}

export function ttnUplinkTopic(applicationId: string, tenantId: string, deviceId: string, prefix = ''): string {
  return `${prefix}v3/${level('applicationId', applicationId)}@${level('tenantId', tenantId)}/devices/${level('deviceId', deviceId)}/up`;
}

export function chirpstackUpTopic(applicationId: string, devEui: string, prefix = ''): string {
  return `${prefix}application/${level('applicationId', applicationId)}/device/${level('devEui', devEui)}/event/up`;
}

/** Topic filters the ingester subscribes to (without `$share`). */
export function ingestTopicFilters(prefix = ''): string[] {
  return [
    `${prefix}waste/v1/+/sensors/+/reading`,
    `${prefix}waste/v1/+/sensors/+/senml`,
    `${prefix}v3/+/devices/+/up`,
    `${prefix}application/+/device/+/event/up`,
  ];
}

/** The same filters as shared subscriptions, so several ingesters split the load. */
export function sharedIngestSubscriptions(prefix = '', group = 'ingest'): string[] {
  return ingestTopicFilters(prefix).map((f) => `$share/${group}/${f}`);
}

/** Which format a topic carries and the ids in it, or undefined for a topic we do not read. */
export function parseIngestTopic(topic: string, prefix = ''): ParsedTopic | undefined {
  if (!topic.startsWith(prefix)) return undefined;
  const parts = topic.slice(prefix.length).split('/');
  if (parts.length === 6 && parts[0] === 'waste' && parts[1] === 'v1' && parts[3] === 'sensors') {
    const [, , tenantId, , sensorId, kind] = parts as [string, string, string, string, string, string];
    if (!TENANT_ID_PATTERN.test(tenantId) || !SENSOR_ID_PATTERN.test(sensorId)) return undefined;
    if (kind === 'reading') return { format: 'native', tenantId, deviceId: sensorId };
    if (kind === 'senml') return { format: 'senml', tenantId, deviceId: sensorId };
    return undefined;
  }
  if (parts.length === 5 && parts[0] === 'v3' && parts[2] === 'devices' && parts[4] === 'up') {
    const at = parts[1]!.lastIndexOf('@');
    if (at <= 0) return undefined;
    const applicationId = parts[1]!.slice(0, at);
    const tenantId = parts[1]!.slice(at + 1);
    if (!TENANT_ID_PATTERN.test(tenantId) || !parts[3]) return undefined;
    return { format: 'ttn', tenantId, applicationId, deviceId: parts[3] };
  }
  if (parts.length === 6 && parts[0] === 'application' && parts[2] === 'device' && parts[4] === 'event' && parts[5] === 'up') {
    if (!parts[1] || !parts[3]) return undefined;
    return { format: 'chirpstack', applicationId: parts[1], deviceId: parts[3] };
  }
  return undefined;
}

/** The tenant of an alerts topic, for subscribers (API, dashboards). */
export function parseAlertsTopic(topic: string, prefix = ''): string | undefined {
  if (!topic.startsWith(prefix)) return undefined;
  const m = /^waste\/v1\/([^/]+)\/alerts$/.exec(topic.slice(prefix.length));
  return m && TENANT_ID_PATTERN.test(m[1]!) ? m[1] : undefined;
}
