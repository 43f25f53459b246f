/**
 * npm run bench:sim -- --sensors 100000 --json [--hours 6] [--format native] [--broker-seconds 5]
 *   [--paced-seconds 10] [--connections 1] [--inflight 1000] [--no-broker]
 *
 * Can one process simulate a city's fleet fast enough? Measured in the same run:
 * 1. null sink: simulate + encode (through the ingest contract) as fast as possible for `hours`
 *    simulated hours: the simulator's own capacity;
 * 2. broker: the same fleet published with QoS 1 to MQTT_URL (local Mosquitto), flat out, for a
 *    few seconds: end-to-end capacity including the broker's PUBACKs;
 * 3. paced: the simulated clock really running at speed 1000 (then speed 1) against the broker
 *    (null sink without one), reporting how far simulated time lagged behind the clock.
 * Readings are hourly (near-full interval also 1 h, no faults) so the needed rate is exactly
 * sensors / 3600 per second at speed 1; `speedup` = measured rate / needed rate. One JSON object.
 */
import { loadConfig } from '../../platform/config.ts';
import { MessageEncoder, parseFormat } from '../encode/encode-reading.ts';
import { NO_FAULTS } from '../model/faults.ts';
import { FleetPublisher } from '../publish/fleet-publisher.ts';
import { MqttSink, NullSink, type MessageSink } from '../publish/message-sink.ts';
import { connectMqtt } from '../publish/mqtt-connection.ts';
import { SimClock } from '../publish/sim-clock.ts';
import { syntheticScenario } from '../scenario/synthetic.ts';
import type { Scenario } from '../scenario/types.ts';
import { FleetSimulator } from '../sim/fleet-simulator.ts';
import { numberFlag, parseFlags, runCli } from '../cli/run-cli.ts';

const START = Date.UTC(2026, 0, 5);

interface RunResult {
  readings: number;
  elapsedS: number;
  readingsPerS: number;
  /** Largest (clock − simulated time) seen, in simulated seconds. */
  maxLagS: number;
  finalLagS: number;
}

interface RunOptions {
  format: string;
  prefix: string;
  speed: number;
  /** Simulated duration. */
  hours: number;
  /** Real-time cap. */
  maxSeconds: number;
}

async function run(scenario: Scenario, sink: MessageSink, o: RunOptions): Promise<RunResult> {
  const simulator = new FleetSimulator(scenario, { seed: 1, start: START, faults: NO_FAULTS, sensor: { nearFullIntervalS: 3600 } });
  let maxLagMs = 0;
  const publisher = new FleetPublisher({
    simulator,
    encoder: new MessageEncoder({ format: parseFormat(o.format), prefix: o.prefix, models: scenario.sensors.map((s) => s.model) }),
    sink,
    clock: new SimClock(START, o.speed),
    endMs: START + o.hours * 3_600_000,
    progressIntervalMs: 100,
    onProgress: (s) => {
      if (Number.isFinite(s.clockMs)) maxLagMs = Math.max(maxLagMs, s.clockMs - s.simTimeMs);
    },
  });
  const timer = setTimeout(() => publisher.stop(), o.maxSeconds * 1000);
  const stats = await publisher.run();
  clearTimeout(timer);
  const finalLagMs = Number.isFinite(stats.clockMs) ? Math.max(0, stats.clockMs - stats.simTimeMs) : 0;
  return { readings: stats.acked, elapsedS: stats.elapsedS, readingsPerS: stats.acked / stats.elapsedS, maxLagS: maxLagMs / 1000, finalLagS: finalLagMs / 1000 };
}

