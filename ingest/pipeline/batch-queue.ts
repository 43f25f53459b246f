/**
 * Collects items and hands them out in batches: as soon as `maxSize` items wait, or when the oldest
 * has waited `maxWaitMs`, whichever comes first. Consumers (one or a few writers) take batches in
 * order; while they write, the next batch fills. The queue itself is not bounded: the producer
 * (the broker, through the MQTT receive maximum) is.
 */
export class BatchQueue<T> {
  private items: T[] = [];
  private oldestAtMs = 0;
  private readonly waiters: ((batch: T[]) => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly maxSize: number, private readonly maxWaitMs: number) {}

  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.items.length === 0) this.oldestAtMs = Date.now();
    this.items.push(item);
    this.wake();
  }

  /** The next batch; resolves with an empty array only after `close()` when nothing is left. */
  take(): Promise<T[]> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.wake();
    });
  }

  /** Hand out what is left at once (shutdown), then empty batches. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    while (this.waiters.length > 0) {
      const due = this.items.length >= this.maxSize || (this.items.length > 0 && (this.closed || Date.now() - this.oldestAtMs >= this.maxWaitMs));
      if (!due && !(this.closed && this.items.length === 0)) break;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      const batch = this.items.splice(0, this.maxSize);
      if (this.items.length > 0) this.oldestAtMs = Date.now();
      this.waiters.shift()!(batch);
    }
    if (this.waiters.length === 0) return;
    if (this.items.length > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.wake();
      }, Math.max(0, this.maxWaitMs - (Date.now() - this.oldestAtMs)));
    }
  }
}
