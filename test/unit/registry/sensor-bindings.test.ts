import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { containerAt, type SensorInfo } from '../../../ingest/store/sensor-registry.ts';
import { decryptSecret, encryptSecret, parseSecretsKey } from '../../../platform/secrets.ts';
import { normalizeSensorId, sensorProblems } from '../../../registry/sensors/sensor-shapes.ts';

const sensor = (bindings: SensorInfo['bindings']): SensorInfo => ({
  tenantId: 't', sensorId: 's', containerId: 'c2', bindings, emptyDistanceMm: 1500, fullDistanceMm: 200, reportingIntervalS: 3600, mustFill: 0.8,
});

describe('containerAt', () => {
  const moved = sensor([{ containerId: 'c1', fromMs: -Infinity, toMs: 1000 }, { containerId: 'c2', fromMs: 2000, toMs: Infinity }]);
  it('finds the binding valid at a time, none in a gap', () => {
    expect(containerAt(moved, 0)).toBe('c1');
    expect(containerAt(moved, 999)).toBe('c1');
    expect(containerAt(moved, 1000)).toBeNull();
    expect(containerAt(moved, 2000)).toBe('c2');
    expect(containerAt(moved, 1e15)).toBe('c2');
  });
  it('falls back to containerId without binding history', () => {
    expect(containerAt(sensor(undefined), 0)).toBe('c2');
    expect(containerAt(sensor([]), 0)).toBeNull();
  });
});

describe('secrets at rest', () => {
  const key = randomBytes(32);
  it('round-trips and never shows the plain text', () => {
    const sealed = encryptSecret('NNSXS.ABC', key);
    expect(sealed).not.toContain('NNSXS');
    expect(encryptSecret('NNSXS.ABC', key)).not.toBe(sealed);
    expect(decryptSecret(sealed, key)).toBe('NNSXS.ABC');
  });
  it('refuses another key and a tampered value', () => {
    const sealed = encryptSecret('pw', key);
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow();
    const raw = Buffer.from(sealed, 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => decryptSecret(raw.toString('base64'), key)).toThrow();
  });
  it('reads SECRETS_KEY as hex or base64 of 32 bytes only', () => {
    expect(parseSecretsKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretsKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretsKey('abc')).toBeUndefined();
    expect(parseSecretsKey(randomBytes(16).toString('hex'))).toBeUndefined();
  });
});

describe('sensor rules', () => {
  it('stores a DevEUI in lower case and asks LoRaWAN devices for one', () => {
    expect(normalizeSensorId('A84041000181ABCD')).toBe('a84041000181abcd');
    expect(normalizeSensorId('Sensor-1')).toBe('Sensor-1');
    expect(sensorProblems({ id: 'sensor-1', networkServer: 'chirpstack' })).toEqual([{ name: 'body.id', reason: 'a device on chirpstack is identified by its DevEUI (16 hex digits)' }]);
    expect(sensorProblems({ id: 'sensor-1', networkServer: 'none', emptyDistanceMm: 1000, fullDistanceMm: 1000 })).toEqual([{ name: 'body.fullDistanceMm', reason: 'must be below emptyDistanceMm (1000)' }]);
  });
});
