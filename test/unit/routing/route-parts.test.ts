import { describe, expect, it } from 'vitest';
import { joinRouteParts, planRouteParts } from '../../../optimizer/routing/osrm/route-parts.ts';
import type { RouteResult } from '../../../optimizer/routing/types.ts';

describe('route parts over --max-viaroute-size', () => {
  it('every leg is in exactly one part, and no part has more coordinates than allowed', () => {
    for (const max of [2, 3, 7, 500]) {
      for (let n = 2; n <= 1_100; n += n < 40 ? 1 : 37) {
        const parts = planRouteParts(n, max);
        const legs = parts.flatMap(({ first, end }) => Array.from({ length: end - first - 1 }, (_, k) => first + k));
        expect(legs, `n=${n} max=${max}`).toEqual(Array.from({ length: n - 1 }, (_, k) => k));
        for (const p of parts) expect(p.end - p.first).toBeLessThanOrEqual(max);
        if (n <= max) expect(parts).toHaveLength(1);
      }
    }
  });

  it('joins geometry without repeating the shared point, and sums the totals', () => {
    const part = (coords: [number, number][], d: number): RouteResult => ({
      distanceM: d, durationS: d / 10, geometry: { type: 'LineString', coordinates: coords },
      legs: [{ distanceM: d, durationS: d / 10, steps: [] }],
    });
    const joined = joinRouteParts([part([[0, 0], [1, 1]], 100), part([[1, 1], [2, 2]], 50)]);
    expect(joined.geometry.coordinates).toEqual([[0, 0], [1, 1], [2, 2]]);
    expect(joined).toMatchObject({ distanceM: 150, durationS: 15 });
    expect(joined.legs).toHaveLength(2);
  });
});
