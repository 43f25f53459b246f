import { describe, expect, it } from 'vitest';
import { project } from '../../../api/geo/crs.ts';

describe('RD New projection', () => {
  it('puts the Amersfoort reference point at (155000, 463000)', () => {
    const [x, y] = project([5.38720621, 52.15517440], 'EPSG:28992');
    expect(x).toBeCloseTo(155000, -0);
    expect(y).toBeCloseTo(463000, -0);
  });
  it('places the Dam in Amsterdam near its known RD coordinates', () => {
    const [x, y] = project([4.8932, 52.3731], 'EPSG:28992');
    expect(Math.abs(x - 121394)).toBeLessThan(100);
    expect(Math.abs(y - 487383)).toBeLessThan(100);
  });
  it('leaves CRS84 unchanged', () => {
    expect(project([7.42, 43.73], 'CRS84')).toEqual([7.42, 43.73]);
  });
});
