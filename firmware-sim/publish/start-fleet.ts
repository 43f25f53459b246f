/**
 * The simulated fleet as a component of a running system (`npm start`, demos): connect to the
 * configured broker, read collection events from the configured database (closed loop), publish at
 * `speed` from now on until stop().
 */
import type pg from 'pg';
import type { Config } from '../../platform/config.ts';
import { createPool } from '../../platform/db.ts';
import type { Logger } from '../../platform/logger.ts';
import type { MessageFormat } from '../../ingest/contracts/index.ts';
import { MessageEncoder, type PayloadStyle } from '../encode/encode-reading.ts';
import { DEFAULT_FAULT_RATES, type FaultRates } from '../model/faults.ts';
import { CollectionFeed } from '../scenario/collection-feed.ts';
import type { Scenario } from '../scenario/types.ts';
import { FleetSimulator } from '../sim/fleet-simulator.ts';
import { FleetPublisher, type PublisherStats } from './fleet-publisher.ts';
import { connectMany, connectMqtt } from './mqtt-connection.ts';
import { MqttSink } from './message-sink.ts';
import { SimClock } from './sim-clock.ts';

export interface StartFleetOptions {
  config: Pick<Config, 'mqttUrl' | 'mqttUsername' | 'mqttPassword' | 'databaseUrl'> & Partial<Pick<Config, 'mqttTopicPrefix'>>;
  logger: Logger;
  scenario: Scenario;
  /** Simulated seconds per real second (1 = real time). */
  speed?: number;
  seed?: number | string;
  format?: MessageFormat;
  payload?: PayloadStyle;
  faults?: FaultRates;
  /** Topic prefix (tests). */
  prefix?: string;
  /** Simulated start (default: now). */
  startMs?: number;
  /** Stop after this many simulated days (default: run until stop()). */
  days?: number;
  ratePerSecond?: number;
  /** One MQTT connection per device, up to this many (default 1 shared connection). */
  connections?: number;
  /** Read collection events from the database (default true). */
  closedLoop?: boolean;
  /**
   * Start each container at its last fill known to the database (container_state), so that a
   * restarted `npm start` continues where it left off. Default: true when running live from now
   * (no startMs) with the closed loop on.
   */
  resume?: boolean;
  onProgress?: (stats: PublisherStats) => void;
}

export interface RunningFleet {
  readonly simulator: FleetSimulator;
  stats(): PublisherStats;
  /** Resolves when the run ends (days reached or stopped). */
  readonly done: Promise<PublisherStats>;
  stop(): Promise<PublisherStats>;
}

export async function startSimulatedFleet(o: StartFleetOptions): Promise<RunningFleet> {
  const log = o.logger.child({ component: 'firmware-sim' });
  const startMs = o.startMs ?? Math.floor(Date.now() / 1000) * 1000;
  const speed = o.speed ?? 1;
  const connOptions = { url: o.config.mqttUrl, username: o.config.mqttUsername, password: o.config.mqttPassword };
  const wanted = Math.max(1, Math.min(o.connections ?? 1, o.scenario.sensors.length, 1000));
  const clients = wanted === 1
    ? [await connectMqtt(connOptions)]
    : await connectMany(connOptions, o.scenario.sensors.slice(0, wanted).map((s) => `sim-${o.scenario.tenant.id}-${s.id}`));

  let pool: pg.Pool | undefined;
  let feed: CollectionFeed | undefined;
  if (o.closedLoop ?? true) {
    pool = createPool(o.config.databaseUrl, { max: 1 });
    feed = new CollectionFeed(pool, o.scenario.tenant.id, startMs);
  }

  let scenario = o.scenario;
  if (pool && (o.resume ?? o.startMs === undefined)) scenario = await resumeFills(pool, scenario, log);

  const simulator = new FleetSimulator(scenario, { seed: o.seed ?? o.scenario.seed, start: startMs, faults: o.faults ?? DEFAULT_FAULT_RATES });
  const sink = new MqttSink(clients);
  const publisher = new FleetPublisher({
    simulator,
    encoder: new MessageEncoder({ format: o.format ?? 'native', payload: o.payload, prefix: o.prefix ?? (o.config.mqttTopicPrefix || undefined), models: o.scenario.sensors.map((s) => s.model) }),
    sink,
    clock: new SimClock(startMs, speed),
    endMs: o.days === undefined ? Infinity : startMs + o.days * 86_400_000,
    ratePerSecond: o.ratePerSecond,
    collectionFeed: feed,
    onProgress: o.onProgress,
    logger: log,
  });
  log.info({ tenant: o.scenario.tenant.id, sensors: o.scenario.sensors.length, speed, connections: clients.length }, 'simulated sensor fleet started');

  const done = publisher.run().finally(async () => {
    await sink.close();
    await pool?.end();
    log.info(publisher.stats(), 'simulated sensor fleet stopped');
  });
  return {
    simulator,
    stats: () => publisher.stats(),
    done,
    async stop() {
      publisher.stop();
      return done;
    },
  };
}

/** The scenario with initial fills taken from container_state where the database has one. */
async function resumeFills(pool: pg.Pool, scenario: Scenario, log: Logger): Promise<Scenario> {
  try {
    const { rows } = await pool.query<{ container_id: string; fill_level: number | null }>(
      'SELECT container_id, fill_level FROM container_state WHERE tenant_id = $1 AND fill_level IS NOT NULL',
      [scenario.tenant.id],
    );
    if (rows.length === 0) return scenario;
    const known = new Map(rows.map((r) => [r.container_id, r.fill_level!]));
    log.info({ containers: known.size }, 'simulated fleet resumes from the fills in the database');
    return {
      ...scenario,
      containers: scenario.containers.map((c) => (known.has(c.id) ? { ...c, initialFill: Math.min(1.4, Math.max(0, known.get(c.id)!)) } : c)),
    };
  } catch (err) {
    log.warn({ err }, 'could not read container fills; starting from the scenario');
    return scenario;
  }
}
