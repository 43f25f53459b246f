/**
 * JSON parsing and TypeBox validation shared by the JSON formats: one place decides whether a
 * problem is `bad_json`, `schema` or `out_of_range`, and names the field in the detail.
 */
import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType } from '@sinclair/typebox/errors';
import type { Rejection } from './reading.ts';

const RANGE_ERRORS = new Set<ValueErrorType>([
  ValueErrorType.NumberMinimum, ValueErrorType.NumberMaximum,
  ValueErrorType.NumberExclusiveMinimum, ValueErrorType.NumberExclusiveMaximum,
  ValueErrorType.IntegerMinimum, ValueErrorType.IntegerMaximum,
  ValueErrorType.IntegerExclusiveMinimum, ValueErrorType.IntegerExclusiveMaximum,
]);

export interface Validator<T extends TSchema> {
  readonly schema: T;
  /** The value typed, or the first problem (field path in the detail). */
  check(value: unknown, ids?: { tenantId?: string; sensorId?: string }): { ok: true; value: Static<T> } | { ok: false; rejection: Rejection };
}

export function validator<T extends TSchema>(schema: T): Validator<T> {
  const compiled: TypeCheck<T> = TypeCompiler.Compile(schema);
  return {
    schema,
    check(value, ids = {}) {
      if (compiled.Check(value)) return { ok: true, value: value as Static<T> };
      const first = compiled.Errors(value).First();
      const field = first?.path ? first.path.replace(/^\//, '').replace(/\//g, '.') : '(payload)';
      const reason = first && RANGE_ERRORS.has(first.type) ? 'out_of_range' : 'schema';
      const got = first ? ` (got ${JSON.stringify(first.value)?.slice(0, 60) ?? 'undefined'})` : '';
      return { ok: false, rejection: { reason, detail: `${field || '(payload)'}: ${first?.message ?? 'invalid'}${got}`, ...ids } };
    },
  };
}

/** JSON.parse of an MQTT payload, or a `bad_json` rejection. */
export function parseJson(payload: Uint8Array | string, ids: { tenantId?: string; sensorId?: string } = {}):
  { ok: true; value: unknown } | { ok: false; rejection: Rejection } {
  const text = typeof payload === 'string' ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, rejection: { reason: 'bad_json', detail: `payload: ${(err as Error).message}`, ...ids } };
  }
}
