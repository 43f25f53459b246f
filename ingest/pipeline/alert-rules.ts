/**
 * Which alerts a batch of new readings raises and which open alerts it resolves. Pure, per sensor:
 * a condition seen in any reading of the batch raises (a short fire is not missed); a condition
 * absent from every reading of the batch resolves. `silent` is raised by the periodic check
 * (store/silent-sensors.ts) and resolved by any reading.
 */
import type { AlertKind, AlertSeverity } from '../contracts/index.ts';
import type { ReadingRow } from './prepare-batch.ts';

export const BATTERY_LOW_PCT = 15;

export interface AlertDraft {
  tenantId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  containerId: string | null;
  sensorId: string;
  message: string;
  data: Record<string, unknown>;
}

export interface AlertKey {
  tenantId: string;
  sensorId: string;
  kind: AlertKind;
}

export interface AlertChanges {
  raise: AlertDraft[];
  resolve: AlertKey[];
}

interface Rule {
  kind: AlertKind;
  severity: AlertSeverity;
  /** Whether the condition holds for a reading. */
  holds(row: ReadingRow): boolean;
  message(row: ReadingRow, where: string): string;
}

const pct = (f: number) => `${Math.round(f * 100)} %`;

const RULES: Rule[] = [
  { kind: 'fire', severity: 'critical', holds: (r) => r.reading.flags.fire,
    message: (r, w) => `Fire alarm at ${w}${r.reading.temperatureC !== undefined ? ` (${r.reading.temperatureC} °C)` : ''}` },
  { kind: 'tilt', severity: 'warning', holds: (r) => r.reading.flags.tilt,
    message: (_r, w) => `Sensor tilted or dropped at ${w}` },
  { kind: 'battery_low', severity: 'warning', holds: (r) => r.reading.batteryPct !== undefined && r.reading.batteryPct < BATTERY_LOW_PCT,
    message: (r, w) => `Battery low (${r.reading.batteryPct} %) at ${w}` },
  { kind: 'full', severity: 'warning', holds: (r) => r.fillLevel >= r.sensor.mustFill,
    message: (r, w) => `${w} is ${pct(r.fillLevel)} full (must-collect threshold ${pct(r.sensor.mustFill)})` },
  { kind: 'overflow', severity: 'warning', holds: (r) => r.fillLevel > 1,
    message: (r, w) => `${w} is overflowing (${pct(r.fillLevel)})` },
];

/** Rules whose condition is a level (battery, fill) look at the latest reading only. */
const LEVEL_KINDS = new Set<AlertKind>(['battery_low', 'full', 'overflow']);

export function alertChanges(rows: ReadingRow[]): AlertChanges {
  const bySensor = new Map<string, ReadingRow[]>();
  for (const row of rows) {
    const key = `${row.reading.tenantId}\u0000${row.reading.sensorId}`;
    const list = bySensor.get(key);
    if (list) list.push(row);
    else bySensor.set(key, [row]);
  }
  const raise: AlertDraft[] = [];
  const resolve: AlertKey[] = [];
  for (const list of bySensor.values()) {
    list.sort((a, b) => (a.reading.time < b.reading.time ? -1 : a.reading.time > b.reading.time ? 1 : 0));
    const latest = list[list.length - 1]!;
    const { tenantId, sensorId } = latest.reading;
    const containerId = latest.sensor.containerId;
    const where = containerId ? `container ${containerId} (sensor ${sensorId})` : `sensor ${sensorId}`;
    resolve.push({ tenantId, sensorId, kind: 'silent' });
    for (const rule of RULES) {
      const hit = LEVEL_KINDS.has(rule.kind) ? (rule.holds(latest) ? latest : undefined) : list.find((r) => rule.holds(r));
      if (!hit) {
        resolve.push({ tenantId, sensorId, kind: rule.kind });
        continue;
      }
      raise.push({
        tenantId, kind: rule.kind, severity: rule.severity, containerId, sensorId,
        message: rule.message(hit, where),
        data: {
          readingTime: hit.reading.time, fillLevel: hit.fillLevel, batteryPct: hit.reading.batteryPct ?? null,
          temperatureC: hit.reading.temperatureC ?? null,
        },
      });
    }
  }
  return { raise, resolve };
}
