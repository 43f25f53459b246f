/**
 * npm run sim:evaluate -- --scenario monaco --days 30 --policy fixed,fixed-tuned,threshold,forecast
 *   --seed 1 --json out.json --plots DIR [--faulty-share 0.1] [--start 2026-02-02] [--warmup 14]
 *   [--iterations 100] [--time-limit 60] [--vehicles 6] [--forecast-must-fill 0.8] [--no-progress]
 *
 * The closed-loop evaluation in one process (no MQTT): the simulator's fill and sensor models, the
 * forecast, the planner's selection, the optimizer and the built-in router on OSM_PBF (default the
 * Monaco extract). The solver gets `--iterations` per day (reproducible for a seed) under a time
 * cap of `--time-limit` seconds. Writes one JSON object (stdout unless --json) and SVG plots.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { createRoutingProvider, DEFAULT_PBF_RELATIVE_PATH } from '../../optimizer/routing/index.ts';
import { InputError } from '../../platform/errors.ts';
import { numberFlag, parseFlags, runCli } from '../cli/run-cli.ts';
import { loadScenario } from '../scenario/scenario-file.ts';
import { evaluatePolicies } from './evaluate.ts';
import { dailyKmSvg, fillHistogramSvg, overflowSvg } from './plots.ts';
import { POLICIES, type PolicyName } from './policies.ts';
import { scenarioPoints } from './scenario-input.ts';

/** Twice the Monaco scenario's three trucks: enough that no policy is held back by its fleet; `trucks` reports what each used. */
const DEFAULT_FLEET = 6;

function parsePolicies(text: string): PolicyName[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!(POLICIES as readonly string[]).includes(n)) throw new InputError(`--policy: unknown policy ${n}`, [{ name: 'policy', reason: `expected a list of ${POLICIES.join(', ')}` }]);
  }
  if (names.length === 0) throw new InputError('--policy: no policy given', [{ name: 'policy', reason: `expected a list of ${POLICIES.join(', ')}` }]);
  return names as PolicyName[];
}

async function main(): Promise<void> {
  const flags = parseFlags({
    scenario: { type: 'string', default: 'monaco' },
    days: { type: 'string' },
    policy: { type: 'string', default: POLICIES.join(',') },
    seed: { type: 'string' },
    json: { type: 'string' },
    plots: { type: 'string' },
    'faulty-share': { type: 'string' },
    start: { type: 'string', default: '2026-02-02' },
    warmup: { type: 'string' },
    iterations: { type: 'string' },
    vehicles: { type: 'string' },
    'forecast-must-fill': { type: 'string' },
    'time-limit': { type: 'string' },
    'no-progress': { type: 'boolean', default: false },
  });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(flags.start!) || new Date(`${flags.start}T12:00:00Z`).getUTCDay() !== 1) {
    throw new InputError(`--start: ${flags.start} is not a Monday`, [{ name: 'start', reason: 'expected a Monday as YYYY-MM-DD' }]);
  }
  const scenario = loadScenario(flags.scenario!);
  const policies = parsePolicies(flags.policy!);
  const days = numberFlag(flags.days, 'days', 30, 1, 366);
  const seed = numberFlag(flags.seed, 'seed', 1, 0, 2 ** 31);
  const routing = await createRoutingProvider({ pbfPath: resolve(process.env.OSM_PBF ?? DEFAULT_PBF_RELATIVE_PATH) });
  // One matrix of every point first: each day's table is then answered from the cache.
  await routing.table(scenarioPoints(scenario), 'truck');

  const bar = flags['no-progress'] ? null : new cliProgress.SingleBar({ format: 'evaluate {policy} |{bar}| {value}/{total} days | {km} km', stream: process.stderr, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic);
  bar?.start(policies.length * days, 0, { policy: policies[0], km: 0 });
  const started = performance.now();
  const result = await evaluatePolicies({
    scenario, policies, days, seed, startDate: flags.start!,
    warmupDays: numberFlag(flags.warmup, 'warmup', 14, 0, 60),
    faultyShare: numberFlag(flags['faulty-share'], 'faulty-share', 0, 0, 1),
    maxIterations: numberFlag(flags.iterations, 'iterations', 100, 1),
    timeLimitMs: numberFlag(flags['time-limit'], 'time-limit', 60, 0.1) * 1000,
    routing,
    fleetSize: numberFlag(flags.vehicles, 'vehicles', DEFAULT_FLEET, 1, 200),
    ...(flags['forecast-must-fill'] ? { forecastMustFill: numberFlag(flags['forecast-must-fill'], 'forecast-must-fill', 0.8, 0.1, 1.5) } : {}),
    onDay: (policy, d) => bar?.increment(1, { policy, km: Math.round(d.km) }),
  });
  bar?.stop();
  const daily = Object.fromEntries([...result.days].map(([name, days]) => [name, days.map((d) => ({
    date: d.date, km: Math.round(d.km * 10) / 10, collections: d.collections, trucks: d.trucks, overflow_container_hours: d.overflowContainerHours,
  }))]));
  const out = { seed: result.seed, settings: { ...result.settings, router: routing.name, elapsedS: Math.round((performance.now() - started) / 100) / 10 }, policies: result.policies, daily };
  const text = JSON.stringify(out, null, 2) + '\n';
  if (flags.json) writeFileSync(flags.json, text);
  else process.stdout.write(text);
  if (flags.plots) {
    mkdirSync(flags.plots, { recursive: true });
    writeFileSync(join(flags.plots, 'daily-km.svg'), dailyKmSvg(result.days));
    writeFileSync(join(flags.plots, 'fill-at-emptying.svg'), fillHistogramSvg(result.days));
    writeFileSync(join(flags.plots, 'overflow-hours.svg'), overflowSvg(result.days));
  }
}

void runCli(main);
