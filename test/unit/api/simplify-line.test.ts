import { describe, expect, it } from 'vitest';
import { simplifyLine } from '../../../api/geo/simplify-line.ts';

describe('route line simplification for the tablet', () => {
  it('drops nodes within a metre of a straight street and keeps the corners', () => {
    const straight = Array.from({ length: 50 }, (_, i) => [7.42 + i * 0.0001, 43.73 + (i % 2) * 0.000001]);
    const corner = [7.42 + 49 * 0.0001, 43.735];
    const out = simplifyLine({ type: 'LineString', coordinates: [...straight, corner] })!;
    expect(out.coordinates.length).toBeLessThan(5);
    expect(out.coordinates[0]).toEqual([7.42, 43.73]);
    expect(out.coordinates.at(-1)).toEqual([7.4249, 43.735]);
  });
  it('leaves short and missing lines alone', () => {
    expect(simplifyLine(null)).toBeNull();
    const two = { type: 'LineString' as const, coordinates: [[1, 2], [3, 4]] };
    expect(simplifyLine(two)).toBe(two);
  });
});
