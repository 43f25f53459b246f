/**
 * From decoded messages to what one transaction writes: reading rows (with fill level from the
 * sensor geometry and the container the sensor was bound to at the reading's time), dead letters
 * (rejected messages and messages from sensors the database does not know) and the unknown devices
 * seen. Pure: the sensor lookup is passed in.
 */
import { fillFromDistance, type DecodeResult, type DecodedReading, type MessageFormat, type RejectReason } from '../contracts/index.ts';
import { containerOfReading, sensorKey, type SensorInfo, type SensorKey } from '../store/sensor-registry.ts';

/** Where the tenant of a message's readings comes from. */
export interface MessageOrigin {
  format: MessageFormat | 'unknown';
  /** The integration it arrived through, and its tenant (the readings' tenant). */
  integrationId?: string;
  integrationTenantId?: string;
  /**
   * A LoRaWAN uplink no integration claims: the sensor registry tells the tenant by DevEUI, and
   * the tenant the decoder was given is a placeholder.
   */
  tenantFromRegistry?: boolean;
}

export interface DecodedItem {
  topic: string;
  payload: Buffer;
  result: DecodeResult;
  /** Absent: the tenant in the readings holds (native and SenML topics of our own broker). */
  origin?: MessageOrigin;
}

export interface ReadingRow {
  topic: string;
  payload: Buffer;
  reading: DecodedReading;
  fillLevel: number;
  /** The sensor, with `containerId` the container it was bound to at the reading's time. */
  sensor: SensorInfo;
}

export interface DeadLetter {
  tenantId: string | undefined;
  topic: string;
  payload: Buffer;
  reason: RejectReason | 'database_rejected';
  detail: string;
}

/** A device whose decoded reading arrived but that no tenant registered. */
export interface UnknownDevice {
  /** '' when no tenant could be told. */
  tenantId: string;
  deviceId: string;
  format: string;
  integrationId: string | undefined;
  topic: string;
  readingTime: string;
  fillLevel: number | undefined;
  distanceMm: number | undefined;
}

export interface PreparedBatch {
  rows: ReadingRow[];
  deadLetters: DeadLetter[];
  unknownDevices?: UnknownDevice[];
}

/** A placeholder tenant the decoder is given when the registry decides (never stored). */
export const REGISTRY_DECIDES_TENANT = 'registry-decides';

function keyOf(item: DecodedItem, r: DecodedReading): SensorKey {
  return { tenantId: item.origin?.tenantFromRegistry ? null : r.tenantId, sensorId: r.sensorId };
}

/** The sensors a batch needs looked up. */
export function sensorsOf(items: DecodedItem[]): SensorKey[] {
  const keys: SensorKey[] = [];
  for (const it of items) if (it.result.ok) for (const r of it.result.readings) keys.push(keyOf(it, r));
  return keys;
}

/**
 * `otherTenantsOf` says which other tenants have a sensor of that id: a reading on tenant A's topic
 * from a sensor registered to tenant B is dead-lettered as `wrong_tenant`, never stored for A.
 */
export function prepareBatch(items: DecodedItem[], sensors: Map<string, SensorInfo | null>,
  otherTenantsOf: (tenantId: string, sensorId: string) => string[] | undefined = () => undefined): PreparedBatch {
  const rows: ReadingRow[] = [];
  const deadLetters: DeadLetter[] = [];
  const unknownDevices: UnknownDevice[] = [];
  for (const it of items) {
    const registryDecides = it.origin?.tenantFromRegistry === true;
    if (!it.result.ok) {
      const { reason, detail, tenantId } = it.result.rejection;
      // A rejection names the tenant the decoder was given; the integration's is the one that holds.
      deadLetters.push({ tenantId: registryDecides ? undefined : it.origin?.integrationTenantId ?? tenantId, topic: it.topic, payload: it.payload, reason, detail });
      continue;
    }
    const sensorOf = (r: DecodedReading) => sensors.get(sensorKey(registryDecides ? null : r.tenantId, r.sensorId));
    const unknown = it.result.readings.find((r) => !sensorOf(r));
    const owners = unknown && !registryDecides ? otherTenantsOf(unknown.tenantId, unknown.sensorId) : undefined;
    if (unknown && owners) {
      const via = it.origin?.integrationId ? `the integration's tenant` : `the topic's tenant`;
      deadLetters.push({
        tenantId: unknown.tenantId, topic: it.topic, payload: it.payload, reason: 'wrong_tenant',
        detail: `sensorId: ${unknown.sensorId} belongs to tenant ${owners.join(', ')}, not to ${via} ${unknown.tenantId}`,
      });
      continue;
    }
    if (unknown) {
      const tenantId = registryDecides ? undefined : unknown.tenantId;
      deadLetters.push({
        tenantId, topic: it.topic, payload: it.payload, reason: 'unknown_sensor',
        detail: tenantId
          ? `sensorId: ${unknown.sensorId} is not an active sensor of tenant ${tenantId}`
          : `sensorId: ${unknown.sensorId} is not registered in any tenant, and no integration claims this application`,
      });
      unknownDevices.push({
        tenantId: tenantId ?? '', deviceId: unknown.sensorId, format: it.origin?.format ?? 'unknown', integrationId: it.origin?.integrationId,
        topic: it.topic, readingTime: unknown.time, fillLevel: unknown.fillLevel, distanceMm: unknown.distanceMm,
      });
      continue;
    }
    for (const decoded of it.result.readings) {
      const sensor = sensorOf(decoded)!;
      const reading = registryDecides ? { ...decoded, tenantId: sensor.tenantId } : decoded;
      const containerId = containerOfReading(sensor, reading.time);
      const fillLevel = reading.fillLevel ?? fillFromDistance(reading.distanceMm!, sensor);
      rows.push({ topic: it.topic, payload: it.payload, reading, fillLevel, sensor: containerId === sensor.containerId ? sensor : { ...sensor, containerId } });
    }
  }
  return { rows, deadLetters, unknownDevices };
}
