/**
 * Which alerts a batch of new readings raises and which open alerts it resolves. Pure, per sensor:
 * a condition seen in any reading of the batch raises (a short fire is not missed); a condition
 * absent from every reading of the batch resolves. `silent` is raised by the periodic check
 * (store/silent-sensors.ts) and resolved by any reading.
 */
import type { AlertKind, AlertSeverity } from '../contracts/index.ts';
import { renderAlertText, type AlertText } from '../contracts/alert-texts.ts';
import type { ReadingRow } from './prepare-batch.ts';

export const BATTERY_LOW_PCT = 15;

export interface AlertDraft {
  tenantId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  containerId: string | null;
  sensorId: string;
  /** The text as a code plus parameters, rendered in the tenant's language where it is read. */
  text: AlertText;
  /** The English rendering, kept for logs and readers without the catalog. */
  message: string;
  data: Record<string, unknown>;
}

/** A draft's text: its code and parameters, and the English rendering beside them. */
export function alertText(text: AlertText): Pick<AlertDraft, 'text' | 'message'> {
  return { text, message: renderAlertText(text, 'en') };
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
  /** The text's code and its figures; where (container, sensor) is added by the caller. */
  text(row: ReadingRow): AlertText;
}

const pct = (f: number) => Math.round(f * 100);

const RULES: Rule[] = [
  { kind: 'fire', severity: 'critical', holds: (r) => r.reading.flags.fire,
    text: (r): AlertText => (r.reading.temperatureC !== undefined
      ? { code: 'alert.fire.temperature', params: { temperatureC: r.reading.temperatureC } }
      : { code: 'alert.fire', params: {} }) },
  { kind: 'tilt', severity: 'warning', holds: (r) => r.reading.flags.tilt,
    text: () => ({ code: 'alert.tilt', params: {} }) },
  { kind: 'battery_low', severity: 'warning', holds: (r) => r.reading.batteryPct !== undefined && r.reading.batteryPct < BATTERY_LOW_PCT,
    text: (r) => ({ code: 'alert.battery_low', params: { batteryPct: r.reading.batteryPct ?? null } }) },
  { kind: 'full', severity: 'warning', holds: (r) => r.fillLevel >= r.sensor.mustFill,
    text: (r) => ({ code: 'alert.full', params: { fillPct: pct(r.fillLevel), thresholdPct: pct(r.sensor.mustFill) } }) },
  { kind: 'overflow', severity: 'warning', holds: (r) => r.fillLevel > 1,
    text: (r) => ({ code: 'alert.overflow', params: { fillPct: pct(r.fillLevel) } }) },
];

/** Rules whose condition is a level (battery, fill) look at the latest reading only. */
const LEVEL_KINDS = new Set<AlertKind>(['battery_low', 'full', 'overflow']);

function alertTextAt(text: AlertText, where: { containerId: string | null; sensorId: string }) {
  return alertText({ code: text.code, params: { ...where, ...text.params } });
}

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
    const where = { containerId, sensorId };
    resolve.push({ tenantId, sensorId, kind: 'silent' });
    for (const rule of RULES) {
      const hit = LEVEL_KINDS.has(rule.kind) ? (rule.holds(latest) ? latest : undefined) : list.find((r) => rule.holds(r));
      if (!hit) {
        resolve.push({ tenantId, sensorId, kind: rule.kind });
        continue;
      }
      raise.push({
        tenantId, kind: rule.kind, severity: rule.severity, containerId, sensorId,
        ...alertTextAt(rule.text(hit), where),
        data: {
          readingTime: hit.reading.time, fillLevel: hit.fillLevel, batteryPct: hit.reading.batteryPct ?? null,
          temperatureC: hit.reading.temperatureC ?? null,
        },
      });
    }
  }
  return { raise, resolve };
}