await runCli(async () => {
  const f = parseFlags({
    sensors: { type: 'string' }, hours: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' },
    'broker-seconds': { type: 'string' }, 'paced-seconds': { type: 'string' }, 'no-broker': { type: 'boolean' }, connections: { type: 'string' },
    inflight: { type: 'string' },
  });
  const inflight = numberFlag(f.inflight, 'inflight', 1000, 1, 65_535);
  const connections = numberFlag(f.connections, 'connections', 1, 1, 1000);
  const sensors = numberFlag(f.sensors, 'sensors', 100_000, 1, 2_000_000);
  const hours = numberFlag(f.hours, 'hours', 6, 1, 24 * 365);
  const format = f.format ?? 'native';
  const brokerSeconds = numberFlag(f['broker-seconds'], 'broker-seconds', 5, 1, 600);
  const pacedSeconds = numberFlag(f['paced-seconds'], 'paced-seconds', 10, 1, 600);

  const t0 = performance.now();
  const scenario = syntheticScenario({ containers: sensors, seed: 1, tenant: { id: 'bench' } });
  const buildS = (performance.now() - t0) / 1000;
  const neededPerS = sensors / 3600;

  const nullRun = await run(scenario, new NullSink(), { format, prefix: '', speed: Infinity, hours, maxSeconds: 600 });
  const rssNullMb = process.memoryUsage().rss / 1e6;
  let rssMb = rssNullMb;

  // The broker phases share connections; without a broker the paced phases use the null sink.
  const config = loadConfig();
  let sinkFor: () => MessageSink = () => new NullSink();
  let closeBroker = async () => {};
  let broker: Record<string, unknown> | null = null;
  if (!f['no-broker']) {
    try {
      const conn = { url: config.mqttUrl, username: config.mqttUsername, password: config.mqttPassword };
      const clients = await Promise.all(Array.from({ length: connections }, () => connectMqtt(conn)));
      sinkFor = () => new MqttSink(clients, inflight * connections);
      closeBroker = async () => { await Promise.all(clients.map((c) => c.endAsync())); };
      const r = await run(scenario, sinkFor(), { format, prefix: `bench-sim-${process.pid}/`, speed: Infinity, hours, maxSeconds: brokerSeconds });
      broker = {
        url: config.mqttUrl, qos: 1, connections, inflight_per_connection: inflight, seconds: round(r.elapsedS, 2), readings: r.readings, readings_per_s: Math.round(r.readingsPerS),
        speedup: round(r.readingsPerS / neededPerS, 1), keeps_up_realtime: r.readingsPerS >= neededPerS, keeps_up_1000x: r.readingsPerS >= 1000 * neededPerS,
      };
      rssMb = Math.max(rssMb, process.memoryUsage().rss / 1e6);
    } catch (err) {
      broker = { url: config.mqttUrl, error: (err as Error).message };
    }
  }
  const pacedSink = broker && !('error' in broker) ? `mqtt ${config.mqttUrl} (QoS 1)` : 'null';
  const paced = async (speed: number, seconds: number) => {
    const r = await run(scenario, sinkFor(), { format, prefix: `bench-sim-${process.pid}/`, speed, hours: (seconds * speed) / 3600, maxSeconds: seconds + 30 });
    rssMb = Math.max(rssMb, process.memoryUsage().rss / 1e6);
    // Keeping up: simulated time is back with the clock at the end (≤ 1 simulated minute behind)
    // and the run took its scheduled time. max_lag says how far it fell behind on the way (GC
    // pauses and a busy broker cost real milliseconds, which are simulated seconds at 1000×).
    return {
      speed, sink: pacedSink, seconds: round(r.elapsedS, 2), readings: r.readings, readings_per_s: Math.round(r.readingsPerS),
      max_lag_sim_s: round(r.maxLagS, 1), final_lag_sim_s: round(r.finalLagS, 1), keeps_up: r.finalLagS <= 60 && r.elapsedS <= seconds * 1.05 + 0.5,
    };
  };
  const paced1000 = await paced(1000, pacedSeconds);
  const paced1 = await paced(1, Math.min(pacedSeconds, 5));
  await closeBroker();

  const result = {
    sensors,
    readings_per_s: Math.round(nullRun.readingsPerS),
    rss_mb: Math.round(rssMb),
    rss_mb_after_null_run: Math.round(rssNullMb),
    sink: 'null (simulate + encode, no network)',
    format,
    simulated_hours: hours,
    readings: nullRun.readings,
    elapsed_s: round(nullRun.elapsedS, 2),
    scenario_build_s: round(buildS, 2),
    needed_per_s_at_speed_1: round(neededPerS, 1),
    speedup: round(nullRun.readingsPerS / neededPerS, 1),
    keeps_up_realtime: nullRun.readingsPerS >= neededPerS && paced1.keeps_up,
    keeps_up_1000x: nullRun.readingsPerS >= 1000 * neededPerS && paced1000.keeps_up,
    broker,
    paced: [paced1000, paced1],
  };
  process.stdout.write((f.json ? JSON.stringify(result) : JSON.stringify(result, null, 2)) + '\n');
});

function round(x: number, digits: number): number {
  const p = 10 ** digits;
  return Math.round(x * p) / p;
}
