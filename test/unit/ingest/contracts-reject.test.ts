import { describe, expect, it } from 'vitest';
import {
  alertsTopic, chirpstackUpTopic, decodeMessage, distanceFromFill, encodeMessage, fillFromDistance, milesightEm400Mud,
  nativeReadingTopic, parseAlertsTopic, parseIngestTopic, senmlTopic, sharedIngestSubscriptions, tekelekTek766, ttnUplinkTopic,
  type DecodeResult,
} from '../../../ingest/contracts/index.ts';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const TENANT = 'utrecht';
const SENSOR = '24e124136d490001';
const native = (body: unknown) => decodeMessage(nativeReadingTopic(TENANT, SENSOR), JSON.stringify(body), { nowMs: NOW });
const rejection = (r: DecodeResult) => (r.ok ? undefined : r.rejection);

describe('native readings are validated, naming the field', () => {
  const time = new Date(NOW - 60_000).toISOString();
  it.each([
    ['not JSON', '{"time":', 'bad_json', 'payload'],
    ['a wrong type', { time, fillLevel: 'half' }, 'schema', 'fillLevel'],
    ['fill above 2', { time, fillLevel: 2.5 }, 'out_of_range', 'fillLevel'],
    ['battery above 100', { time, fillLevel: 0.5, batteryPct: 140 }, 'out_of_range', 'batteryPct'],
    ['a negative distance', { time, distanceMm: -4 }, 'out_of_range', 'distanceMm'],
    ['a fractional distance', { time, distanceMm: 4.5 }, 'schema', 'distanceMm'],
    ['no measurement', { time, batteryPct: 50 }, 'schema', 'fillLevel or distanceMm'],
    ['a time that is no date', { time: 'yesterday', fillLevel: 0.5 }, 'schema', 'time'],
    ['a time 10 minutes ahead', { time: new Date(NOW + 600_000).toISOString(), fillLevel: 0.5 }, 'future_timestamp', 'time'],
    ['a 1970 time', { time: '1970-01-01T00:00:00Z', fillLevel: 0.5 }, 'out_of_range', 'time'],
    ['an array', [1, 2], 'schema', ''],
  ])('%s', (_name, body, reason, field) => {
    const r = rejection(typeof body === 'string' ? decodeMessage(nativeReadingTopic(TENANT, SENSOR), body, { nowMs: NOW }) : native(body));
    expect(r?.reason).toBe(reason);
    expect(r?.detail).toContain(field);
    expect(r?.tenantId).toBe(TENANT);
  });

  it('accepts a reading 4 minutes ahead (clock skew) and normalizes the time', () => {
    const res = native({ time: '2026-11-25T13:04:00+01:00', fillLevel: 0.5, flags: { fire: true } });
    expect(res.ok && res.readings[0]).toMatchObject({ time: '2026-11-25T12:04:00.000Z', fillLevel: 0.5, flags: { fire: true, tilt: false, lidOpen: false } });
  });

  it('an unknown topic is a rejection, not an exception', () => {
    expect(rejection(decodeMessage('waste/v1/UPPER/sensors/x/reading', '{}'))?.reason).toBe('unknown_topic');
    expect(rejection(decodeMessage('elsewhere', '{}'))?.reason).toBe('unknown_topic');
  });
});

