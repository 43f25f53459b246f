import { describe, expect, it } from 'vitest';
import type { EncodedMessage } from '../../../ingest/contracts/index.ts';
import { MessageEncoder } from '../../../firmware-sim/encode/encode-reading.ts';
import { FleetPublisher } from '../../../firmware-sim/publish/fleet-publisher.ts';
import type { MessageSink } from '../../../firmware-sim/publish/message-sink.ts';
import { RateLimiter } from '../../../firmware-sim/publish/rate-limiter.ts';
import { SimClock } from '../../../firmware-sim/publish/sim-clock.ts';
import { syntheticScenario } from '../../../firmware-sim/scenario/synthetic.ts';
import { FleetSimulator } from '../../../firmware-sim/sim/fleet-simulator.ts';

const START = Date.UTC(2026, 0, 5);

class CapturingSink implements MessageSink {
  readonly messages: string[] = [];
  acked = 0;
  failed = 0;
  bytes = 0;
  send(m: EncodedMessage): void {
    this.messages.push(`${m.topic} ${m.payload.toString('base64')}`);
    this.acked++;
  }
  async flush() {}
  async close() {}
}

async function publishOnce(seed: number): Promise<string[]> {
  const scenario = syntheticScenario({ containers: 30, seed: 1 });
  const sink = new CapturingSink();
  await new FleetPublisher({
    simulator: new FleetSimulator(scenario, { seed, start: START }),
    encoder: new MessageEncoder({ format: 'chirpstack', models: scenario.sensors.map((s) => s.model) }),
    sink,
    clock: new SimClock(START, Infinity),
    endMs: START + 86_400_000,
  }).run();
  return sink.messages;
}

describe('publisher', () => {
  it('sends byte-identical messages for the same seed and start', async () => {
    const a = await publishOnce(1);
    expect(a.length).toBeGreaterThan(30 * 24);
    expect(await publishOnce(1)).toEqual(a);
    expect(await publishOnce(2)).not.toEqual(a);
  });

  it('runs a simulated clock at the given speed', () => {
    let real = 1000;
    const clock = new SimClock(START, 3600, () => real);
    real += 2000;
    expect(clock.now()).toBe(START + 2 * 3_600_000);
    expect(clock.realDelayUntil(START + 3 * 3_600_000)).toBe(1000);
  });

  it('limits the rate with a token bucket', () => {
    let now = 0;
    const limiter = new RateLimiter(10, () => now);
    let sent = 0;
    for (let i = 0; i < 100; i++) if (limiter.take() === 0) sent++;
    expect(sent).toBe(10);
    now += 500;
    sent = 0;
    for (let i = 0; i < 100; i++) if (limiter.take() === 0) sent++;
    expect(sent).toBe(5);
    expect(limiter.take()).toBeGreaterThan(0);
  });
});
