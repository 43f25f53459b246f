/**
 * The decoders on vendor-published example messages (issue 17 item 5), see
 * test/fixtures/payloads/vendor-examples.ts for the sources. Where an example is not a waste
 * sensor's, the test checks that the envelope is read as the vendor defines it and the rejection
 * names the right field; then the same real envelope carries the EM400-MUD codec example.
 */
import { describe, expect, it } from 'vitest';
import {
  chirpstackUpTopic, decodeMessage, milesightEm400Mud, senmlTopic, ttnUplinkTopic, type DecodeResult,
} from '../../../ingest/contracts/index.ts';
import {
  CHIRPSTACK_UP_EXAMPLE, EM400_MUD_ALARM_FRAME, EM400_MUD_CODEC_EXAMPLE, SENML_MULTIPLE_DATAPOINTS, SENML_MULTIPLE_MEASUREMENTS,
  SENML_SINGLE_DATAPOINT, TTS_UPLINK_EXAMPLE,
} from '../../fixtures/payloads/vendor-examples.ts';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const TENANT = 'utrecht';
const rejection = (r: DecodeResult) => (r.ok ? undefined : r.rejection);
const readings = (r: DecodeResult) => (r.ok ? r.readings : []);
const EM400_BYTES_B64 = Buffer.from(EM400_MUD_CODEC_EXAMPLE.input.bytes).toString('base64');
/** The codec example's decoded values in our reading fields. */
const EM400_READING = { distanceMm: 2116, batteryPct: 92, temperatureC: 25.7, flags: { fire: false, tilt: true, lidOpen: false } };

describe('Milesight EM400-MUD: the device repository codec example', () => {
  it('our codec decodes the example bytes to the vendor decoder\'s output', () => {
    const r = milesightEm400Mud.decode(Uint8Array.from(EM400_MUD_CODEC_EXAMPLE.input.bytes));
    const out = EM400_MUD_CODEC_EXAMPLE.output.data;
    expect(r).toEqual({ ok: true, measurement: { batteryPct: out.battery, temperatureC: out.temperature, distanceMm: out.distance, flags: { fire: false, tilt: out.position === 'tilt', lidOpen: false } } });
    expect(milesightEm400Mud.fPort).toBe(EM400_MUD_CODEC_EXAMPLE.input.fPort);
  });

  it('alarm channels as the vendor decoder reads them: any non-zero alarm or position byte counts', () => {
    const r = milesightEm400Mud.decode(Uint8Array.from(EM400_MUD_ALARM_FRAME.bytes));
    const out = EM400_MUD_ALARM_FRAME.output;
    expect(r).toEqual({ ok: true, measurement: { temperatureC: out.temperature, distanceMm: out.distance, flags: { fire: out.temperature_abnormal, tilt: true, lidOpen: false } } });
  });
});

describe('The Things Stack v3: the Data Formats uplink example', () => {
  const topic = ttnUplinkTopic('app1', TENANT, 'dev1');
  const envelope = () => JSON.parse(TTS_UPLINK_EXAMPLE) as { uplink_message: Record<string, unknown> };

  it('as published (a temperature/luminosity device, no f_port): envelope read, no codec for it', () => {
    const r = rejection(decodeMessage(topic, TTS_UPLINK_EXAMPLE, { nowMs: NOW }));
    expect(r).toMatchObject({ reason: 'unknown_device', tenantId: TENANT, sensorId: '0004a30b001c0530' });
    expect(r?.detail).toContain('fPort');
  });

  it('the same envelope with the EM400-MUD example bytes on its port', () => {
    const env = envelope();
    env.uplink_message.frm_payload = EM400_BYTES_B64;
    env.uplink_message.f_port = 85;
    delete env.uplink_message.decoded_payload;
    expect(readings(decodeMessage(topic, JSON.stringify(env), { nowMs: NOW }))).toEqual([{
      tenantId: TENANT, sensorId: '0004a30b001c0530', time: '2020-02-12T15:15:45.789Z', seq: 1, rssi: -35, snr: 5, ...EM400_READING,
    }]);
  });

  it('the same envelope with the device repository formatter\'s output as decoded_payload', () => {
    const env = envelope();
    env.uplink_message.decoded_payload = EM400_MUD_CODEC_EXAMPLE.output.data;
    expect(readings(decodeMessage(topic, JSON.stringify(env), { nowMs: NOW }))[0]).toMatchObject(EM400_READING);
    env.uplink_message.decoded_payload = EM400_MUD_ALARM_FRAME.output;
    expect(readings(decodeMessage(topic, JSON.stringify(env), { nowMs: NOW }))[0]).toMatchObject({ distanceMm: 300, temperatureC: 30, flags: { fire: true, tilt: true } });
  });
});

