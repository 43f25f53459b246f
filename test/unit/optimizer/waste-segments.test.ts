/**
 * The waste rules inside concatenation segments: for any sequence of collections and unloads,
 * every split prefix ⊕ suffix prices the same load-kind violation as a plain walk of the trips
 * (capacity per trip, load carried home, fraction per trip and per facility, daily total, stops
 * and trips per day). This is what makes the O(1) move checks of the search trustworthy.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildInstance } from '../../../optimizer/model/instance.ts';
import { Segment, SegmentOps } from '../../../optimizer/eval/segment.ts';
import { loadExcess } from '../../../optimizer/eval/route-cost.ts';
import type { Problem } from '../../../optimizer/index.ts';
import { euclidean } from './fixtures.ts';

const FRACTIONS = ['residual', 'paper', 'glass'];
// Facility 0 refuses glass; facility 1 takes everything.
const ACCEPTS = [['residual', 'paper'], FRACTIONS];

const visit = fc.oneof(
  fc.record({ kind: fc.constant('job' as const), demand: fc.integer({ min: 0, max: 6 }), fraction: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('unload' as const), facility: fc.integer({ min: 0, max: 1 }) }),
);

describe('waste rules in segments', () => {
  it('price every split of a route like a walk of its trips', () => {
    fc.assert(fc.property(
      fc.array(visit, { minLength: 1, maxLength: 12 }),
      fc.boolean(),
      fc.record({ daily: fc.integer({ min: 0, max: 30 }), stops: fc.integer({ min: 0, max: 8 }), trips: fc.integer({ min: 1, max: 4 }) }),
      (visits, compartments, limits) => {
        const jobs = visits.flatMap((v, i) => (v.kind === 'job' ? [{ id: `j${i}`, location: 3, demand: [v.demand], fraction: FRACTIONS[v.fraction] }] : []));
        const m = euclidean([[0, 0], [10, 0], [20, 0], [30, 0]]);
        const problem: Problem = {
          matrix: { durations: m, distances: m },
          vehicles: [{ id: 'v', start: 0, capacity: [8], compartments, maxDailyLoad: [limits.daily], maxStops: limits.stops, maxTrips: limits.trips }],
          jobs,
          facilities: ACCEPTS.map((acceptedFractions, f) => ({ id: `f${f}`, location: 1 + f, acceptedFractions })),
          disposalTrips: true,
        };
        const inst = buildInstance(problem);
        const ops = new SegmentOps(inst);
        ops.useVehicle(0);
        let job = 0;
        const used = [0, 0];
        // Pools are sized from the limits; sequences with more unloads than that are skipped.
        fc.pre(visits.every((v) => v.kind === 'job' || used[v.facility]++ < inst.unloadPools[v.facility].length));
        used.fill(0);
        const nodes = visits.map((v) => (v.kind === 'job' ? job++ : inst.unloadPools[v.facility][used[v.facility]++]));
        const order = [inst.startNode(0), ...nodes, inst.endNode(0)];
        const seg = (x: number) => {
          const s = new Segment(1);
          ops.single(x, s);
          return s;
        };
        const prefix = order.map(() => new Segment(1));
        ops.copy(seg(order[0]), prefix[0]);
        for (let i = 1; i < order.length; i++) ops.concat(prefix[i - 1], seg(order[i]), prefix[i]);
        const suffix = order.map(() => new Segment(1));
        ops.copy(seg(order[order.length - 1]), suffix[order.length - 1]);
        for (let i = order.length - 2; i >= 0; i--) ops.concat(seg(order[i]), suffix[i + 1], suffix[i]);

        // Reference: walk the trips.
        const truckload = 8;
        let expected = 0;
        let load = 0;
        let fractions = new Set<number>();
        let total = 0;
        let stops = 0;
        let trips = 0;
        for (const v of visits) {
          if (v.kind === 'job') {
            load += v.demand;
            total += v.demand;
            stops++;
            fractions.add(v.fraction);
            continue;
          }
          trips++;
          expected += Math.max(0, load - 8);
          const refused = [...fractions].some((f) => !ACCEPTS[v.facility].includes(FRACTIONS[f]));
          if (refused || (!compartments && fractions.size > 1)) expected += truckload;
          load = 0;
          fractions = new Set();
        }
        expected += Math.max(0, load - 8) + load; // over capacity, and carried home at all
        if (!compartments && fractions.size > 1) expected += truckload; // the last trip mixes too
        expected += Math.max(0, total - limits.daily);
        expected += Math.max(0, stops - limits.stops) * inst.demandUnit;
        expected += Math.max(0, trips - limits.trips) * truckload;

        const whole = prefix[order.length - 1];
        expect(loadExcess(inst, 0, whole)).toBeCloseTo(expected, 9);
        const tmp = new Segment(1);
        for (let i = 0; i + 1 < order.length; i++) {
          ops.concat(prefix[i], suffix[i + 1], tmp);
          expect(loadExcess(inst, 0, tmp)).toBeCloseTo(expected, 9);
        }
      },
    ), { numRuns: 400 });
  });
});
