/**
 * Every rule of the waste-collection extensions (issue 8), on hand-made routes: a route that breaks
 * the rule is flagged by both check() and the independent checker, and nothing else is flagged; a
 * route that respects it is flagged by neither.
 */
import { describe, expect, it } from 'vitest';
import { check, type DisposalFacility, type Job, type Problem, type Vehicle } from '../../../optimizer/index.ts';
import { independentCheck } from '../../checker/checker.ts';

// Locations on a line (seconds = metres): 0 depot, 1 transfer station (takes everything),
// 2 paper mill (paper, residual), 3 glass yard (glass), 4..7 containers.
const xs = [0, 40, 50, 60, 100, 110, 120, 130];
const matrix = xs.map((a) => xs.map((b) => Math.abs(a - b)));

const JOBS: readonly Job[] = [
  { id: 'p1', location: 4, demand: [4], serviceS: 10, fraction: 'paper' },
  { id: 'p2', location: 5, demand: [4], serviceS: 10, fraction: 'paper' },
  { id: 'p3', location: 6, demand: [4], serviceS: 10, fraction: 'paper' },
  { id: 'g1', location: 7, demand: [3], serviceS: 10, fraction: 'glass' },
];
const FACILITIES: readonly DisposalFacility[] = [
  { id: 'transfer', location: 1, unloadS: 30 },
  { id: 'paperMill', location: 2, unloadS: 30, acceptedFractions: ['paper', 'residual'] },
  { id: 'glassYard', location: 3, unloadS: 20, acceptedFractions: ['glass'] },
];

interface Variant {
  readonly truck?: Partial<Vehicle>;
  readonly jobs?: Readonly<Record<string, Partial<Job>>>;
  readonly facilities?: Readonly<Record<string, Partial<DisposalFacility>>>;
  readonly disposalTrips?: boolean;
}

/** One truck, the named jobs (all required), the three facilities; each part can be patched. */
function problem(jobIds: readonly string[], variant: Variant = {}): Problem {
  return {
    matrix: { durations: matrix, distances: matrix },
    vehicles: [{ id: 'truck', start: 0, capacity: [10], shift: [0, 10_000], ...variant.truck }],
    jobs: JOBS.filter((j) => jobIds.includes(j.id)).map((j) => ({ ...j, ...variant.jobs?.[j.id] })),
    facilities: FACILITIES.map((f) => ({ ...f, ...variant.facilities?.[f.id] })),
    disposalTrips: variant.disposalTrips ?? true,
  };
}

interface Plan {
  readonly problem: Problem;
  readonly route: readonly string[];
}

interface Rule {
  readonly rule: string;
  /** Routes that break the rule, each with what check() and the independent checker say. */
  readonly broken: readonly (Plan & { readonly flagged: string; readonly error: RegExp })[];
  readonly respected: readonly Plan[];
}

