/**
 * Optimizer benchmark: solves every instance of a folder, re-checks each solution with the
 * independent checker (test/checker) and prints one JSON object (with --json) or a table.
 *   npm run bench:optimizer -- --format cvrplib|solomon|wcvrptw --dir DIR [--instances A,B]
 *     --time-limit SECONDS --seed N [--json]
 * wcvrptw reports costs in miles and adds the published comparisons (./wcvrptw.ts) to each row
 * and to the summary; the other formats keep their JSON shape (no such keys).
 * Exit code 2 on bad arguments (input error), 1 on a crash.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { solve } from '../index.ts';
import { isAppError } from '../../platform/errors.ts';
import { independentCheck } from '../../test/checker/checker.ts';
import { FORMATS, bestKnown, listInstances, readInstance } from './formats.ts';
import { METRES_PER_MILE, wcvrptwRowExtras, wcvrptwSummary, type WcvrptwRowExtras } from './wcvrptw.ts';

interface Row extends Partial<WcvrptwRowExtras> {
  instance: string;
  cost: number;
  bks: number | null;
  gap_pct: number | null;
  vehicles: number;
  feasible: boolean;
  seconds: number;
  iterations: number;
  errors?: string[];
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      format: { type: 'string' },
      dir: { type: 'string' },
      instances: { type: 'string' },
      'time-limit': { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  const format = FORMATS[values.format ?? ''];
  const wcvrptw = values.format === 'wcvrptw';
  if (!format || !values.dir) {
    process.stderr.write(`usage: --format ${Object.keys(FORMATS).join('|')} --dir DIR [--instances A,B] --time-limit S --seed N [--json]\n`);
    process.exit(2);
  }
  const limitS = Number(values['time-limit']);
  const seed = Number(values.seed);
  const names = listInstances(values.dir, format, values.instances?.split(',').filter(Boolean));
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: '{bar} {value}/{total} {instance} best {best}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic);
  bar.start(names.length, 0, { instance: '', best: '-' });
  const rows: Row[] = [];
  let peakRss = 0;
  for (const name of names) {
    const { problem } = readInstance(values.dir, name, format);
    bar.update({ instance: name, best: '-' });
    const t0 = performance.now();
    const sol = await solve(problem, {
      timeLimitMs: limitS * 1000,
      seed,
      onProgress: (p) => bar.update({ instance: name, best: Number.isFinite(p.bestCost) ? round(p.bestCost, 2) : '-' }),
    });
    const seconds = (performance.now() - t0) / 1000;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const routes = sol.routes.map((r) => ({ vehicle: r.vehicle, stops: r.steps.filter((s) => s.type === 'job' || s.type === 'break' || s.type === 'unload').map((s) => s.id) }));
    const checked = independentCheck(problem, routes);
    const bks = bestKnown(values.dir, name, format);
    // The objective is the distance (metres, or the instance's unit); wcvrptw publishes miles.
    const cost = wcvrptw ? checked.distance / METRES_PER_MILE : checked.distance;
    const feasible = checked.feasible && sol.unassigned.length === 0;
    rows.push({
      instance: name,
      cost: round(cost, 2),
      bks,
      gap_pct: bks ? round((100 * (cost - bks)) / bks, 3) : null,
      vehicles: checked.vehiclesUsed,
      feasible,
      ...(wcvrptw ? wcvrptwRowExtras(values.dir, name, cost, checked.vehiclesUsed, feasible) : {}),
      seconds: round(seconds, 2),
      iterations: sol.stats.iterations,
      ...(checked.feasible ? {} : { errors: checked.errors.slice(0, 5) }),
    });
    bar.increment();
  }
  bar.stop();
  const gaps = rows.filter((r) => r.feasible && r.gap_pct !== null).map((r) => r.gap_pct!);
  const summary = {
    avg_gap_pct: gaps.length ? round(gaps.reduce((s, g) => s + g, 0) / gaps.length, 3) : null,
    max_gap_pct: gaps.length ? round(Math.max(...gaps), 3) : null,
    infeasible: rows.filter((r) => !r.feasible).length,
    ...(wcvrptw ? wcvrptwSummary(rows as (Row & WcvrptwRowExtras)[]) : {}),
    instances: rows.length,
    time_limit_s: limitS,
    seed,
    peak_rss_mb: round(peakRss / 2 ** 20, 1),
  };
  if (values.json) {
    process.stdout.write(JSON.stringify({ instances: rows, summary }, null, 2) + '\n');
  } else {
    for (const r of rows) process.stdout.write(`${r.instance.padEnd(14)} ${String(r.cost).padStart(12)} bks ${String(r.bks).padStart(10)} gap ${String(r.gap_pct).padStart(7)}% veh ${r.vehicles} ${r.feasible ? 'ok' : 'INFEASIBLE'} ${r.seconds}s${wcvrptw ? ` (published veh ${r.vehicles_published}, Kim 2006 ${r.kim2006_miles} mi)` : ''}\n`);
    process.stdout.write(JSON.stringify(summary) + '\n');
  }
}

main().catch((err: unknown) => {
  if (isAppError(err) && err.kind === 'input') {
    process.stderr.write(`${err.message}\n${err.details.map((d) => `  ${d.name}: ${d.reason}`).join('\n')}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(isAppError(err) ? err.exitCode : 1);
});
