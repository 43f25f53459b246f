/** Token bucket: at most `perSecond` messages a second, bursts up to one second's worth. */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(private readonly perSecond: number, private readonly now: () => number = () => performance.now()) {
    this.tokens = Math.min(perSecond, 1000);
    this.last = now();
  }

  /** Milliseconds to wait before the next message may go (0: go now, token taken). */
  take(): number {
    if (!Number.isFinite(this.perSecond)) return 0;
    const t = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) / this.perSecond) * 1000;
  }
}