const RULES: readonly Rule[] = [
  {
    rule: 'fraction: the vehicle takes the job’s fraction',
    broken: [{ problem: problem(['p1', 'g1'], { truck: { fractions: ['paper'] } }), route: ['p1', 'paperMill', 'g1', 'glassYard'], flagged: 'g1:fraction', error: /job g1: fraction glass not taken by vehicle truck/ }],
    respected: [
      { problem: problem(['p1', 'g1'], { truck: { fractions: ['paper', 'glass'] } }), route: ['p1', 'paperMill', 'g1', 'glassYard'] },
      { problem: problem(['p1', 'g1'], { jobs: { g1: { fraction: undefined } }, truck: { fractions: ['paper'] } }), route: ['p1', 'paperMill', 'g1', 'glassYard'] },
    ],
  },
  {
    rule: 'fraction: one fraction per trip without compartments',
    broken: [
      { problem: problem(['p1', 'g1']), route: ['p1', 'g1', 'transfer'], flagged: 'g1:fraction', error: /trip 1 mixes fractions paper and glass/ },
      // Without disposal trips the whole route is one trip.
      { problem: problem(['p1', 'g1'], { disposalTrips: false }), route: ['p1', 'g1'], flagged: 'g1:fraction', error: /trip 1 mixes fractions paper and glass/ },
      { problem: problem(['p1', 'p2', 'g1']), route: ['p1', 'transfer', 'p2', 'g1', 'transfer'], flagged: 'g1:fraction', error: /trip 2 mixes fractions paper and glass/ },
    ],
    respected: [
      { problem: problem(['p1', 'g1'], { truck: { compartments: true } }), route: ['p1', 'g1', 'transfer'] },
      { problem: problem(['p1', 'g1']), route: ['p1', 'transfer', 'g1', 'transfer'] },
      { problem: problem(['p1', 'p2']), route: ['p1', 'p2', 'paperMill'] },
    ],
  },
  {
    rule: 'fraction: the facility that ends a trip accepts its fractions',
    broken: [
      { problem: problem(['p1']), route: ['p1', 'glassYard'], flagged: 'glassYard:fraction', error: /facility glassYard: does not accept fraction paper/ },
      { problem: problem(['p1', 'g1'], { truck: { compartments: true } }), route: ['p1', 'g1', 'paperMill'], flagged: 'paperMill:fraction', error: /facility paperMill: does not accept fraction glass/ },
    ],
    respected: [
      { problem: problem(['p1']), route: ['p1', 'paperMill'] },
      { problem: problem(['p1', 'g1']), route: ['g1', 'glassYard', 'p1', 'paperMill'] },
    ],
  },
  {
    rule: 'capacity per trip',
    broken: [{ problem: problem(['p1', 'p2', 'p3']), route: ['p1', 'p2', 'p3', 'paperMill'], flagged: 'p3:capacity', error: /trip load 12 above capacity 10/ }],
    respected: [{ problem: problem(['p1', 'p2', 'p3']), route: ['p1', 'p2', 'paperMill', 'p3', 'paperMill'] }],
  },
  {
    rule: 'unload before returning to the depot',
    broken: [{ problem: problem(['p1']), route: ['p1'], flagged: 'truck:unload', error: /returns to the depot without unloading/ }],
    respected: [{ problem: problem(['p1']), route: ['p1', 'paperMill'] }],
  },
  {
    rule: 'daily limit: trips (unload visits, the closing one included)',
    broken: [{ problem: problem(['p1', 'p2'], { truck: { maxTrips: 1 } }), route: ['p1', 'paperMill', 'p2', 'paperMill'], flagged: 'truck:max-trips', error: /2 trips \(unload visits\) above maxTrips 1/ }],
    respected: [
      { problem: problem(['p1', 'p2'], { truck: { maxTrips: 1 } }), route: ['p1', 'p2', 'paperMill'] },
      { problem: problem(['p1', 'p2'], { truck: { maxTrips: 2 } }), route: ['p1', 'paperMill', 'p2', 'paperMill'] },
    ],
  },
  {
    rule: 'daily limit: total load over all trips',
    broken: [{ problem: problem(['p1', 'p2'], { truck: { maxDailyLoad: [7] } }), route: ['p1', 'paperMill', 'p2', 'paperMill'], flagged: 'truck:daily-load', error: /daily load 8 above maxDailyLoad 7/ }],
    respected: [{ problem: problem(['p1', 'p2'], { truck: { maxDailyLoad: [8] } }), route: ['p1', 'paperMill', 'p2', 'paperMill'] }],
  },
  {
    rule: 'daily limit: stops',
    broken: [{ problem: problem(['p1', 'p2'], { truck: { maxStops: 1 } }), route: ['p1', 'p2', 'paperMill'], flagged: 'truck:max-stops', error: /2 stops above maxStops 1/ }],
    respected: [{ problem: problem(['p1', 'p2'], { truck: { maxStops: 2 } }), route: ['p1', 'p2', 'paperMill'] }],
  },
  {
    // Leave at 0: p1 at 100, p2 at 120, the paper mill at 190.
    rule: 'facility window: unloading starts while the facility is open',
    broken: [{ problem: problem(['p1', 'p2'], { facilities: { paperMill: { openWindow: [0, 100] } } }), route: ['p1', 'p2', 'paperMill'], flagged: 'paperMill:unload', error: /facility paperMill: closes 100, unloading starts 190/ }],
    respected: [
      { problem: problem(['p1', 'p2'], { facilities: { paperMill: { openWindow: [0, 200] } } }), route: ['p1', 'p2', 'paperMill'] },
      { problem: problem(['p1', 'p2'], { facilities: { paperMill: { openWindow: [300, 400] } } }), route: ['p1', 'p2', 'paperMill'] },
    ],
  },
  {
    // p1 done at 110, the paper mill at 160, unloading 30 s, the depot at 240.
    rule: 'unload time counts against the shift',
    broken: [{ problem: problem(['p1'], { truck: { shift: [0, 239] } }), route: ['p1', 'paperMill'], flagged: 'truck:shift', error: /back at 240, shift ends 239/ }],
    respected: [
      { problem: problem(['p1'], { truck: { shift: [0, 240] } }), route: ['p1', 'paperMill'] },
      { problem: problem(['p1'], { truck: { shift: [0, 239] }, facilities: { paperMill: { unloadS: 0 } } }), route: ['p1', 'paperMill'] },
    ],
  },
  {
    rule: 'job time window',
    broken: [{ problem: problem(['p1'], { jobs: { p1: { timeWindow: [0, 50] } } }), route: ['p1', 'paperMill'], flagged: 'p1:time-window', error: /job p1: time window closes 50, service starts 100/ }],
    respected: [
      { problem: problem(['p1'], { jobs: { p1: { timeWindow: [100, 200] } } }), route: ['p1', 'paperMill'] },
      { problem: problem(['p1'], { jobs: { p1: { timeWindow: [300, 400] } } }), route: ['p1', 'paperMill'] },
    ],
  },
  {
    rule: 'break inside its window',
    broken: [{ problem: problem(['p1'], { truck: { breaks: [{ id: 'lunch', window: [0, 50], durationS: 30 }] } }), route: ['p1', 'lunch', 'paperMill'], flagged: 'lunch:break', error: /break lunch: starts 110 after window end 50/ }],
    respected: [{ problem: problem(['p1'], { truck: { breaks: [{ id: 'lunch', window: [0, 50], durationS: 30 }] } }), route: ['lunch', 'p1', 'paperMill'] }],
  },
];

