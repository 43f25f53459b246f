/**
 * Simulated time: `speed` simulated seconds per real second from a simulated start
 * (`--speed 3600`: one simulated hour per second). Speed Infinity means "as fast as possible":
 * the clock is always at the end and the publisher runs flat out.
 */
export class SimClock {
  private readonly realStart: number;

  constructor(
    readonly startMs: number,
    readonly speed: number,
    private readonly realNow: () => number = () => Date.now(),
  ) {
    if (!(speed > 0)) throw new RangeError('speed must be > 0');
    this.realStart = realNow();
  }

  /** Current simulated time (UTC ms). */
  now(): number {
    if (!Number.isFinite(this.speed)) return Infinity;
    return this.startMs + (this.realNow() - this.realStart) * this.speed;
  }

  /** Real milliseconds until simulated time `simMs` (0 if passed). */
  realDelayUntil(simMs: number): number {
    if (!Number.isFinite(this.speed)) return 0;
    return Math.max(0, (simMs - this.now()) / this.speed);
  }
}
