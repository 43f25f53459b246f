/**
 * Times without a UTC offset are rejected by every JSON format, naming the field, and accepted
 * times decode to the same instant whatever the process's time zone (issue 13 item 8). Node reads
 * process.env.TZ on every change, so both zones run in this one process.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, nativeReadingTopic, parseOffsetTime, type DecodeResult } from '../../../ingest/contracts/index.ts';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const TENANT = 'utrecht';
const SENSOR = '24e124136d490001';
const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const NO_OFFSET = ['2026-12-01 10:00:00', '12/01/2026 10:00', 'December 1, 2026 10:00 AM', '2026-12-01T10:00:00', '2026-12-01T10:00', '2026-12-01',
  '2026-12-01T10:00:00+01', 'Tue, 01 Dec 2026 10:00:00 GMT', '1796119200000'];
const WITH_OFFSET: [string, string][] = [
  ['2026-12-01T10:00:00Z', '2026-12-01T10:00:00.000Z'],
  ['2026-12-01T11:00:00+01:00', '2026-12-01T10:00:00.000Z'],
  ['2026-12-01T11:00:00+0100', '2026-12-01T10:00:00.000Z'],
  ['2026-12-01 05:30:00-04:30', '2026-12-01T10:00:00.000Z'],
  ['2026-12-01T10:00Z', '2026-12-01T10:00:00.000Z'],
  ['2026-12-01T10:00:00.123456789Z', '2026-12-01T10:00:00.123Z'],
  ['2026-12-01t10:00:00z', '2026-12-01T10:00:00.000Z'],
];

const rejection = (r: DecodeResult) => (r.ok ? undefined : r.rejection);
const ttsWithTime = (time: string) => {
  const { topic, payload } = encodeMessage({ tenantId: TENANT, sensorId: SENSOR, time: '2026-12-01T10:00:00Z', fillLevel: 0.5 }, { format: 'ttn', payload: 'decoded' });
  const env = JSON.parse(payload.toString()) as { received_at: string; uplink_message: { received_at: string } };
  env.received_at = time;
  env.uplink_message.received_at = time;
  return decodeMessage(topic, JSON.stringify(env), { nowMs: NOW });
};
const chirpstackWithTime = (time: string) => {
  const { topic, payload } = encodeMessage({ tenantId: TENANT, sensorId: SENSOR, time: '2026-12-01T10:00:00Z', fillLevel: 0.5 }, { format: 'chirpstack', payload: 'decoded' });
  const ev = JSON.parse(payload.toString()) as { time: string };
  ev.time = time;
  return decodeMessage(topic, JSON.stringify(ev), { nowMs: NOW });
};
const native = (time: string) => decodeMessage(nativeReadingTopic(TENANT, SENSOR), JSON.stringify({ time, fillLevel: 0.5 }), { nowMs: NOW });

describe.each(['UTC', 'Europe/Amsterdam'])('TZ=%s', (tz) => {
  it('the zone is in effect', () => {
    process.env.TZ = tz;
    expect(new Date(Date.UTC(2026, 11, 1)).getTimezoneOffset()).toBe(tz === 'UTC' ? 0 : -60);
  });

  it.each(NO_OFFSET)('rejects %j in every format, naming the field', (time) => {
    process.env.TZ = tz;
    for (const [decoded, field] of [[native(time), 'time'], [ttsWithTime(time), 'uplink_message.received_at'], [chirpstackWithTime(time), 'time']] as const) {
      const r = rejection(decoded);
      expect(r?.reason).toBe('schema');
      expect(r?.detail.startsWith(`${field}: `)).toBe(true);
      expect(r?.detail).toContain('offset');
    }
  });

  it.each(WITH_OFFSET)('accepts %j as %s', (time, utc) => {
    process.env.TZ = tz;
    for (const decoded of [native(time), ttsWithTime(time), chirpstackWithTime(time)]) {
      expect(decoded.ok && decoded.readings[0]!.time).toBe(utc);
    }
  });
});

it('rejects impossible dates and offsets instead of rolling them over', () => {
  for (const v of ['2026-02-30T10:00:00Z', '2026-12-01T24:00:00Z', '2026-13-01T10:00:00Z', '2026-12-01T10:60:00Z', '2026-12-01T10:00:00+25:00', '2026-12-01T10:00:61Z']) {
    expect(parseOffsetTime(v).ok, v).toBe(false);
  }
  expect(parseOffsetTime(12).ok).toBe(false);
  expect(parseOffsetTime('2028-02-29T00:00:00Z')).toEqual({ ok: true, time: '2028-02-29T00:00:00.000Z' });
});
