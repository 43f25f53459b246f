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
  code: Type.String({ description: 'the text as a code (ingest/contracts/alert-texts.ts), rendered in the tenant language by readers' }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]), { description: 'the parameters of the code' }),
  message: Type.String({ description: 'One line for the dispatcher, in English (the code rendered)' }),
  data: Type.Record(Type.String(), Type.Unknown()),
  raisedAt: Type.String({ description: 'ISO 8601' }),
}, { $id: 'AlertMessage', title: 'Alert raised by the ingester' });

export type AlertMessage = Static<typeof AlertMessageSchema>;

const alertValidator = validator(AlertMessageSchema);

/**
 * The text of a stored alert, kept in `data.text` since texts have codes. An older row without one
 * reads as code `alert.text` carrying its stored (English) message as it is.
 */
export function alertTextOf(row: { message: string; data: Record<string, unknown> }): { code: string; params: Record<string, string | number | null> } {
  const text = row.data.text as { code?: unknown; params?: unknown } | undefined;
  if (text && typeof text.code === 'string' && text.params && typeof text.params === 'object') {
    return { code: text.code, params: text.params as Record<string, string | number | null> };
  }
  return { code: 'alert.text', params: { text: row.message } };
}

/** An alert's data without its text (which readers get as code and params). */
export function alertDataOf(data: Record<string, unknown>): Record<string, unknown> {
  const { text: _text, ...rest } = data;
  return rest;
}

export function encodeAlert(alert: AlertMessage): Buffer {
  return Buffer.from(JSON.stringify(alert));
}

export function decodeAlert(payload: Uint8Array | string): AlertMessage | undefined {
  const json = parseJson(payload);
  if (!json.ok) return undefined;
  const v = alertValidator.check(json.value);
  return v.ok ? v.value : undefined;
}
