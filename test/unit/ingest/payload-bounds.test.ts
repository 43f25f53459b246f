/**
 * Size and nesting are bounded before any parse (issue 13 item 9): a payload over its format's
 * limit or the configured cap, or nested deeper than its format allows, is a rejection naming the
 * limit, found in one linear scan, and never reaches JSON.parse or a recursive walk.
 */
import { describe, expect, it } from 'vitest';
import { boundsFor, checkPayloadBounds, decodeMessage, encodeMessage, FORMAT_BOUNDS, nativeReadingTopic, type DecodeResult } from '../../../ingest/contracts/index.ts';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const TENANT = 'utrecht';
const SENSOR = '24e124136d490001';
const TOPIC = nativeReadingTopic(TENANT, SENSOR);
const rejection = (r: DecodeResult) => (r.ok ? undefined : r.rejection);

describe('payload bounds', () => {
  it('a 1 MB payload nested 512 k deep is refused on size, without parsing', () => {
    const hostile = '['.repeat(512 * 1024) + ']'.repeat(512 * 1024);
    const r = rejection(decodeMessage(TOPIC, hostile, { nowMs: NOW }));
    expect(r).toMatchObject({ reason: 'payload_too_large', tenantId: TENANT, sensorId: SENSOR });
    expect(r?.detail).toBe('payload: 1048576 bytes exceed the native limit of 4096 bytes');
  });

  it('a small payload nested too deep is refused on depth, naming the limit', () => {
    const deep = `{"time":"2026-12-01T10:00:00Z","fillLevel":0.5,"x":${'['.repeat(1000)}${']'.repeat(1000)}}`;
    const r = rejection(decodeMessage(TOPIC, deep, { nowMs: NOW }));
    expect(r?.reason).toBe('payload_too_deep');
    expect(r?.detail).toContain(`native limit of ${FORMAT_BOUNDS.native.maxDepth} levels`);
  });

  it('brackets inside strings do not count, escaped quotes do not end a string', () => {
    const body = JSON.stringify({ time: '2026-12-01T10:00:00Z', fillLevel: 0.5, note: `\\"${'[{'.repeat(100)}` });
    expect(decodeMessage(TOPIC, body, { nowMs: NOW }).ok).toBe(true);
  });

  it('every format accepts its own encoder output', () => {
    for (const format of ['native', 'senml', 'ttn', 'chirpstack'] as const) {
      const { topic, payload } = encodeMessage({ tenantId: TENANT, sensorId: SENSOR, time: '2026-12-01T10:00:00Z', distanceMm: 812, batteryPct: 80, temperatureC: 12 }, { format });
      expect(decodeMessage(topic, payload, { nowMs: NOW }).ok, format).toBe(true);
    }
  });

  it('the configured maximum caps every format, and never raises one above its own limit', () => {
    expect(boundsFor('ttn', 1024).maxBytes).toBe(1024);
    expect(boundsFor('native', 1024 * 1024).maxBytes).toBe(FORMAT_BOUNDS.native.maxBytes);
    const { topic, payload } = encodeMessage({ tenantId: TENANT, sensorId: SENSOR, time: '2026-12-01T10:00:00Z', distanceMm: 812 }, { format: 'ttn' });
    expect(rejection(decodeMessage(topic, payload, { nowMs: NOW, maxPayloadBytes: 256 }))?.reason).toBe('payload_too_large');
    expect(decodeMessage(topic, payload, { nowMs: NOW, maxPayloadBytes: 64 * 1024 }).ok).toBe(true);
  });

  it('depth is counted, not recursed: a million levels cost one scan', () => {
    const bytes = Buffer.from('['.repeat(1_000_000));
    expect(checkPayloadBounds(bytes, 'ttn', { maxBytes: 2_000_000, maxDepth: 16 })?.reason).toBe('payload_too_deep');
  });
});
