import { describe, expect, it } from 'vitest';
import { NO_FAULTS, FleetSimulator, syntheticScenario, type FaultKind, type SimReading } from '../../../firmware-sim/index.ts';
import { fillFromDistance } from '../../../ingest/contracts/fill-level.ts';
import { explainFallback, forecastContainer } from '../../../forecast/index.ts';
import type { FillObservation, SensorIssueKind } from '../../../forecast/types.ts';
import { DAY, HOUR, T0, series } from './synthetic-series.ts';

/** Readings of a few simulated sensors that all have one fault kind, as ingest would store them. */
function simulated(kind: FaultKind, days: number): Map<string, FillObservation[]> {
  const scenario = syntheticScenario({ containers: 4, seed: 7 });
  const sim = new FleetSimulator(scenario, { seed: 7, start: T0, faults: { ...NO_FAULTS, [kind]: 1 }, faultWindowDays: 1 });
  const geometry = new Map(scenario.sensors.map((s) => [s.containerId, s]));
  const out = new Map<string, FillObservation[]>(scenario.containers.map((c) => [c.id, []]));
  sim.advanceTo(T0 + days * DAY, (r: SimReading) => {
    const flags = (r.flags.fire ? 1 : 0) | (r.flags.tilt ? 2 : 0) | (r.flags.falseEcho ? 8 : 0);
    out.get(r.containerId)!.push({ timeMs: r.reportedMs, fill: fillFromDistance(r.distanceMm, geometry.get(r.containerId)!), flags, batteryPct: r.batteryPct });
  });
  return out;
}

function issuesOf(obs: FillObservation[], nowMs: number): SensorIssueKind[] {
  return forecastContainer({ containerId: 'C', observations: obs, emptyings: [], nowMs, timeZone: 'UTC', reportingIntervalS: 3600 }).health.issues.map((i) => i.kind);
}

describe('sensor health per fault kind of the simulator', () => {
  const now = T0 + 6 * DAY;
  it.each([
    ['stuck', 'stuck'],
    ['tilt', 'tilted'],
    ['dead', 'silent'],
    ['lowBattery', 'low-battery'],
  ] as const)('%s → %s', (fault, issue) => {
    for (const [, obs] of simulated(fault, 6)) {
      // A low battery is flagged while the sensor still reports: judge it at its last message.
      const at = issue === 'low-battery' ? obs[obs.length - 1].timeMs + HOUR : now;
      expect(issuesOf(obs, at)).toContain(issue);
    }
  });

  it('finds no issue in healthy simulated sensors', () => {
    const scenario = syntheticScenario({ containers: 6, seed: 3 });
    const sim = new FleetSimulator(scenario, { seed: 3, start: T0, faults: NO_FAULTS });
    const geometry = new Map(scenario.sensors.map((s) => [s.containerId, s]));
    const out = new Map<string, FillObservation[]>(scenario.containers.map((c) => [c.id, []]));
    sim.advanceTo(now, (r) => out.get(r.containerId)!.push({ timeMs: r.reportedMs, fill: fillFromDistance(r.distanceMm, geometry.get(r.containerId)!), flags: r.flags.falseEcho ? 8 : 0, batteryPct: r.batteryPct }));
    for (const [, obs] of out) expect(issuesOf(obs, now)).toEqual([]);
  });
});

describe('sensor health on hand-made faults', () => {
  it('noisy: readings scattered far beyond an ultrasonic sensor', () => {
    const obs = series({ ratePerDay: 0.1, days: 5, noise: 0.12, seed: 4 });
    expect(issuesOf(obs, T0 + 5 * DAY)).toContain('noisy');
    expect(issuesOf(series({ ratePerDay: 0.1, days: 5, noise: 0.01, seed: 4 }), T0 + 5 * DAY)).toEqual([]);
  });

  it('jump: many implausible jumps in the last two days', () => {
    const obs = series({ ratePerDay: 0.1, days: 5, seed: 5 }).map((o, i) => (i % 6 === 3 && o.timeMs > T0 + 3 * DAY ? { ...o, fill: o.fill + 0.5 } : o));
    expect(issuesOf(obs, T0 + 5 * DAY)).toContain('jump');
  });

  it('silent: falls back to the historic rate and explains it in the tenant language', () => {
    const obs = series({ ratePerDay: 0.1, days: 6, emptyEveryDays: 3 });
    const f = forecastContainer({ containerId: 'C', observations: obs, emptyings: [], nowMs: T0 + 9 * DAY, timeZone: 'UTC', reportingIntervalS: 3600 });
    expect(f.health.issues.map((i) => i.kind)).toEqual(['silent']);
    expect(f.rateSource).toBe('history');
    expect(f.fallback).toEqual({ code: 'sensor-silent', params: { days: 3, source: 'history' } });
    expect(explainFallback(f.fallback!, 'nl')).toBe('sensor 3 dagen stil → historisch tempo');
    expect(explainFallback(f.fallback!, 'en')).toBe('sensor silent for 3 days → historic rate');
    // The fill is carried forward over the silence: emptied at day 6, three days at 0.1.
    expect(f.fillNow).toBeGreaterThan(0.25);
  });

  it('tilted: readings flagged tilt are not believed, the fill is carried forward from before', () => {
    const obs: FillObservation[] = [];
    for (let t = T0; t < T0 + 4 * DAY; t += HOUR) {
      const tilted = t >= T0 + 3.5 * DAY;
      // Knocked over, the sensor sees the wall: a steady "nearly full".
      obs.push({ timeMs: t, fill: tilted ? 0.9 : 0.05 + (0.1 * (t - T0)) / DAY, flags: tilted ? 2 : 0 });
    }
    const f = forecastContainer({ containerId: 'C', observations: obs, emptyings: [], nowMs: T0 + 4 * DAY, timeZone: 'UTC', reportingIntervalS: 3600 });
    expect(f.health.issues).toEqual([{ kind: 'tilted', sinceMs: T0 + 3.5 * DAY }]);
    expect(f.fallback?.code).toBe('sensor-tilted');
    expect(f.fillNow).toBeCloseTo(0.45, 1);
  });

  it('a quiet container repeating its value is not stuck', () => {
    // Readings in whole percent from a container that similar ones say fills 0.5 % a day: a day of
    // identical readings is what it should look like.
    const obs: FillObservation[] = [];
    for (let t = T0; t < T0 + 3 * DAY; t += HOUR) obs.push({ timeMs: t, fill: Math.round(100 * (0.3 + (0.005 * (t - T0)) / DAY)) / 100 });
    const f = forecastContainer({ containerId: 'C', observations: obs, emptyings: [], nowMs: T0 + 3 * DAY, timeZone: 'UTC', prior: { ratePerDay: 0.005, sdPerDay: 0.002, containers: 5 } });
    expect(f.health.issues).toEqual([]);
    // Without anything to compare with, a value frozen for days is suspicious.
    const frozen = obs.map((o) => ({ ...o, fill: 0.3 }));
    expect(issuesOf(frozen, T0 + 3 * DAY)).toContain('stuck');
  });
});
