/**
 * Memory benchmark: solves a generated CVRP with N jobs (uniform points, Euclidean metres) and
 * prints peak resident memory as JSON. Goal from the optimizer issue: 2,000 jobs under 500 MB.
 *   npx tsx optimizer/bench/memory-cli.ts --jobs 2000 --time-limit 10 --seed 1
 */
import { parseArgs } from 'node:util';
import { solve, type Problem } from '../index.ts';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '2000' }, 'time-limit': { type: 'string', default: '10' }, seed: { type: 'string', default: '1' } } });
const n = Number(values.jobs);
let s = Number(values.seed) >>> 0;
const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
const pts = Array.from({ length: n + 1 }, () => [rnd() * 20_000, rnd() * 20_000]);
const m = pts.map((a) => pts.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]))));
const problem: Problem = {
  matrix: { durations: m.map((row) => row.map((d) => d / 8)), distances: m },
  vehicles: Array.from({ length: Math.ceil(n / 15) }, (_, k) => ({ id: `v${k}`, start: 0, capacity: [150] })),
  jobs: Array.from({ length: n }, (_, i) => ({ id: `j${i}`, location: i + 1, demand: [1 + Math.floor(rnd() * 10)], serviceS: 60 })),
};
let peak = process.memoryUsage().rss;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const t0 = performance.now();
const sol = await solve(problem, { timeLimitMs: Number(values['time-limit']) * 1000, seed: Number(values.seed) });
clearInterval(sample);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(JSON.stringify({
  jobs: n, seconds: Math.round(performance.now() - t0) / 1000, iterations: sol.stats.iterations,
  vehicles: sol.vehiclesUsed, feasible: sol.feasible, unassigned: sol.unassigned.length,
  distance_km: Math.round(sol.distanceM) / 1000, peak_rss_mb: Math.round(peak / 2 ** 20),
}) + '\n');
