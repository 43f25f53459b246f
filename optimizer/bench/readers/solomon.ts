/**
 * Solomon VRPTW reader: Euclidean distances and travel times, not rounded; customer 0 is the
 * depot whose due date is the horizon; the given number of vehicles; distance objective.
 */
import type { Problem } from '../../model/problem.ts';
import type { BenchInstance } from './types.ts';

export function parseSolomon(name: string, text: string): BenchInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  let vehicles = 0;
  let capacity = 0;
  const rows: number[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^NUMBER\s+CAPACITY/i.test(lines[i])) {
      const next = lines.slice(i + 1).find((l) => l !== '')!;
      [vehicles, capacity] = next.split(/\s+/).map(Number);
    }
    const parts = lines[i].split(/\s+/);
    if (parts.length >= 7 && parts.every((p) => /^-?\d+(\.\d+)?$/.test(p))) rows.push(parts.map(Number));
  }
  const distances: number[][] = rows.map((a) => rows.map((b) => Math.hypot(a[1] - b[1], a[2] - b[2])));
  const depot = rows[0];
  const problem: Problem = {
    matrix: { durations: distances, distances },
    vehicles: Array.from({ length: vehicles }, (_, k) => ({
      id: `v${k + 1}`, start: 0, capacity: [capacity], shift: [depot[4], depot[5]] as const, costPerKm: 1000,
    })),
    jobs: rows.slice(1).map((r, i) => ({
      id: String(r[0]), location: i + 1, demand: [r[3]], timeWindow: [r[4], r[5]] as const, serviceS: r[6],
    })),
  };
  return { name, problem };
}
