/**
 * Local hours of the week in a time zone, for weekly fill patterns (the simulator's fill model and
 * the forecast's weekday × hour pattern). Pure: Intl only, no I/O.
 */

/** 1970-01-05 was a Monday: local hours are counted from there. */
const MONDAY_EPOCH_MS = Date.UTC(1970, 0, 5);

/**
 * UTC milliseconds → hours since a local Monday 00:00, for a time zone. The UTC offset is looked up
 * once per UTC hour (Intl is slow) and cached, so daylight saving time is honoured.
 */
export class LocalClock {
  private readonly offsets = new Map<number, number>();
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
  }

  offsetMs(utcMs: number): number {
    const key = Math.floor(utcMs / 3_600_000);
    let off = this.offsets.get(key);
    if (off === undefined) {
      const parts = Object.fromEntries(this.format.formatToParts(new Date(key * 3_600_000)).map((p) => [p.type, p.value]));
      const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute);
      off = asUtc - key * 3_600_000;
      if (this.offsets.size > 50_000) this.offsets.clear();
      this.offsets.set(key, off);
    }
    return off;
  }

  localHours(utcMs: number): number {
    return (utcMs + this.offsetMs(utcMs) - MONDAY_EPOCH_MS) / 3_600_000;
  }
}
