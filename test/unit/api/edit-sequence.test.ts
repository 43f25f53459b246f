/** Dispatcher moves on stop sequences with unloads and breaks (api/edit-sequence.ts). */
import { describe, expect, it } from 'vitest';
import { StopKinds, applyMoves, withoutEmptyTrips } from '../../../api/edit-sequence.ts';
import type { Problem } from '../../../optimizer/model/problem.ts';

const problem: Problem = {
  matrix: { durations: [[0]], distances: [[0]] },
  vehicles: [
    { id: 'v1', start: 0, capacity: [10], breaks: [{ id: 'v1:break', window: [0, 1], durationS: 1 }] },
    { id: 'v2', start: 0, capacity: [10], initialLoad: [5] },
  ],
  jobs: ['a', 'b', 'c'].map((id) => ({ id, location: 0 })),
  facilities: [{ id: 'F', location: 0 }],
  disposalTrips: true,
};
const kinds = new StopKinds(problem);

describe('edit sequences', () => {
  it('moves containers only, keeping breaks and unloads in place, and drops a trip left empty', () => {
    const routes = new Map([['v1', ['a', 'F', 'b', 'v1:break', 'c', 'F']], ['v2', ['F']]]);
    const next = applyMoves(routes, [{ containerId: 'a', vehicleId: 'v1', position: 2 }], kinds);
    // 'a' left the first trip empty: its unload goes; position 2 counts containers (b, c, then a).
    expect(next.get('v1')).toEqual(['b', 'v1:break', 'c', 'a', 'F']);
  });

  it('keeps the first unload of a truck that starts loaded', () => {
    expect(withoutEmptyTrips(['F', 'a', 'F'], kinds, true)).toEqual(['F', 'a', 'F']);
    expect(withoutEmptyTrips(['F', 'a', 'F'], kinds)).toEqual(['a', 'F']);
    const next = applyMoves(new Map([['v1', ['a', 'b', 'F']], ['v2', ['F', 'c', 'F']]]), [{ containerId: 'c', vehicleId: 'v1', position: 0 }], kinds);
    expect(next.get('v2')).toEqual(['F']);
    expect(next.get('v1')).toEqual(['c', 'a', 'b', 'F']);
  });
});
