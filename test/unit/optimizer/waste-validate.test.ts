/**
 * validateProblem on the waste-collection fields (issue 8): malformed fields are InputErrors naming
 * the field; jobs no vehicle or facility can take are named with the fraction or the daily limit.
 */
import { describe, expect, it } from 'vitest';
import { validateProblem, type DisposalFacility, type Job, type Problem, type Vehicle } from '../../../optimizer/index.ts';
import { InputError } from '../../../platform/errors.ts';

// 0 depot, 1 facility, 2 and 3 containers.
const m = [
  [0, 10, 20, 30],
  [10, 0, 10, 20],
  [20, 10, 0, 10],
  [30, 20, 10, 0],
];

function problem(parts: { vehicles?: Partial<Vehicle>[]; jobs?: Partial<Job>[]; facilities?: Partial<DisposalFacility>[]; disposalTrips?: unknown }): Problem {
  return {
    matrix: { durations: m, distances: m },
    vehicles: (parts.vehicles ?? [{}]).map((v, i) => ({ id: `truck${i}`, start: 0, capacity: [10], ...v })),
    jobs: (parts.jobs ?? [{}]).map((j, i) => ({ id: `c${i}`, location: 2 + (i % 2), demand: [2], ...j })),
    facilities: (parts.facilities ?? [{}]).map((f, i) => ({ id: `tip${i}`, location: 1, ...f })),
    ...(parts.disposalTrips !== undefined ? { disposalTrips: parts.disposalTrips as boolean } : {}),
  };
}

/** The details of the InputError thrown, or [] when the problem is valid. */
function details(p: Problem): { name: string; reason: string }[] {
  try {
    validateProblem(p);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return [...(err as InputError).details];
  }
}

describe('validation of the waste fields', () => {
  it('accepts every new field when well-formed', () => {
    const p = problem({
      vehicles: [{ fractions: ['paper', 'glass'], compartments: true, maxTrips: 3, maxDailyLoad: [25], maxStops: 40 }],
      jobs: [{ fraction: 'paper' }, { fraction: 'glass' }, {}],
      facilities: [{ acceptedFractions: ['paper', 'glass'], openWindow: [0, 1000], unloadS: 60 }],
      disposalTrips: true,
    });
    expect(validateProblem(p)).toEqual({ unservableOptional: [] });
  });

  it('names each malformed field', () => {
    const p = problem({
      vehicles: [{ fractions: ['paper', ''], compartments: 'yes' as unknown as boolean, maxTrips: 0, maxStops: 1.5, maxDailyLoad: [5, 5] }],
      jobs: [{ fraction: '' }],
      facilities: [{ acceptedFractions: 'paper' as unknown as string[] }],
      disposalTrips: 'yes',
    });
    expect(details(p).map((d) => d.name).sort()).toEqual([
      'disposalTrips',
      'facilities[0] (tip0).acceptedFractions',
      'jobs[0] (c0).fraction',
      'vehicles[0] (truck0).compartments',
      'vehicles[0] (truck0).fractions',
      'vehicles[0] (truck0).maxDailyLoad',
      'vehicles[0] (truck0).maxStops',
      'vehicles[0] (truck0).maxTrips',
    ]);
  });

  it.each([
    ['maxTrips', { maxTrips: 1.5 }, /integer ≥ 1/],
    ['maxTrips', { maxTrips: -1 }, /integer ≥ 1/],
    ['maxStops', { maxStops: 0 }, /integer ≥ 1/],
    ['maxDailyLoad', { maxDailyLoad: [-1] }, /finite non-negative/],
    ['maxDailyLoad', { maxDailyLoad: [Infinity] }, /finite non-negative/],
    ['maxDailyLoad', { maxDailyLoad: [NaN] }, /finite non-negative/],
    ['maxDailyLoad', { maxDailyLoad: [10, 10] }, /more than the 1 of capacity/],
    ['fractions', { fractions: [3] as unknown as string[] }, /non-empty fraction names/],
  ] as const)('names vehicles[0].%s for %j', (field, patch, reason) => {
    expect(details(problem({ vehicles: [patch] }))).toEqual([{ name: `vehicles[0] (truck0).${field}`, reason: expect.stringMatching(reason) }]);
  });

  it('needs a facility for disposal trips when jobs have demand', () => {
    const none = { ...problem({ disposalTrips: true }), facilities: [] };
    expect(details(none)).toEqual([{ name: 'facilities', reason: expect.stringMatching(/at least one facility/) }]);
    expect(details({ ...none, jobs: [{ id: 'empty', location: 2 }] })).toEqual([]);
    expect(details({ ...none, disposalTrips: false })).toEqual([]);
  });
});

describe('jobs no vehicle or facility can take', () => {
  it('names a job whose fraction no allowed vehicle takes', () => {
    const p = problem({ vehicles: [{ fractions: ['paper'] }, { fractions: ['glass'] }], jobs: [{ fraction: 'glass', allowedVehicles: ['truck0'] }, { fraction: 'paper' }] });
    expect(details(p)).toEqual([{ name: 'job c0', reason: 'no vehicle takes fraction glass' }]);
  });

  it('names a job whose fraction no facility accepts, with disposal trips only', () => {
    const parts = { jobs: [{ fraction: 'glass' }, { fraction: 'paper' }], facilities: [{ acceptedFractions: ['paper'] }] };
    expect(details(problem({ ...parts, disposalTrips: true }))).toEqual([{ name: 'job c0', reason: 'no facility accepts fraction glass' }]);
    expect(details(problem({ ...parts, disposalTrips: false }))).toEqual([]);
  });

  it('names a job whose demand exceeds the daily load limit of every allowed vehicle', () => {
    const p = problem({ vehicles: [{ maxDailyLoad: [5] }, { maxDailyLoad: [6] }], jobs: [{ demand: [7] }, { demand: [5] }] });
    expect(details(p)).toEqual([{ name: 'job c0', reason: expect.stringMatching(/daily load limit/) }]);
    expect(details(problem({ vehicles: [{ maxDailyLoad: [5] }, { maxDailyLoad: [7] }], jobs: [{ demand: [7] }] }))).toEqual([]);
  });

  it('reports such an optional job unassigned instead of failing', () => {
    const p = problem({ vehicles: [{ fractions: ['paper'] }], jobs: [{ fraction: 'glass', prize: 10 }, { fraction: 'paper' }] });
    expect(validateProblem(p).unservableOptional).toEqual([{ job: 'c0', reason: 'no vehicle takes fraction glass' }]);
  });
});
