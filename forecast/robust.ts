/**
 * Robust statistics the estimator is built on: medians, the median absolute deviation and the
 * Theil–Sen slope. A false echo or a spike moves none of them much, which is why they are used
 * instead of means and least squares.
 */

export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  if (n <= 5) return smallMedian(values);
  // A typed copy sorts numerically without a comparator: several times faster on long series.
  const a = Float64Array.from(values).sort();
  const m = n >> 1;
  return n % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

const scratch = new Float64Array(5);

/** Insertion sort in a reused buffer: the running medians of five call this once per reading. */
function smallMedian(values: ArrayLike<number>): number {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let j = i;
    while (j > 0 && scratch[j - 1] > v) {
      scratch[j] = scratch[j - 1];
      j--;
    }
    scratch[j] = v;
  }
  const m = n >> 1;
  return n % 2 ? scratch[m] : (scratch[m - 1] + scratch[m]) / 2;
}

/** Median weighted by `weights` (the value where half of the total weight lies on each side). */
export function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  if (values.length === 0) return NaN;
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  for (const i of order) {
    acc += weights[i];
    if (acc >= total / 2) return values[i];
  }
  return values[order[order.length - 1]];
}

/** Scale estimate consistent with the standard deviation of normal data (1.4826 × MAD). */
export function robustScale(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  const m = median(values);
  return 1.4826 * median(Float64Array.from(values, (v) => Math.abs(v - m)));
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Theil–Sen: the median of the pairwise slopes (pairs closer than `minDx` in x are skipped). */
export function theilSenSlope(points: readonly Point[], minDx = 0): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[j].x - points[i].x;
      if (Math.abs(dx) > minDx) slopes.push((points[j].y - points[i].y) / dx);
    }
  }
  return median(slopes);
}

/** Up to `bins` knots: the median x and y of consecutive runs of points (keeps Theil–Sen cheap on long series). */
export function knots(points: readonly Point[], bins: number): Point[] {
  if (points.length <= bins) return [...points];
  const out: Point[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * points.length) / bins);
    const to = Math.floor(((b + 1) * points.length) / bins);
    const part = points.slice(from, to);
    out.push({ x: median(part.map((p) => p.x)), y: median(part.map((p) => p.y)) });
  }
  return out;
}