function both(plan: Plan) {
  const checked = check(plan.problem, [{ vehicle: 'truck', jobs: plan.route }]);
  const independent = independentCheck(plan.problem, [{ vehicle: 'truck', stops: plan.route }]);
  return { violations: checked.violations.map((v) => `${v.name}:${v.constraint}`), feasible: checked.feasible, independent };
}

describe.each(RULES)('$rule', ({ broken, respected }) => {
  it.each(broken.map((b) => [b.route.join(' → '), b] as const))('flags %s in check() and the independent checker', (_, b) => {
    const { violations, feasible, independent } = both(b);
    expect(violations).toEqual([b.flagged]);
    expect(feasible).toBe(false);
    expect(independent.errors).toEqual([expect.stringMatching(b.error)]);
    expect(independent.feasible).toBe(false);
  });

  it.each(respected.map((r) => [r.route.join(' → '), r] as const))('accepts %s in both', (_, r) => {
    const { violations, feasible, independent } = both(r);
    expect(violations).toEqual([]);
    expect(feasible).toBe(true);
    expect(independent.errors).toEqual([]);
  });
});

describe('check() reasons name the fraction and the vehicle or facility', () => {
  it('says which fraction a vehicle does not take, and which one a facility refuses', () => {
    const res = check(problem(['p1', 'g1'], { truck: { fractions: ['paper'] } }), [{ vehicle: 'truck', jobs: ['p1', 'g1', 'paperMill'] }]);
    const reasons = res.violations.map((v) => `${v.name}: ${v.reason}`);
    expect(reasons).toEqual(expect.arrayContaining([
      expect.stringMatching(/^g1: vehicle truck does not take fraction glass/),
      expect.stringMatching(/^g1: fraction glass in trip 1 of vehicle truck with fraction paper/),
      expect.stringMatching(/^paperMill: facility paperMill does not accept fraction glass/),
    ]));
  });

  it('keeps the schedule it outputs when the new rules are broken', () => {
    const p = problem(['p1', 'p2'], { truck: { maxTrips: 1, maxStops: 1, maxDailyLoad: [1] } });
    const res = check(p, [{ vehicle: 'truck', jobs: ['p1', 'paperMill', 'p2', 'paperMill'] }]);
    expect(res.violations.map((v) => v.constraint).sort()).toEqual(['daily-load', 'max-stops', 'max-trips']);
    const steps = res.routes[0].steps.map((s) => [s.type, s.id, s.serviceStart, s.load[0]]);
    expect(steps).toEqual([
      ['start', 'truck', 0, 0], ['job', 'p1', 100, 4], ['unload', 'paperMill', 160, 0],
      ['job', 'p2', 250, 4], ['unload', 'paperMill', 320, 0], ['end', 'truck', 400, 0],
    ]);
  });
});
