/**
 * The closed loop: reads collection events (driver or manual, not the ones the ingester derived
 * from our own sensor drops) for the scenario's tenant and hands them to the simulator, which
 * empties the container. collection_events has no insertion time, so we re-read a look-back window
 * by event time and skip ids already seen (an offline tablet may replay events late).
 */
import type pg from 'pg';

export interface CollectionEvent {
  id: string;
  containerId: string;
  timeMs: number;
  fillAfter: number | undefined;
}

export class CollectionFeed {
  private readonly seen = new Map<string, number>();
  private cursorMs: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly tenantId: string,
    startMs: number,
    private readonly lookBackMs = 2 * 86_400_000,
  ) {
    this.cursorMs = startMs;
  }

  /** New events since the last poll. */
  async poll(): Promise<CollectionEvent[]> {
    const since = new Date(this.cursorMs - this.lookBackMs);
    const { rows } = await this.pool.query<{ id: string; container_id: string; time: Date; fill_after: number | null }>(
      `SELECT id, container_id, time, fill_after FROM collection_events
        WHERE tenant_id = $1 AND source <> 'sensor' AND time >= $2 ORDER BY time`,
      [this.tenantId, since],
    );
    const out: CollectionEvent[] = [];
    for (const r of rows) {
      if (this.seen.has(r.id)) continue;
      const timeMs = r.time.getTime();
      this.seen.set(r.id, timeMs);
      this.cursorMs = Math.max(this.cursorMs, timeMs);
      out.push({ id: r.id, containerId: r.container_id, timeMs, fillAfter: r.fill_after ?? undefined });
    }
    for (const [id, t] of this.seen) if (t < this.cursorMs - 2 * this.lookBackMs) this.seen.delete(id);
    return out;
  }
}