describe('topics', () => {
  it('builds and parses every reading topic, with a prefix', () => {
    const p = 'test-abc/';
    expect(parseIngestTopic(nativeReadingTopic(TENANT, SENSOR, p), p)).toEqual({ format: 'native', tenantId: TENANT, deviceId: SENSOR });
    expect(parseIngestTopic(senmlTopic(TENANT, SENSOR, p), p)).toEqual({ format: 'senml', tenantId: TENANT, deviceId: SENSOR });
    expect(parseIngestTopic(ttnUplinkTopic('bins', TENANT, 'dev-1', p), p)).toEqual({ format: 'ttn', tenantId: TENANT, applicationId: 'bins', deviceId: 'dev-1' });
    expect(parseIngestTopic(chirpstackUpTopic('app-uuid', SENSOR, p), p)).toEqual({ format: 'chirpstack', applicationId: 'app-uuid', deviceId: SENSOR });
    expect(parseIngestTopic(nativeReadingTopic(TENANT, SENSOR), p)).toBeUndefined();
    expect(parseAlertsTopic(alertsTopic(TENANT, p), p)).toBe(TENANT);
    expect(sharedIngestSubscriptions(p)[0]).toBe('$share/ingest/test-abc/waste/v1/+/sensors/+/reading');
  });

  it('refuses ids that cannot be a topic level', () => {
    expect(() => nativeReadingTopic(TENANT, 'a/b')).toThrow(RangeError);
    expect(() => nativeReadingTopic(TENANT, '#')).toThrow(RangeError);
  });
});

describe('device byte layouts', () => {
  it('Milesight EM400-MUD: the documented example', () => {
    const res = milesightEm400Mud.decode(Buffer.from('01755c0367340104824408050000', 'hex'));
    expect(res).toEqual({ ok: true, measurement: { batteryPct: 92, temperatureC: 30.8, distanceMm: 2116, flags: { fire: false, tilt: false, lidOpen: false } } });
  });

  it('Milesight EM400-MUD: temperature alarm is fire, position 1 is tilt, device info skipped', () => {
    const res = milesightEm400Mud.decode(Buffer.from('ff0bff' + '8367e80201' + '04822c01' + '050001', 'hex'));
    expect(res.ok && res.measurement).toMatchObject({ temperatureC: 74.4, distanceMm: 300, flags: { fire: true, tilt: true } });
  });

  it('Milesight EM400-MUD: truncated and unknown channels are rejected with a reason', () => {
    expect(milesightEm400Mud.decode(Buffer.from('048244', 'hex'))).toMatchObject({ ok: false, detail: expect.stringContaining('distance') });
    expect(milesightEm400Mud.decode(Buffer.from('0999aa', 'hex'))).toMatchObject({ ok: false, detail: expect.stringContaining('unknown channel') });
  });

  it('Tekelek TEK 766 style: the documented example and its checks', () => {
    expect(tekelekTek766.decode(Buffer.from('1000005f0c570a', 'hex'))).toEqual({
      ok: true, measurement: { distanceMm: 950, temperatureC: 12, batteryPct: 87, flags: { fire: false, tilt: false, lidOpen: false } },
    });
    expect(tekelekTek766.decode(Buffer.from('1007005f0c571a', 'hex'))).toMatchObject({ ok: true, measurement: { flags: { fire: true, tilt: true, lidOpen: true, falseEcho: true } } });
    expect(tekelekTek766.decode(Buffer.from('1000005f0c57', 'hex')).ok).toBe(false);
    expect(tekelekTek766.decode(Buffer.from('2000005f0c570a', 'hex')).ok).toBe(false);
  });

  it('raw bytes on a port without a codec are unknown_device; garbage bytes are bad_payload', () => {
    const ok = encodeMessage({ tenantId: TENANT, sensorId: SENSOR, time: new Date(NOW), distanceMm: 500 }, { format: 'chirpstack', payload: 'tekelek-tek766' });
    const event = JSON.parse(ok.payload.toString());
    event.fPort = 99;
    delete event.deviceInfo.tags.model;
    expect(rejection(decodeMessage(ok.topic, JSON.stringify(event), { nowMs: NOW }))?.reason).toBe('unknown_device');
    event.fPort = 16;
    event.data = Buffer.from('ffff', 'hex').toString('base64');
    expect(rejection(decodeMessage(ok.topic, JSON.stringify(event), { nowMs: NOW }))).toMatchObject({ reason: 'bad_payload', tenantId: TENANT, sensorId: SENSOR });
  });
});

