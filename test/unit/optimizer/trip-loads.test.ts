/**
 * Multi-trip loads in segments (ground work for disposal trips): with unload visits the capacity
 * excess is counted per trip, and any split prefix ⊕ suffix agrees with the whole route.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildInstance, KIND_UNLOAD } from '../../../optimizer/model/instance.ts';
import { Segment, SegmentOps } from '../../../optimizer/eval/segment.ts';
import { loadExcess } from '../../../optimizer/eval/route-cost.ts';
import { problemOn, randomPoints } from './fixtures.ts';

describe('trip loads', () => {
  it('count capacity excess per trip between unloads', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.boolean()), { minLength: 1, maxLength: 12 }), (visits) => {
      const n = visits.length;
      const problem = problemOn(randomPoints(n + 1, n, 50), visits.map(([a, b], i) => ({ id: `j${i}`, demand: [a, b] })), [{ id: 'v', start: 0, capacity: [8, 5] }]);
      const inst = buildInstance(problem);
      // Turn the flagged visits into unloads (no demand of their own).
      visits.forEach(([, , unload], i) => {
        if (!unload) return;
        (inst.kind as Uint8Array)[i] = KIND_UNLOAD;
        (inst.demand as Float64Array).fill(0, i * 2, i * 2 + 2);
      });
      const ops = new SegmentOps(inst);
      ops.useVehicle(0);
      const order = [inst.startNode(0), ...visits.map((_, i) => i), inst.endNode(0)];
      const singles = order.map((x) => {
        const s = new Segment(2);
        ops.single(x, s);
        return s;
      });
      const prefix = order.map(() => new Segment(2));
      ops.copy(singles[0], prefix[0]);
      for (let i = 1; i < order.length; i++) ops.concat(prefix[i - 1], singles[i], prefix[i]);
      const suffix = order.map(() => new Segment(2));
      ops.copy(singles[order.length - 1], suffix[order.length - 1]);
      for (let i = order.length - 2; i >= 0; i--) ops.concat(singles[i], suffix[i + 1], suffix[i]);

      // Reference: walk the trips.
      let expected = 0;
      let trip = [0, 0];
      const close = () => {
        expected += Math.max(0, trip[0] - 8) + Math.max(0, trip[1] - 5);
        trip = [0, 0];
      };
      visits.forEach(([a, b, unload]) => {
        if (unload) close();
        else trip = [trip[0] + a, trip[1] + b];
      });
      close();

      const whole = prefix[order.length - 1];
      expect(loadExcess(inst, 0, whole)).toBe(expected);
      const tmp = new Segment(2);
      for (let i = 0; i + 1 < order.length; i++) {
        ops.concat(prefix[i], suffix[i + 1], tmp);
        expect(loadExcess(inst, 0, tmp)).toBe(expected);
      }
    }), { numRuns: 300 });
  });
});
