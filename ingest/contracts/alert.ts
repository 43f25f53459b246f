/**
 * Alerts the ingester raises, as published on `waste/v1/{tenant}/alerts` (QoS 1, not retained)
 * and stored in the `alerts` table. Kinds match the table's CHECK constraint.
 */
import { Type, type Static } from '@sinclair/typebox';
import { parseJson, validator } from './schema-check.ts';

export const ALERT_KINDS = ['fire', 'tilt', 'battery_low', 'silent', 'full', 'overflow', 'sensor_fault'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertSeverity = 'info' | 'warning' | 'critical';

export const AlertMessageSchema = Type.Object({
  id: Type.String({ description: 'alerts.id (uuid)' }),
  tenantId: Type.String(),
  kind: Type.Union(ALERT_KINDS.map((k) => Type.Literal(k))),
  severity: Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('critical')]),
  containerId: Type.Optional(Type.String()),
  sensorId: Type.Optional(Type.String()),
  message: Type.String({ description: 'One line for the dispatcher' }),
  data: Type.Record(Type.String(), Type.Unknown()),
  raisedAt: Type.String({ description: 'ISO 8601' }),
}, { $id: 'AlertMessage', title: 'Alert raised by the ingester' });

export type AlertMessage = Static<typeof AlertMessageSchema>;

const alertValidator = validator(AlertMessageSchema);

export function encodeAlert(alert: AlertMessage): Buffer {
  return Buffer.from(JSON.stringify(alert));
}

export function decodeAlert(payload: Uint8Array | string): AlertMessage | undefined {
  const json = parseJson(payload);
  if (!json.ok) return undefined;
  const v = alertValidator.check(json.value);
  return v.ok ? v.value : undefined;
}
