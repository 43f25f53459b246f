/**
 * One publisher process of the benchmark (`--publisher-processes N`): encodes its share of the
 * readings (every N-th, starting at its index), prints `ready`, waits for `go` on stdin, publishes,
 * and prints one JSON line with its time and CPU. Several processes are what many independent
 * sensors are: the load generator is not one single-threaded bottleneck.
 *
 *   node --import tsx ingest/bench/publisher-process.ts <brokerUrl> <total> <index> <count> <startMs> <sensors> <format> <window>
 */
import type { MessageFormat } from '../contracts/index.ts';
import { benchReading, sensorIds } from './bench-fleet.ts';
import { encodeAll, publishReadings } from './publishers.ts';

const [url, total, index, count, startMs, sensors, format, window] = process.argv.slice(2);
const n = Number(count);
const first = Number(index);
const all = Number(total);
const ids = sensorIds(Number(sensors));
const mine = Math.floor((all - first + n - 1) / n);
const reading = (i: number) => benchReading(first + i * n, ids, Number(startMs));
const plan = { url: url!, total: mine, clients: 1, window: Number(window), format: { format: format as MessageFormat }, reading };
const encoded = encodeAll(plan);
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  const cpu = process.cpuUsage();
  publishReadings(plan, encoded).then(({ seconds }) => {
    const used = process.cpuUsage(cpu);
    process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds: (used.user + used.system) / 1e6 })}\n`);
    process.exit(0);
  }, (err) => {
    console.error(err);
    process.exit(1);
  });
});
