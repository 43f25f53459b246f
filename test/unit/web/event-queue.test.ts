import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { webModule } from './web-module.ts';

interface QueuedEvent { clientEventId: string; stopId: string; time: string; kind: string; observedFill?: number; reasonCode?: string; note?: string }
type Outcome = 'delivered' | 'retry-later' | 'rejected';
interface Queue {
  pending(): QueuedEvent[];
  rejected(): { event: QueuedEvent; reason: string }[];
  enqueue(stopId: string, input: { kind: string; observedFill?: number; reasonCode?: string; note?: string }): QueuedEvent;
  flush(): Promise<{ delivered: number; pending: number }>;
  clearRejected(): void;
  subscribe(l: () => void): () => void;
}
interface EventQueueModule {
  createEventQueue(o: {
    storage: Storage;
    key?: string;
    send: (e: QueuedEvent) => Promise<{ outcome: Outcome; reason?: string; result?: unknown }>;
    now?: () => Date;
    newId?: () => string;
    onDelivered?: (e: QueuedEvent, result: unknown) => void;
  }): Queue;
  newClientEventId(random?: (b: Uint8Array) => Uint8Array): string;
  effectiveStopStatus(status: string, events: { kind: string }[]): string;
}
type Storage = { getItem(k: string): string | null; setItem(k: string, v: string): void };

const { createEventQueue, newClientEventId, effectiveStopStatus } = await webModule<EventQueueModule>('driver/event-queue.js');

function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

function counterIds() {
  let n = 0;
  return () => `event-${String(++n).padStart(4, '0')}`;
}

