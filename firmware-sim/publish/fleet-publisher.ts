/**
 * Drives the fleet simulator with a simulated clock and sends each reading through the encoder to
 * a sink: messages due up to "simulated now" go out in time order, a token bucket caps the rate,
 * the sink's in-flight window gives backpressure, and collection events from the database are fed
 * back (closed loop). When the sink cannot keep up, simulated time lags and the lag is reported.
 */
import type { Logger } from '../../platform/logger.ts';
import type { MessageEncoder } from '../encode/encode-reading.ts';
import type { CollectionFeed } from '../scenario/collection-feed.ts';
import type { FleetSimulator, SimReading } from '../sim/fleet-simulator.ts';
import type { MessageSink } from './message-sink.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { SimClock } from './sim-clock.ts';

export interface PublisherOptions {
  simulator: FleetSimulator;
  encoder: MessageEncoder;
  sink: MessageSink;
  clock: SimClock;
  /** Stop when simulated time reaches this (UTC ms); Infinity runs until stop(). */
  endMs: number;
  ratePerSecond?: number;
  collectionFeed?: CollectionFeed;
  pollIntervalMs?: number;
  onProgress?: (stats: PublisherStats) => void;
  progressIntervalMs?: number;
  logger?: Logger;
}

export interface PublisherStats {
  /** Simulated time the fleet has reached. */
  simTimeMs: number;
  /** Simulated time the clock says it should be (ahead of simTimeMs when lagging). */
  clockMs: number;
  sent: number;
  acked: number;
  failed: number;
  duplicates: number;
  collectionsApplied: number;
  /** Messages per real second since the start. */
  ratePerSecond: number;
  elapsedS: number;
}

const BATCH = 2000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FleetPublisher {
  private stopped = false;
  private sent = 0;
  private duplicates = 0;
  private collectionsApplied = 0;
  private readonly startedReal = performance.now();
  private wake: (() => void) | undefined;

  constructor(private readonly o: PublisherOptions) {}

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  stats(): PublisherStats {
    const elapsedS = (performance.now() - this.startedReal) / 1000;
    const clockNow = this.o.clock.now();
    return {
      simTimeMs: this.o.simulator.now,
      clockMs: Math.min(clockNow, this.o.endMs),
      sent: this.sent,
      acked: this.o.sink.acked,
      failed: this.o.sink.failed,
      duplicates: this.duplicates,
      collectionsApplied: this.collectionsApplied,
      ratePerSecond: elapsedS > 0 ? this.o.sink.acked / elapsedS : 0,
      elapsedS,
    };
  }

  async run(): Promise<PublisherStats> {
    const { simulator, encoder, sink, clock, endMs } = this.o;
    const limiter = new RateLimiter(this.o.ratePerSecond ?? Infinity);
    const pollEvery = this.o.pollIntervalMs ?? 2000;
    const progressEvery = this.o.progressIntervalMs ?? 250;
    let lastPoll = -Infinity;
    let lastProgress = -Infinity;
    const batch: SimReading[] = [];
    const collect = (r: SimReading) => batch.push(r);

    while (!this.stopped) {
      const realNow = performance.now();
      if (this.o.collectionFeed && realNow - lastPoll >= pollEvery) {
        lastPoll = realNow;
        await this.pollCollections();
      }
      if (this.o.onProgress && realNow - lastProgress >= progressEvery) {
        lastProgress = realNow;
        this.o.onProgress(this.stats());
      }

      batch.length = 0;
      simulator.advanceTo(Math.min(clock.now(), endMs), collect, BATCH);
      if (batch.length === 0) {
        if (simulator.now >= endMs) break;
        const next = Math.min(simulator.nextEventMs(), endMs);
        await this.idle(Math.min(200, Math.max(1, clock.realDelayUntil(next))));
        continue;
      }
      for (const r of batch) {
        for (let wait = limiter.take(); wait > 0; wait = limiter.take()) await sleep(wait);
        const pending = sink.send(encoder.encode(r), r.sensorIndex);
        if (pending) await pending;
        this.sent++;
        if (r.duplicate) this.duplicates++;
        if (this.stopped) break;
      }
    }
    await sink.flush();
    const final = this.stats();
    this.o.onProgress?.(final);
    return final;
  }

  private async pollCollections(): Promise<void> {
    try {
      for (const e of await this.o.collectionFeed!.poll()) {
        if (this.o.simulator.recordCollection(e.containerId, e.timeMs, e.fillAfter)) this.collectionsApplied++;
      }
    } catch (err) {
      this.o.logger?.warn({ err }, 'reading collection events failed; retrying');
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
