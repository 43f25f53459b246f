/**
 * The fleet of `npm start`: live at real time, and on a first start (no readings yet for the
 * tenant) preceded by one simulated day of history, fast-forwarded, so the dispatcher console has
 * fill levels, history and a plan worth making from the first minute.
 */
import type pg from 'pg';
import type { Logger } from '../../platform/logger.ts';
import type { Scenario } from '../scenario/types.ts';
import { startSimulatedFleet, type RunningFleet, type StartFleetOptions } from './start-fleet.ts';

export interface DemoFleetOptions {
  config: StartFleetOptions['config'];
  logger: Logger;
  pool: pg.Pool;
  scenario: Scenario;
  /** Simulated hours of history on a first start (0: none). */
  historyHours?: number;
}

export interface DemoFleet {
  /** True while the history is being published (the live fleet starts after it). */
  backfilling(): boolean;
  stop(): Promise<void>;
}

export async function startDemoFleet(o: DemoFleetOptions): Promise<DemoFleet> {
  const historyHours = o.historyHours ?? 24;
  const { rows } = await o.pool.query('SELECT 1 FROM readings WHERE tenant_id = $1 LIMIT 1', [o.scenario.tenant.id]);
  let current: RunningFleet | undefined;
  let stopped = false;
  let history = false;

  const startLive = async () => {
    if (stopped) return;
    current = await startSimulatedFleet({ config: o.config, logger: o.logger, scenario: o.scenario, speed: 1 });
  };

  if (rows.length === 0 && historyHours > 0) {
    history = true;
    const hourMs = 3_600_000;
    const startMs = Math.floor((Date.now() - historyHours * hourMs) / 1000) * 1000;
    o.logger.info({ hours: historyHours }, 'first start: publishing simulated history before going live');
    // ~20,000x: a day of hourly readings from 400 sensors takes a few seconds.
    current = await startSimulatedFleet({ config: o.config, logger: o.logger, scenario: o.scenario, startMs, days: historyHours / 24, speed: 20_000, resume: false });
    void current.done.then(async () => {
      history = false;
      await startLive();
    }, (err) => o.logger.error({ err }, 'simulated history failed'));
  } else {
    await startLive();
  }

  return {
    backfilling: () => history,
    async stop() {
      stopped = true;
      await current?.stop();
    },
  };
}