describe('driver event queue', () => {
  it('stores events with their own id and time before sending, and sends them in order', async () => {
    const storage = memoryStorage();
    const sent: string[] = [];
    const delivered: string[] = [];
    const q = createEventQueue({
      storage,
      newId: counterIds(),
      now: () => new Date('2026-11-25T08:00:00Z'),
      send: async (e) => (sent.push(e.clientEventId), { outcome: 'delivered', result: { stopStatus: 'emptied' } }),
      onDelivered: (e) => delivered.push(e.clientEventId),
    });
    const a = q.enqueue('stop-1', { kind: 'arrived' });
    q.enqueue('stop-1', { kind: 'emptied', observedFill: 0.75 });
    expect(a).toEqual({ kind: 'arrived', stopId: 'stop-1', clientEventId: 'event-0001', time: '2026-11-25T08:00:00.000Z' });
    expect(JSON.parse(storage.data.values().next().value!).pending).toHaveLength(2);
    expect(sent).toEqual([]);
    expect(await q.flush()).toEqual({ delivered: 2, pending: 0 });
    expect(sent).toEqual(['event-0001', 'event-0002']);
    expect(delivered).toEqual(sent);
    expect(q.pending()).toEqual([]);
  });

  it('keeps the event and everything behind it when the network fails, and survives a reload', async () => {
    const storage = memoryStorage();
    let online = false;
    const send = async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return { outcome: 'delivered' as const };
    };
    const q = createEventQueue({ storage, newId: counterIds(), send });
    q.enqueue('s1', { kind: 'emptied' });
    q.enqueue('s2', { kind: 'skipped', reasonCode: 'blocked' });
    expect(await q.flush()).toEqual({ delivered: 0, pending: 2 });

    // the tablet reloads: a new queue over the same storage
    online = true;
    const sent: string[] = [];
    const reloaded = createEventQueue({ storage, send: async (e) => (sent.push(e.stopId), { outcome: 'delivered' }) });
    expect(reloaded.pending().map((e) => e.stopId)).toEqual(['s1', 's2']);
    expect(await reloaded.flush()).toEqual({ delivered: 2, pending: 0 });
    expect(sent).toEqual(['s1', 's2']);
  });

  it('sets a refused event aside so the ones behind it still go', async () => {
    const q = createEventQueue({
      storage: memoryStorage(),
      newId: counterIds(),
      send: async (e) => (e.stopId === 'bad' ? { outcome: 'rejected', reason: 'stop already skipped' } : { outcome: 'delivered' }),
    });
    q.enqueue('bad', { kind: 'emptied' });
    q.enqueue('good', { kind: 'emptied' });
    expect(await q.flush()).toEqual({ delivered: 1, pending: 0 });
    expect(q.rejected()).toEqual([{ event: expect.objectContaining({ stopId: 'bad' }), reason: 'stop already skipped' }]);
    q.clearRejected();
    expect(q.rejected()).toEqual([]);
  });

  it('runs one flush at a time: a second call while sending sends nothing twice', async () => {
    const sent: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const q = createEventQueue({
      storage: memoryStorage(),
      newId: counterIds(),
      send: async (e) => {
        sent.push(e.clientEventId);
        await gate;
        return { outcome: 'delivered' };
      },
    });
    q.enqueue('s1', { kind: 'arrived' });
    const first = q.flush();
    const second = q.flush();
    expect(second).toBe(first);
    release();
    await first;
    expect(sent).toEqual(['event-0001']);
  });

  it('starts afresh when the stored outbox is damaged, and tells subscribers of changes', async () => {
    const storage = memoryStorage();
    storage.setItem('afvalroute.driver.outbox', '{not json');
    const q = createEventQueue({ storage, send: async () => ({ outcome: 'delivered' }) });
    expect(q.pending()).toEqual([]);
    let changes = 0;
    const unsubscribe = q.subscribe(() => changes++);
    q.enqueue('s1', { kind: 'arrived' });
    await q.flush();
    unsubscribe();
    q.enqueue('s2', { kind: 'arrived' });
    expect(changes).toBe(2);
  });

  it('delivers every event exactly once over a flaky network whose answers may be lost (property)', async () => {
    // Each send attempt: the request is lost, or the server records it and the answer is lost, or all goes well.
    const attempt = fc.constantFrom('lost-request', 'lost-answer', 'ok');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.array(attempt, { maxLength: 40 }), async (events, attempts) => {
        const server = new Map<string, number>(); // clientEventId → times recorded
        const order: string[] = [];
        let i = 0;
        const q = createEventQueue({
          storage: memoryStorage(),
          send: async (e) => {
            const what = attempts[i++] ?? 'ok';
            if (what === 'lost-request') throw new TypeError('Failed to fetch');
            // the API is idempotent by client event id: a replay is recognised, not recorded again
            if (!server.has(e.clientEventId)) order.push(e.clientEventId);
            server.set(e.clientEventId, 1);
            if (what === 'lost-answer') return { outcome: 'retry-later' };
            return { outcome: 'delivered' };
          },
        });
        const ids = Array.from({ length: events }, (_, k) => q.enqueue(`stop-${k}`, { kind: 'emptied' }).clientEventId);
        for (let round = 0; round < attempts.length + events + 1 && q.pending().length; round++) await q.flush();
        expect(q.pending()).toEqual([]);
        expect([...server.keys()].sort()).toEqual([...ids].sort());
        expect(order).toEqual(ids);
      }),
      { numRuns: 200 },
    );
  });
});

describe('client event ids', () => {
  it('are UUID v4 that the API accepts, made without crypto.randomUUID (plain-http tablets)', () => {
    const id = newClientEventId((b) => b.fill(0xab));
    expect(id).toBe('abababab-abab-4bab-abab-abababababab');
    const random = newClientEventId();
    expect(random).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(random).toMatch(/^[A-Za-z0-9._:-]{8,100}$/);
    expect(newClientEventId()).not.toBe(random);
  });
});

describe('stop status shown before the server confirms', () => {
  it('applies queued events to the server status', () => {
    expect(effectiveStopStatus('planned', [])).toBe('planned');
    expect(effectiveStopStatus('planned', [{ kind: 'arrived' }])).toBe('arrived');
    expect(effectiveStopStatus('planned', [{ kind: 'arrived' }, { kind: 'emptied' }])).toBe('emptied');
    expect(effectiveStopStatus('arrived', [{ kind: 'skipped' }])).toBe('skipped');
    // a final status stays: the server would refuse the change too
    expect(effectiveStopStatus('emptied', [{ kind: 'skipped' }])).toBe('emptied');
    expect(effectiveStopStatus('skipped', [{ kind: 'arrived' }])).toBe('skipped');
  });
});
