/**
 * Ingest benchmark: `npm run bench:ingest -- --readings 1000000 [--sensors 1000] [--json]`
 *
 * In one run, against a fresh database on this machine's PostgreSQL and a private Mosquitto
 * (deploy/mosquitto/ingest-test.conf):
 *   (a) raw COPY of the readings straight into `readings` (the baseline), then TRUNCATE;
 *   (b) end to end: publishers → Mosquitto → ingester process (ingest/main.ts) → committed rows,
 *       timed from the first publish to the last commit.
 * Prints one JSON object: readings, raw_copy_rows_per_s, ingest_rows_per_s, ratio, lost,
 * duplicated, rss_mb (peak RSS of the ingester process), and more. Not a test: no assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../platform/config.ts';
import { withDatabase } from '../../platform/db.ts';
import { BENCH_TENANT, benchReading, createBenchDatabase, seedFleet, sensorIds } from './bench-fleet.ts';
import { freePort, startLocalMosquitto } from './local-mosquitto.ts';
import { encodeAll, publishReadings } from './publishers.ts';
import { INGEST_DEFAULTS } from '../ingester.ts';
import { rawCopy } from './raw-copy.ts';
import type { MessageFormat } from '../contracts/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

function startIngesterProcess(env: Record<string, string>, args: string[], nodeArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'ingest/main.ts', ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('"ingest ready"')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`ingester exited (${code}) before ready`)));
  });
}

/** Child publisher processes (publisher-process.ts): all encode first, then all start together. */
async function runPublisherProcesses(count: number, args: string[], onStart: () => void): Promise<{ seconds: number; cpuSeconds: number }> {
  const [url, total, startMs, sensors, format, window] = args;
  const children = Array.from({ length: count }, (_, i) => spawn(process.execPath,
    ['--import', 'tsx', 'ingest/bench/publisher-process.ts', url!, total!, String(i), String(count), startMs!, sensors!, format!, window!],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] }));
  const lines = children.map((child) => {
    const queue: string[] = [];
    const waiters: ((line: string) => void)[] = [];
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const w = waiters.shift();
        if (w) w(line);
        else queue.push(line);
      }
    });
    return () => new Promise<string>((resolve) => {
      const line = queue.shift();
      if (line !== undefined) resolve(line);
      else waiters.push(resolve);
    });
  });
  await Promise.all(lines.map((next) => next()));
  onStart();
  const t0 = process.hrtime.bigint();
  for (const child of children) child.stdin!.write('go\n');
  const results = (await Promise.all(lines.map((next) => next()))).map((l) => JSON.parse(l) as { seconds: number; cpuSeconds: number });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpuSeconds: results.reduce((s, r) => s + r.cpuSeconds, 0) };
}

async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(name) && (line[name.length] === ' ' || line[name.length] === '{')) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // process gone (a backend replaced after a reconnect)
  }
}