describe('network server envelopes', () => {
  it('ChirpStack: tenant from the tag, else the tenant name; an unusable name is rejected', () => {
    const msg = encodeMessage({ tenantId: TENANT, sensorId: SENSOR, time: new Date(NOW), distanceMm: 500 }, { format: 'chirpstack', payload: 'decoded' });
    const event = JSON.parse(msg.payload.toString());
    event.deviceInfo.tenantName = 'ChirpStack Default';
    expect(rejection(decodeMessage(msg.topic, JSON.stringify(event), { nowMs: NOW }))).toMatchObject({ reason: 'schema', detail: expect.stringContaining('deviceInfo.tenantName') });
    event.deviceInfo.tags = { tenant: 'ede' };
    const res = decodeMessage(msg.topic, JSON.stringify(event), { nowMs: NOW });
    expect(res.ok && res.readings[0]!.tenantId).toBe('ede');
  });

  it('TTS: a Milesight formatter object (battery, distance, position) is used before the bytes', () => {
    const msg = encodeMessage({ tenantId: TENANT, sensorId: SENSOR, time: new Date(NOW), distanceMm: 500 }, { format: 'ttn', payload: 'milesight-em400-mud' });
    const up = JSON.parse(msg.payload.toString());
    up.uplink_message.decoded_payload = { battery: 55, distance: 777, temperature: 8.5, position: 'tilt' };
    up.uplink_message.rx_metadata = [{ rssi: -110, snr: -3 }, { rssi: -80, snr: 7.5 }];
    const res = decodeMessage(msg.topic, JSON.stringify(up), { nowMs: NOW });
    expect(res.ok && res.readings[0]).toMatchObject({ sensorId: SENSOR, distanceMm: 777, batteryPct: 55, temperatureC: 8.5, flags: { tilt: true }, rssi: -80, snr: 7.5 });
  });

  it('SenML: several times in one pack are several readings; relative times and wrong units are rejected', () => {
    const bt = NOW / 1000 - 3600;
    const pack = [
      { bn: `urn:dev:eui:${SENSOR}:`, bt, n: 'fillLevel', u: '/', v: 0.4 },
      { n: 'battery', u: '%EL', v: 90 },
      { n: 'fillLevel', u: '/', v: 0.45, t: 600 },
      { n: 'fire', vb: true, t: 600 },
    ];
    const res = decodeMessage(senmlTopic(TENANT, SENSOR), JSON.stringify(pack), { nowMs: NOW });
    expect(res.ok && res.readings.map((r) => [r.fillLevel, r.flags.fire])).toEqual([[0.4, false], [0.45, true]]);
    expect(rejection(decodeMessage(senmlTopic(TENANT, SENSOR), JSON.stringify([{ n: 'fillLevel', u: '/', v: 0.4, t: -5 }]), { nowMs: NOW }))?.detail).toContain('relative time');
    expect(rejection(decodeMessage(senmlTopic(TENANT, SENSOR), JSON.stringify([{ bt, n: 'distance', u: 'cm', v: 40 }]), { nowMs: NOW }))?.detail).toContain('distance must be in m');
  });
});

describe('fill level from distance', () => {
  const g = { emptyDistanceMm: 1500, fullDistanceMm: 300 };
  it('is linear between the empty and the full distance, clamped to 0..2', () => {
    expect(fillFromDistance(1500, g)).toBe(0);
    expect(fillFromDistance(300, g)).toBe(1);
    expect(fillFromDistance(900, g)).toBe(0.5);
    expect(fillFromDistance(1800, g)).toBe(0);
    expect(fillFromDistance(0, g)).toBe(1.25);
    expect(distanceFromFill(0.5, g)).toBe(900);
    expect(() => fillFromDistance(10, { emptyDistanceMm: 300, fullDistanceMm: 300 })).toThrow(RangeError);
  });
});