describe('ChirpStack v4: the integration event "up" example', () => {
  const topic = chirpstackUpTopic('17c82e96-be03-4f38-aef3-f83d48582d97', '0101010101010101');
  const event = () => JSON.parse(CHIRPSTACK_UP_EXAMPLE) as { fPort: number; data: string; deviceInfo: { tags: Record<string, string> } };

  it('as published: tenant name "ChirpStack" is not a tenant id, and the rejection says where to put one', () => {
    const r = rejection(decodeMessage(topic, CHIRPSTACK_UP_EXAMPLE, { nowMs: NOW }));
    expect(r).toMatchObject({ reason: 'schema', sensorId: '0101010101010101' });
    expect(r?.detail).toMatch(/^deviceInfo\.tenantName: "ChirpStack".*tag "tenant"/);
  });

  it('with a tenant tag and the EM400-MUD example bytes on its port', () => {
    const ev = event();
    ev.deviceInfo.tags.tenant = TENANT;
    ev.fPort = 85;
    ev.data = EM400_BYTES_B64;
    expect(readings(decodeMessage(topic, JSON.stringify(ev), { nowMs: NOW }))).toEqual([{
      tenantId: TENANT, sensorId: '0101010101010101', time: '2022-07-18T09:34:15.775Z', rssi: -36, snr: 10.5, ...EM400_READING,
    }]);
  });

  it('its own payload ("qg==" on fPort 1) has no codec: unknown_device naming fPort', () => {
    const ev = event();
    ev.deviceInfo.tags.tenant = TENANT;
    const r = rejection(decodeMessage(topic, JSON.stringify(ev), { nowMs: NOW }));
    expect(r?.reason).toBe('unknown_device');
    expect(r?.detail).toContain('fPort');
  });
});

describe('SenML: the RFC 8428 examples', () => {
  const topic = senmlTopic(TENANT, '0018b20000000abc');
  it('5.1.1 and 5.1.2 carry no time (relative "now"): refused, naming [0].t', () => {
    for (const pack of [SENML_SINGLE_DATAPOINT, SENML_MULTIPLE_DATAPOINTS]) {
      const r = rejection(decodeMessage(topic, pack, { nowMs: NOW }));
      expect(r?.reason).toBe('schema');
      expect(r?.detail).toMatch(/^\[0\]\.t: .*relative/);
    }
  });

  it('5.1.3 resolves base name, time and unit (bver too), but holds no fill measurement', () => {
    const r = rejection(decodeMessage(topic, SENML_MULTIPLE_MEASUREMENTS, { nowMs: NOW }));
    expect(r).toMatchObject({ reason: 'schema', detail: 'fillLevel or distanceMm: a reading needs one of them' });
  });

  it('5.1.3 with our measurement names: a reading per resolved time (bt + t), units from bu', () => {
    const pack = JSON.parse(SENML_MULTIPLE_MEASUREMENTS) as Record<string, unknown>[];
    pack[0] = { ...pack[0], bn: 'urn:dev:eui:0018b20000000abc:', bu: 'm', n: 'distance', u: 'm', v: 1.2 };
    for (const rec of pack.slice(1)) rec.n = 'distance';
    const out = readings(decodeMessage(topic, JSON.stringify(pack), { nowMs: NOW }));
    // The first and the last record resolve to the same time (bt): one reading, the later value.
    expect(out.map((r) => [r.time, r.distanceMm])).toEqual([
      ['2010-06-08T18:01:16.001Z', 1700], ['2010-06-08T18:01:11.001Z', 1200], ['2010-06-08T18:01:12.001Z', 1300],
      ['2010-06-08T18:01:13.001Z', 1400], ['2010-06-08T18:01:14.001Z', 1500], ['2010-06-08T18:01:15.001Z', 1600],
    ]);
  });
});
