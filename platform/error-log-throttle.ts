/**
 * Backs off repeated error logging while a service is away: the first error of an outage is
 * logged, then one every 1 s, 2 s, 4 s … up to `maxIntervalMs`, each saying how many were left
 * out. After `quietResetMs` without an error the next one starts a new outage and is logged at
 * once. A clock is passed in, so the rule is tested without waiting.
 */
export interface ErrorLogThrottleOptions {
  firstIntervalMs?: number;
  maxIntervalMs?: number;
  quietResetMs?: number;
}

export interface Admission {
  log: boolean;
  /** Errors left out since the last logged one (when `log`). */
  suppressed: number;
}

export class ErrorLogThrottle {
  private readonly first: number;
  private readonly max: number;
  private readonly quiet: number;
  private interval = 0;
  private nextLogAt = 0;
  private lastErrorAt: number | undefined;
  private suppressed = 0;

  constructor(options: ErrorLogThrottleOptions = {}, private readonly now: () => number = Date.now) {
    this.first = options.firstIntervalMs ?? 1000;
    this.max = options.maxIntervalMs ?? 300_000;
    this.quiet = options.quietResetMs ?? 60_000;
  }

  admit(): Admission {
    const t = this.now();
    const newOutage = this.lastErrorAt === undefined || t - this.lastErrorAt >= this.quiet;
    this.lastErrorAt = t;
    if (newOutage) {
      this.interval = this.first;
      this.nextLogAt = t + this.interval;
      this.suppressed = 0;
      return { log: true, suppressed: 0 };
    }
    if (t < this.nextLogAt) {
      this.suppressed++;
      return { log: false, suppressed: 0 };
    }
    this.interval = Math.min(this.interval * 2, this.max);
    this.nextLogAt = t + this.interval;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    return { log: true, suppressed };
  }
}
