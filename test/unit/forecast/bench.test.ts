import { describe, expect, it } from 'vitest';
import { readSeriesCsv, writeSeriesCsv } from '../../../forecast/bench/series-csv.ts';
import { simulateSeries } from '../../../forecast/bench/simulate-series.ts';
import { naivePrediction, walkForward } from '../../../forecast/bench/walk-forward.ts';
import { InputError } from '../../../platform/errors.ts';
import { NO_FAULTS } from '../../../firmware-sim/index.ts';

const CSV = `container_id,time_utc,fill_pct,event
C1,2026-03-02T00:00:00Z,10,
C1,2026-03-02T06:00:00Z,15,
C1,2026-03-02T12:00:00Z,20,
C1,2026-03-02T18:00:00Z,25,collected
C1,2026-03-03T00:00:00Z,5,
C1,2026-03-03T06:00:00Z,100,
C1,2026-03-03T12:00:00Z,15,
C2,2026-03-02T00:00:00Z,50,
`;

describe('forecast benchmark reader', () => {
  it('reads series per container in time order with collections and capped readings', () => {
    const s = readSeriesCsv(CSV);
    expect([...s.keys()]).toEqual(['C1', 'C2']);
    const c1 = s.get('C1')!;
    expect(c1).toHaveLength(7);
    expect(c1[3]).toEqual({ containerId: 'C1', timeMs: Date.UTC(2026, 2, 2, 18), fill: 0.25, collected: true });
    expect(c1[5].fill).toBe(1);
    // Three columns are enough.
    expect(readSeriesCsv('container_id,time_utc,fill_pct\nA,2026-03-02T00:00:00.000+00:00,1\n').get('A')).toHaveLength(1);
  });

  it('names the line and column of every bad value', () => {
    const bad = `container_id,time_utc,fill_pct,event
C1,2026-03-02 00:00,10,
C1,2026-03-02T01:00:00Z,140,
C1,2026-03-02T02:00:00Z,abc,emptied
`;
    let err: unknown;
    try {
      readSeriesCsv(bad, 'in.csv');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const names = (err as InputError).details.map((d) => d.name);
    expect(names).toEqual(['in.csv:2 time_utc', 'in.csv:3 fill_pct', 'in.csv:4 fill_pct', 'in.csv:4 event']);
    expect(() => readSeriesCsv('id,time,fill\nA,2026-03-02T00:00:00Z,1\n')).toThrow(/header/);
    // Local times without an offset are not UTC.
    expect(() => readSeriesCsv('container_id,time_utc,fill_pct\nA,2026-03-02T00:00:00+01:00,1\n')).toThrow(InputError);
  });

  it('round-trips what it writes', () => {
    const s = readSeriesCsv(CSV);
    expect(readSeriesCsv(writeSeriesCsv([...s.values()].flat()))).toEqual(s);
  });
});

describe('walk-forward accuracy', () => {
  it('scores from the fourth observation on, skips capped readings, continues the previous rate for naive', () => {
    const r = walkForward(readSeriesCsv(CSV), { timeZone: 'UTC' });
    // C1: observations 4..7 predicted, the capped one (100 %) not scored; C2 has one row.
    expect(r.observations).toBe(3);
    expect(r.containers).toBe(1);
    expect(r.ratio).toBeCloseTo(r.mae_forecast / r.mae_naive, 3);
    const s = readSeriesCsv(CSV).get('C1')!;
    expect(naivePrediction(s[1], s[2], s[3].timeMs)).toBeCloseTo(0.25, 9);
    // After a collection the naive baseline starts from empty at the previous interval's rate.
    expect(naivePrediction(s[2], s[3], s[4].timeMs)).toBeCloseTo(0.05, 9);
    // ... and an interval that began at a collection began empty.
    expect(naivePrediction(s[3], s[4], s[5].timeMs)).toBeCloseTo(0.1, 9);
  });

  it('simulated series are deterministic for a seed and beat the naive baseline', () => {
    const a = simulateSeries({ containers: 6, days: 8, seed: 2 });
    const b = simulateSeries({ containers: 6, days: 8, seed: 2 });
    expect(writeSeriesCsv([...a.values()].flat())).toBe(writeSeriesCsv([...b.values()].flat()));
    expect([...a.values()].flat().some((r) => r.collected)).toBe(true);
    const r = walkForward(a);
    expect(r.observations).toBeGreaterThan(500);
    expect(r.ratio).toBeLessThan(0.85);
  });

  it('scores simulated series against the real fill with againstTruth', () => {
    // Every sensor stuck at some point: its readings stop moving while the container fills.
    const s = simulateSeries({ containers: 4, days: 8, seed: 5, faults: { ...NO_FAULTS, stuck: 1 } });
    const observed = walkForward(s);
    const truth = walkForward(s, { againstTruth: true });
    expect(truth.observations).toBeGreaterThan(100);
    expect(truth.mae_forecast).not.toBe(observed.mae_forecast);
    // The naive baseline continues a stuck value; the forecast carries the fill on at the historic rate.
    expect(truth.ratio).toBeLessThan(observed.ratio);
  });
});
