import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULT_RATES, FAULT_KINDS, NO_FAULTS, type FaultRates } from '../../../firmware-sim/model/faults.ts';
import { syntheticScenario } from '../../../firmware-sim/scenario/synthetic.ts';
import { FleetSimulator, type SimReading } from '../../../firmware-sim/sim/fleet-simulator.ts';

const START = Date.UTC(2026, 0, 5);
const DAY = 86_400_000;

function run(seed: number, days: number, containers = 200, faults: FaultRates = DEFAULT_FAULT_RATES) {
  const scenario = syntheticScenario({ containers, seed: 1 });
  const sim = new FleetSimulator(scenario, { seed, start: START, faults });
  const readings: SimReading[] = [];
  sim.advanceTo(START + days * DAY, (r) => readings.push(r));
  return { scenario, sim, readings };
}

describe('fleet simulator', () => {
  it('is deterministic for a seed', () => {
    const a = run(42, 2).readings;
    const b = run(42, 2).readings;
    const c = run(43, 2).readings;
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
    expect(c.map((r) => r.distanceMm)).not.toEqual(a.map((r) => r.distanceMm));
  });

  it('is deterministic however the time is sliced', () => {
    const whole = run(5, 1).readings;
    const scenario = syntheticScenario({ containers: 200, seed: 1 });
    const sim = new FleetSimulator(scenario, { seed: 5, start: START });
    const sliced: SimReading[] = [];
    for (let h = 1; h <= 24; h++) sim.advanceTo(START + h * 3_600_000, (r) => sliced.push(r));
    expect(sliced).toEqual(whole);
  });

  it('emits readings in time order and reports hourly, more often near full', () => {
    const { readings, scenario } = run(1, 3, 100, NO_FAULTS);
    for (let i = 1; i < readings.length; i++) expect(readings[i].timeMs).toBeGreaterThanOrEqual(readings[i - 1].timeMs);
    const perSensor = readings.length / scenario.sensors.length / 3;
    expect(perSensor).toBeGreaterThanOrEqual(23);
    const nearFull = readings.filter((r) => r.trueFill >= 0.8);
    const gaps = new Map<string, number[]>();
    const last = new Map<string, number>();
    for (const r of readings) {
      if (last.has(r.sensorId) && r.trueFill >= 0.8) (gaps.get(r.sensorId) ?? gaps.set(r.sensorId, []).get(r.sensorId)!).push(r.timeMs - last.get(r.sensorId)!);
      last.set(r.sensorId, r.timeMs);
    }
    expect(nearFull.length).toBeGreaterThan(0);
    const shortGaps = [...gaps.values()].flat().filter((g) => g < 20 * 60_000);
    expect(shortGaps.length).toBeGreaterThan(0);
  });

  it('fills containers at the configured daily rates (within tolerance)', () => {
    const scenario = syntheticScenario({ containers: 400, seed: 9 });
    // Start empty and never cap, so the measured growth is the rate itself.
    for (const c of scenario.containers) c.initialFill = 0;
    const sim = new FleetSimulator(scenario, { seed: 9, start: START, faults: NO_FAULTS, fill: { maxFill: 1e9 } });
    const days = 28;
    sim.advanceTo(START + days * DAY, () => {});
    let relErrSum = 0;
    const byFraction = new Map<string, { measured: number; configured: number }>();
    scenario.containers.forEach((c, i) => {
      const measured = sim.fillModel.advance(i, START + days * DAY) / days;
      relErrSum += Math.abs(measured - c.dailyFillRate) / c.dailyFillRate;
      const agg = byFraction.get(c.fraction) ?? { measured: 0, configured: 0 };
      agg.measured += measured;
      agg.configured += c.dailyFillRate;
      byFraction.set(c.fraction, agg);
    });
    // Each container within a few percent on average over four weeks…
    expect(relErrSum / scenario.containers.length).toBeLessThan(0.05);
    // …and every fraction's total within 2 %.
    for (const { measured, configured } of byFraction.values()) expect(Math.abs(measured / configured - 1)).toBeLessThan(0.02);
  });

  it('gives fractions the configured mean rate and a right-skewed spread across sites', () => {
    const scenario = syntheticScenario({ containers: 4000, seed: 2 });
    const glass = scenario.containers.filter((c) => c.fraction === 'glass').map((c) => c.dailyFillRate).sort((a, b) => a - b);
    const mean = glass.reduce((a, b) => a + b, 0) / glass.length;
    const median = glass[Math.floor(glass.length / 2)];
    expect(mean).toBeGreaterThan(0.05 * 0.9);
    expect(mean).toBeLessThan(0.05 * 1.1);
    expect(median).toBeLessThan(mean);
  });

  it('lets a collection empty a container (closed loop) and fills again afterwards', () => {
    const { sim, scenario } = run(3, 0, 50, NO_FAULTS);
    const id = scenario.containers[0].id;
    sim.advanceTo(START + 5 * DAY, () => {});
    const before = sim.fillOf(id)!;
    expect(before).toBeGreaterThan(0.1);
    sim.recordCollection(id, START + 5 * DAY + 60_000);
    const after: SimReading[] = [];
    sim.advanceTo(START + 5 * DAY + 2 * 3_600_000, (r) => after.push(r));
    const first = after.find((r) => r.containerId === id)!;
    expect(first.trueFill).toBeLessThan(0.1);
    expect(sim.fillOf(id)!).toBeLessThan(before);
  });

  it('produces every fault kind when asked to', () => {
    const rates: FaultRates = { dead: 0.1, stuck: 0.1, tilt: 0.1, fire: 0.1, clockSkew: 0.2, duplicates: 0.2, lowBattery: 0.1 };
    const { sim, readings, scenario } = run(11, 4, 300, rates);
    const seen = new Set<string>();
    for (let i = 0; i < scenario.sensors.length; i++) for (const k of sim.faultsOf(i).kinds) seen.add(k);
    expect([...seen].sort()).toEqual([...FAULT_KINDS].sort());

    const bySensor = new Map<number, SimReading[]>();
    for (const r of readings) (bySensor.get(r.sensorIndex) ?? bySensor.set(r.sensorIndex, []).get(r.sensorIndex)!).push(r);
    const sensorsWith = (kind: string) => scenario.sensors.map((_, i) => i).filter((i) => sim.faultsOf(i).kinds.includes(kind as never));

    // fire: the fire flag and a high temperature
    expect(readings.some((r) => r.flags.fire && r.temperatureC >= 60)).toBe(true);
    // tilt: the tilt flag
    expect(readings.some((r) => r.flags.tilt)).toBe(true);
    // duplicates: the same message twice
    expect(readings.some((r) => r.duplicate)).toBe(true);
    // clock skew: reported time differs from the measurement time, some beyond 5 minutes ahead
    expect(readings.some((r) => r.reportedMs - r.timeMs > 5 * 60_000)).toBe(true);
    // dead: no messages after the fault starts
    for (const i of sensorsWith('dead')) {
      const start = sim.faultsOf(i).startMs;
      expect((bySensor.get(i) ?? []).every((r) => r.timeMs < start)).toBe(true);
    }
    // stuck: one distance repeated after the fault starts
    const stuck = sensorsWith('stuck').map((i) => (bySensor.get(i) ?? []).filter((r) => r.timeMs >= sim.faultsOf(i).startMs + 3_600_000));
    expect(stuck.some((rs) => rs.length > 3 && new Set(rs.map((r) => r.distanceMm)).size === 1)).toBe(true);
    // low battery: readings under 10 % that then stop
    expect(readings.some((r) => r.batteryPct < 10)).toBe(true);
    // false echoes without any fault: a few percent of readings far from the true distance
    const geometry = new Map(scenario.sensors.map((s) => [s.id, s]));
    const healthy = readings.filter((r) => sim.faultsOf(r.sensorIndex).kinds.length === 0);
    const outliers = healthy.filter((r) => {
      const g = geometry.get(r.sensorId)!;
      const expected = Math.max(100, g.emptyDistanceMm - Math.min(r.trueFill, 1.2) * (g.emptyDistanceMm - g.fullDistanceMm));
      return Math.abs(r.distanceMm - expected) > 60;
    });
    const share = outliers.length / healthy.length;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.06);
  });
});
