/**
 * CVRPLIB (TSPLIB-style) .vrp reader: EUC_2D distances rounded to the nearest integer (TSPLIB
 * nint), node 1 the depot, unlimited fleet (we offer more vehicles than any good solution needs).
 */
import type { Problem } from '../../model/problem.ts';
import type { BenchInstance } from './types.ts';

export function parseCvrplib(name: string, text: string): BenchInstance {
  const lines = text.split(/\r?\n/);
  let dimension = 0;
  let capacity = 0;
  let rounding: 'nint' | 'exact' = 'nint';
  const xs: number[] = [];
  const ys: number[] = [];
  const demand: number[] = [];
  const depots: number[] = [];
  let section = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line === 'EOF') continue;
    const kv = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (kv) {
      const [, key, value] = kv;
      if (key === 'DIMENSION') dimension = Number(value);
      else if (key === 'CAPACITY') capacity = Number(value);
      else if (key === 'EDGE_WEIGHT_TYPE' && value.trim() !== 'EUC_2D') rounding = 'exact';
      section = '';
      continue;
    }
    if (/^[A-Z_]+$/.test(line)) {
      section = line;
      continue;
    }
    const parts = line.split(/\s+/).map(Number);
    if (section === 'NODE_COORD_SECTION') {
      xs[parts[0] - 1] = parts[1];
      ys[parts[0] - 1] = parts[2];
    } else if (section === 'DEMAND_SECTION') demand[parts[0] - 1] = parts[1];
    else if (section === 'DEPOT_SECTION' && parts[0] > 0) depots.push(parts[0] - 1);
  }
  const depot = depots[0] ?? 0;
  const n = dimension;
  const distances: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n);
    for (let j = 0; j < n; j++) {
      const d = Math.hypot(xs[i] - xs[j], ys[i] - ys[j]);
      row[j] = rounding === 'nint' ? Math.floor(d + 0.5) : d;
    }
    distances.push(row);
  }
  const jobs = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (i === depot) continue;
    jobs.push({ id: String(i), location: i, demand: [demand[i]] });
    total += demand[i];
  }
  // Unlimited fleet: offer clearly more vehicles than the capacity bound needs.
  const kMin = Math.ceil(total / capacity);
  const fleet = Math.min(jobs.length, Math.max(kMin + 10, Math.ceil(kMin * 1.5)));
  const problem: Problem = {
    matrix: { durations: distances, distances },
    vehicles: Array.from({ length: fleet }, (_, k) => ({ id: `v${k + 1}`, start: depot, capacity: [capacity], costPerKm: 1000 })),
    jobs,
  };
  return { name, problem };
}
