import { describe, expect, it } from 'vitest';
import { codecByModel, decodeMessage, MESSAGE_FORMATS, type DecodedReading } from '../../../ingest/contracts/index.ts';
import { MessageEncoder, type PayloadStyle } from '../../../firmware-sim/encode/encode-reading.ts';
import { syntheticScenario } from '../../../firmware-sim/scenario/synthetic.ts';
import { FleetSimulator, type SimReading } from '../../../firmware-sim/sim/fleet-simulator.ts';

const START = Date.UTC(2026, 0, 5);
const PREFIX = 'test-roundtrip/';

// Plenty of faults so that flags, skewed clocks and false echoes are all in the sample.
const scenario = syntheticScenario({ containers: 120, seed: 4, undergroundShare: 0.5 });
const sim = new FleetSimulator(scenario, {
  seed: 4, start: START,
  faults: { dead: 0, stuck: 0.05, tilt: 0.1, fire: 0.2, clockSkew: 0.2, duplicates: 0.1, lowBattery: 0.1 },
  faultWindowDays: 0.5,
});
const readings: SimReading[] = [];
sim.advanceTo(START + 86_400_000, (r) => readings.push(r));
const models = scenario.sensors.map((s) => s.model);
const NOW = START + 2 * 86_400_000;

function expectSame(decoded: DecodedReading, r: SimReading, resolution: { distanceMm: number; temperatureC: number; batteryPct: number }) {
  expect(decoded.tenantId).toBe(r.tenantId);
  expect(decoded.sensorId).toBe(r.sensorId);
  expect(Date.parse(decoded.time)).toBe(r.reportedMs);
  expect(Math.abs(decoded.distanceMm! - r.distanceMm)).toBeLessThanOrEqual(resolution.distanceMm / 2);
  expect(Math.abs(decoded.temperatureC! - r.temperatureC)).toBeLessThanOrEqual(resolution.temperatureC / 2 + 1e-9);
  expect(Math.abs(decoded.batteryPct! - r.batteryPct)).toBeLessThanOrEqual(resolution.batteryPct / 2 + 1e-9);
  expect(decoded.flags.fire).toBe(r.flags.fire);
  expect(decoded.flags.tilt).toBe(r.flags.tilt);
}

const EXACT = { distanceMm: 0, temperatureC: 0, batteryPct: 0 };

describe('simulator encoders and ingest decoders share one contract', () => {
  it('has a sample with fire, tilt, false echoes and skewed clocks', () => {
    expect(readings.some((r) => r.flags.fire)).toBe(true);
    expect(readings.some((r) => r.flags.tilt)).toBe(true);
    expect(readings.some((r) => r.flags.falseEcho)).toBe(true);
    expect(readings.some((r) => r.reportedMs !== Math.round(r.timeMs))).toBe(true);
    expect(new Set(models).size).toBe(2);
  });

  for (const format of MESSAGE_FORMATS) {
    const styles: PayloadStyle[] = format === 'ttn' || format === 'chirpstack' ? ['device', 'decoded'] : ['device'];
    for (const payload of styles) {
      it(`round-trips every reading in ${format}${styles.length > 1 ? ` (${payload} payload)` : ''}`, () => {
        const encoder = new MessageEncoder({ format, payload, prefix: PREFIX, models });
        for (const r of readings) {
          const msg = encoder.encode(r);
          const result = decodeMessage(msg.topic, msg.payload, { prefix: PREFIX, nowMs: NOW });
          if (!result.ok) throw new Error(`${format}: ${result.rejection.reason} ${result.rejection.detail}`);
          expect(result.readings).toHaveLength(1);
          const decoded = result.readings[0];
          const resolution = payload === 'device' && (format === 'ttn' || format === 'chirpstack') ? codecByModel(models[r.sensorIndex])!.resolution : EXACT;
          expectSame(decoded, r, resolution);
          if (format !== 'senml') expect(decoded.seq).toBe(r.seq);
        }
      });
    }
  }

  it('sends duplicates as byte-identical messages', () => {
    const encoder = new MessageEncoder({ format: 'ttn', payload: 'device', models });
    const i = readings.findIndex((r) => r.duplicate);
    expect(i).toBeGreaterThan(0);
    expect(encoder.encode(readings[i]).payload.equals(encoder.encode(readings[i - 1]).payload)).toBe(true);
  });

  it('rejects a byte layout for an unknown sensor model with an input error', () => {
    expect(() => new MessageEncoder({ format: 'ttn', payload: 'device', models: ['acme-9000'] })).toThrow(/No device byte layout/);
  });
});