/** The PostgreSQL backends serving the ingester (same machine). */
async function ingesterBackends(pool: pg.Pool, applicationName: string): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
  return rows.map((r) => r.pid);
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      readings: { type: 'string', default: '50000' },
      sensors: { type: 'string', default: '1000' },
      format: { type: 'string', default: 'native' },
      publishers: { type: 'string', default: '2' },
      'publish-window': { type: 'string', default: '1000' },
      /** Publish from this many child processes instead of the benchmark process (0). */
      'publisher-processes': { type: 'string', default: '0' },
      'batch-size': { type: 'string', default: '5000' },
      'max-in-flight': { type: 'string', default: '20000' },
      writers: { type: 'string', default: String(INGEST_DEFAULTS.writers) },
      json: { type: 'boolean', default: false },
      /** Write a V8 CPU profile of the ingester process into this directory. */
      'cpu-prof-dir': { type: 'string' },
    },
  });
  const total = Number(values.readings);
  const ids = sensorIds(Number(values.sensors));
  const say = (msg: string) => { if (!values.json) console.error(msg); };
  const serverUrl = process.env.BENCH_DATABASE_URL ?? withDatabase(loadConfig().databaseUrl, 'postgres');
  const broker = await startLocalMosquitto();
  const db = await createBenchDatabase(serverUrl);
  let ingester: ChildProcess | undefined;
  try {
    await seedFleet(db.pool, ids);
    const startMs = Date.now() - Math.ceil(total / ids.length) * 600_000 - 86_400_000;

    say(`raw COPY of ${total} readings ...`);
    const raw = await rawCopy(db.pool, total, ids, startMs, cpuSeconds);
    await db.pool.query('TRUNCATE readings');
    await db.pool.query('VACUUM ANALYZE readings');

    const metricsPort = await freePort();
    ingester = await startIngesterProcess({ DATABASE_URL: db.url, MQTT_URL: broker.url, LOG_LEVEL: 'warn' },
      ['--client-id', 'bench-ingest', '--metrics-port', String(metricsPort), '--batch-size', values['batch-size']!, '--max-in-flight', values['max-in-flight']!, '--writers', values.writers!],
      values['cpu-prof-dir'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof-dir']] : []);
    say(`end to end: ${total} readings through Mosquitto ...`);
    const plan = {
      url: broker.url, total, clients: Number(values.publishers), window: Number(values['publish-window']),
      format: { format: values.format as MessageFormat }, reading: (i: number) => benchReading(i, ids, startMs),
    };
    let started = process.hrtime.bigint();
    let cpuBefore = { ingester: 0, broker: 0, publishers: process.cpuUsage(), backends: new Map<number, number>() };
    const startClock = () => {
      started = process.hrtime.bigint();
      cpuBefore = { ingester: cpuSeconds(ingester!.pid!), broker: cpuSeconds(broker.process.pid!), publishers: process.cpuUsage(), backends: new Map() };
    };
    // The ingester's pool opens its connections on the first batch; sample them while running.
    const backendCpu = new Map<number, number>();
    const sampleBackends = async () => {
      for (const pid of await ingesterBackends(db.pool, 'bench-ingest')) {
        if (!cpuBefore.backends.has(pid)) cpuBefore.backends.set(pid, cpuSeconds(pid));
        backendCpu.set(pid, cpuSeconds(pid));
      }
    };
    // The clock starts when the publishers are connected and about to send the first message.
    const processes = Number(values['publisher-processes']);
    let childPublisherCpu = 0;
    const publishing = processes > 0
      ? runPublisherProcesses(processes, [broker.url, String(total), String(startMs), String(ids.length), values.format!, values['publish-window']!], startClock)
        .then((r) => {
          childPublisherCpu = r.cpuSeconds;
          return { seconds: r.seconds };
        })
      : publishReadings(plan, encodeAll(plan), startClock);
    let maxInFlight = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        maxInFlight = Math.max(maxInFlight, await metric(metricsPort, 'ingest_inflight_messages'));
        await sampleBackends();
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const pub = await publishing;
    let stored = 0;
    let lastProgress = Date.now();
    while (true) {
      const s = (await metric(metricsPort, 'ingest_readings_stored_total')) + (await metric(metricsPort, 'ingest_readings_duplicate_total'));
      if (s > stored) lastProgress = Date.now();
      stored = s;
      if (stored >= total || Date.now() - lastProgress > 30_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    sampling = false;
    await sampler;
    await sampleBackends();
    const batches = await metric(metricsPort, 'ingest_batch_size_count');
    const batchSum = await metric(metricsPort, 'ingest_batch_size_sum');
    const batchSeconds = await metric(metricsPort, 'ingest_batch_duration_seconds_sum');
    const rss = peakRssMb(ingester.pid!);
    const pubCpu = process.cpuUsage(cpuBefore.publishers);
    const cpu = {
      ingester: round(cpuSeconds(ingester.pid!) - cpuBefore.ingester, 2),
      broker: round(cpuSeconds(broker.process.pid!) - cpuBefore.broker, 2),
      publishers: round((pubCpu.user + pubCpu.system) / 1e6 + childPublisherCpu, 2),
      postgres: round([...backendCpu].reduce((sum, [pid, now]) => sum + now - (cpuBefore.backends.get(pid) ?? now), 0), 2),
    };
    const { rows } = await db.pool.query<{ n: string; keys: string; seqs: string }>(
      `SELECT count(*) AS n, count(DISTINCT (sensor_id, time)) AS keys, count(DISTINCT seq) AS seqs FROM readings WHERE tenant_id = $1`, [BENCH_TENANT]);
    const n = Number(rows[0]!.n);
    const deadLetters = Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM dead_letters')).rows[0]!.n);
    const rawRate = total / raw.seconds;
    const ingestRate = n / seconds;
    const result = {
      readings: total,
      sensors: ids.length,
      format: values.format,
      raw_copy_seconds: round(raw.seconds, 2),
      raw_copy_rows_per_s: round(rawRate),
      raw_copy_postgres_cpu_seconds: raw.backendCpuSeconds === undefined ? null : round(raw.backendCpuSeconds, 2),
      ingest_seconds: round(seconds, 2),
      publish_seconds: round(pub.seconds, 2),
      ingest_rows_per_s: round(ingestRate),
      ratio: round(ingestRate / rawRate, 3),
      lost: total - Number(rows[0]!.seqs),
      duplicated: n - Number(rows[0]!.keys),
      dead_letters: deadLetters,
      rss_mb: round(rss, 1),
      cpu_seconds: cpu,
      batches,
      max_inflight_seen: maxInFlight,
      mean_batch_size: round(batchSum / batches),
      commit_seconds_total: round(batchSeconds, 2),
      batch_size: Number(values['batch-size']),
      max_in_flight: Number(values['max-in-flight']),
      writers: Number(values.writers),
    };
    console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
  } finally {
    if (ingester && ingester.exitCode === null) {
      await new Promise<void>((resolve) => {
        ingester!.once('exit', () => resolve());
        ingester!.kill('SIGTERM');
      });
    }
    await db.drop();
    await broker.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
