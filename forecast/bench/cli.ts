/**
 * Forecast accuracy benchmark: walk-forward mean absolute error of the forecast against a naive
 * baseline, in the same run, on fill series from a CSV file or from the simulator.
 *   npm run bench:forecast -- --input series.csv [--json]
 *   npm run bench:forecast -- --simulate 100 [--days 28] [--seed 1] [--faults default|none|dead=0.05,…] [--truth] [--write series.csv] [--json]
 * --truth scores simulated series against the real fill instead of the readings.
 * Prints { observations, containers, mae_forecast, mae_naive, ratio } (JSON with --json).
 * Exit code 2 on bad arguments or input, 1 on a crash.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { parseFaultRates } from '../../firmware-sim/index.ts';
import { InputError, isAppError } from '../../platform/errors.ts';
import { readSeriesCsv, writeSeriesCsv } from './series-csv.ts';
import { simulateSeries } from './simulate-series.ts';
import { walkForward } from './walk-forward.ts';

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`--${name} must be a positive integer`, [{ name, reason: `"${value}" is not a positive integer` }]);
  return n;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      input: { type: 'string' },
      simulate: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      faults: { type: 'string' },
      write: { type: 'string' },
      truth: { type: 'boolean', default: false },
      'time-zone': { type: 'string', default: 'Europe/Amsterdam' },
      json: { type: 'boolean', default: false },
    },
  });
  if ((values.input === undefined) === (values.simulate === undefined)) {
    throw new InputError('give either --input FILE.csv or --simulate N', [{ name: values.input ? 'simulate' : 'input', reason: 'exactly one of --input and --simulate' }]);
  }
  if (values.truth && values.input !== undefined) throw new InputError('--truth needs --simulate: a CSV has no real fill', [{ name: 'truth', reason: 'only with --simulate' }]);
  let series;
  if (values.input !== undefined) {
    let text: string;
    try {
      text = readFileSync(values.input, 'utf8');
    } catch (err) {
      throw new InputError(`cannot read ${values.input}: ${(err as Error).message}`, [{ name: 'input', reason: 'file not readable' }]);
    }
    series = readSeriesCsv(text, values.input);
  } else {
    series = simulateSeries({
      containers: positiveInt(values.simulate, 'simulate', 100),
      days: positiveInt(values.days, 'days', 28),
      seed: positiveInt(values.seed, 'seed', 1),
      faults: parseFaultRates(values.faults),
    });
    if (values.write) writeFileSync(values.write, writeSeriesCsv([...series.values()].flat()));
  }
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: '{bar} {value}/{total} containers', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic);
  bar.start(series.size, 0);
  const result = walkForward(series, { timeZone: values['time-zone'], againstTruth: values.truth, onContainer: (done) => bar.update(done) });
  bar.stop();
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(`observations ${result.observations}, containers ${result.containers}\n`);
    process.stdout.write(`MAE forecast ${result.mae_forecast}, naive ${result.mae_naive}, ratio ${result.ratio}\n`);
  }
}

try {
  main();
} catch (err) {
  if (isAppError(err) && err.kind === 'input') {
    process.stderr.write(`${err.message}\n${err.details.map((d) => `  ${d.name}: ${d.reason}`).join('\n')}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`Internal error (a bug, please report it):\n${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(isAppError(err) ? err.exitCode : 1);
}
