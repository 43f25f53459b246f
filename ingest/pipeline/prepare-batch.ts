/**
 * From decoded messages to what one transaction writes: reading rows (with fill level from the
 * sensor geometry and the sensor's container) and dead letters (rejected messages and messages
 * from sensors the database does not know). Pure: the sensor lookup is passed in.
 */
import { fillFromDistance, type DecodeResult, type DecodedReading, type RejectReason } from '../contracts/index.ts';
import { sensorKey, type SensorInfo } from '../store/sensor-registry.ts';

export interface DecodedItem {
  topic: string;
  payload: Buffer;
  result: DecodeResult;
}

export interface ReadingRow {
  topic: string;
  payload: Buffer;
  reading: DecodedReading;
  fillLevel: number;
  sensor: SensorInfo;
}

export interface DeadLetter {
  tenantId: string | undefined;
  topic: string;
  payload: Buffer;
  reason: RejectReason | 'database_rejected';
  detail: string;
}

export interface PreparedBatch {
  rows: ReadingRow[];
  deadLetters: DeadLetter[];
}

/** The sensors a batch needs looked up. */
export function sensorsOf(items: DecodedItem[]): { tenantId: string; sensorId: string }[] {
  const keys: { tenantId: string; sensorId: string }[] = [];
  for (const it of items) if (it.result.ok) for (const r of it.result.readings) keys.push({ tenantId: r.tenantId, sensorId: r.sensorId });
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
  for (const it of items) {
    if (!it.result.ok) {
      const { reason, detail, tenantId } = it.result.rejection;
      deadLetters.push({ tenantId, topic: it.topic, payload: it.payload, reason, detail });
      continue;
    }
    const unknown = it.result.readings.find((r) => !sensors.get(sensorKey(r.tenantId, r.sensorId)));
    const owners = unknown && otherTenantsOf(unknown.tenantId, unknown.sensorId);
    if (unknown && owners) {
      deadLetters.push({
        tenantId: unknown.tenantId, topic: it.topic, payload: it.payload, reason: 'wrong_tenant',
        detail: `sensorId: ${unknown.sensorId} belongs to tenant ${owners.join(', ')}, not to the topic's tenant ${unknown.tenantId}`,
      });
      continue;
    }
    if (unknown) {
      deadLetters.push({
        tenantId: unknown.tenantId, topic: it.topic, payload: it.payload, reason: 'unknown_sensor',
        detail: `sensorId: ${unknown.sensorId} is not an active sensor of tenant ${unknown.tenantId}`,
      });
      continue;
    }
    for (const reading of it.result.readings) {
      const sensor = sensors.get(sensorKey(reading.tenantId, reading.sensorId))!;
      const fillLevel = reading.fillLevel ?? fillFromDistance(reading.distanceMm!, sensor);
      rows.push({ topic: it.topic, payload: it.payload, reading, fillLevel, sensor });
    }
  }
  return { rows, deadLetters };
}
