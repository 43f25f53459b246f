/**
 * npm run bench:sim -- --sensors 100000 --json [--hours 6] [--format native] [--broker-seconds 5] [--connections 1] [--no-broker]
 *
 * Can one process simulate a city's fleet fast enough? Two measurements in the same run:
 * 1. null sink: simulate + encode (through the ingest contract) as fast as possible for `hours`
 *    simulated hours: the simulator's own capacity;
 * 2. broker: the same fleet published with QoS 1 to MQTT_URL (local Mosquitto) for a few seconds:
 *    the end-to-end capacity including the broker's PUBACKs.
 * Readings are hourly (near-full interval also 1 h, no faults) so that the needed rate is exactly
 * sensors / 3600 per second at speed 1; `speedup` is measured rate / needed rate, i.e. how many
 * times faster than real time the fleet can run. Prints one JSON object.
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
}

async function run(scenario: Scenario, sink: MessageSink, format: string, hours: number, maxSeconds: number, prefix: string): Promise<RunResult> {
  const simulator = new FleetSimulator(scenario, { seed: 1, start: START, faults: NO_FAULTS, sensor: { nearFullIntervalS: 3600 } });
  const publisher = new FleetPublisher({
    simulator,
    encoder: new MessageEncoder({ format: parseFormat(format), prefix, models: scenario.sensors.map((s) => s.model) }),
    sink,
    clock: new SimClock(START, Infinity),
    endMs: START + hours * 3_600_000,
  });
  const timer = setTimeout(() => publisher.stop(), maxSeconds * 1000);
  const stats = await publisher.run();
  clearTimeout(timer);
  return { readings: stats.acked, elapsedS: stats.elapsedS, readingsPerS: stats.acked / stats.elapsedS };
}

await runCli(async () => {
  const f = parseFlags({
    sensors: { type: 'string' }, hours: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' },
    'broker-seconds': { type: 'string' }, 'no-broker': { type: 'boolean' }, connections: { type: 'string' },
  });
  const connections = numberFlag(f.connections, 'connections', 1, 1, 1000);
  const sensors = numberFlag(f.sensors, 'sensors', 100_000, 1, 2_000_000);
  const hours = numberFlag(f.hours, 'hours', 6, 1, 24 * 365);
  const format = f.format ?? 'native';
  const brokerSeconds = numberFlag(f['broker-seconds'], 'broker-seconds', 5, 1, 600);

  const t0 = performance.now();
  const scenario = syntheticScenario({ containers: sensors, seed: 1, tenant: { id: 'bench' } });
  const buildS = (performance.now() - t0) / 1000;
  const neededPerS = sensors / 3600;

  const nullRun = await run(scenario, new NullSink(), format, hours, 600, '');
  const rssNullMb = process.memoryUsage().rss / 1e6;
  let rssMb = rssNullMb;

  let broker: Record<string, unknown> | null = null;
  if (!f['no-broker']) {
    const config = loadConfig();
    try {
      const conn = { url: config.mqttUrl, username: config.mqttUsername, password: config.mqttPassword };
      const clients = await Promise.all(Array.from({ length: connections }, () => connectMqtt(conn)));
      const sink = new MqttSink(clients, 1000 * connections);
      const r = await run(scenario, sink, format, hours, brokerSeconds, `bench-sim-${process.pid}/`);
      await sink.close();
      broker = {
        url: config.mqttUrl, qos: 1, connections, seconds: round(r.elapsedS, 2), readings: r.readings, readings_per_s: Math.round(r.readingsPerS),
        speedup: round(r.readingsPerS / neededPerS, 1), keeps_up_realtime: r.readingsPerS >= neededPerS, keeps_up_1000x: r.readingsPerS >= 1000 * neededPerS,
      };
      rssMb = Math.max(rssMb, process.memoryUsage().rss / 1e6);
    } catch (err) {
      broker = { url: config.mqttUrl, error: (err as Error).message };
    }
  }

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
    keeps_up_realtime: nullRun.readingsPerS >= neededPerS,
    keeps_up_1000x: nullRun.readingsPerS >= 1000 * neededPerS,
    broker,
  };
  process.stdout.write((f.json ? JSON.stringify(result) : JSON.stringify(result, null, 2)) + '\n');
});

function round(x: number, digits: number): number {
  const p = 10 ** digits;
  return Math.round(x * p) / p;
}
