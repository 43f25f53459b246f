/**
 * The tablet's outbox of stop events. Every tap becomes an entry with its own client event id and
 * the time it happened, stored (localStorage) before anything is sent, and removed only when the
 * server has confirmed it. A replay after a lost answer or a reload is safe: the API recognises the
 * client event id and records the event once.
 *
 * Pure logic with injected storage and transport, so it is unit-tested in node.
 */

/**
 * @typedef {{ kind: 'arrived' | 'emptied' | 'skipped', observedFill?: number, reasonCode?: string, note?: string }} StopEventInput
 * @typedef {StopEventInput & { clientEventId: string, stopId: string, time: string }} QueuedEvent
 * @typedef {{ event: QueuedEvent, reason: string }} RejectedEvent
 * @typedef {{ getItem(key: string): string | null, setItem(key: string, value: string): void }} KeyValueStorage
 * @typedef {'delivered' | 'retry-later' | 'rejected'} SendOutcome
 */

/** A UUID v4 from getRandomValues: crypto.randomUUID exists only on https, and depot tablets may use plain http. */
export function newClientEventId(random = (/** @type {Uint8Array} */ bytes) => crypto.getRandomValues(bytes)) {
  const b = random(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * @param {{
 *   storage: KeyValueStorage,
 *   key?: string,
 *   send: (event: QueuedEvent) => Promise<{ outcome: SendOutcome, reason?: string, result?: unknown }>,
 *   now?: () => Date,
 *   newId?: () => string,
 *   onDelivered?: (event: QueuedEvent, result: unknown) => void,
 * }} options
 */
export function createEventQueue({ storage, key = 'afvalroute.driver.outbox', send, now = () => new Date(), newId = () => newClientEventId(), onDelivered }) {
  /** @type {Set<() => void>} */
  const listeners = new Set();
  /** @type {Promise<{ delivered: number, pending: number }> | null} */
  let flushing = null;

  /** @returns {{ pending: QueuedEvent[], rejected: RejectedEvent[] }} */
  function read() {
    try {
      const parsed = JSON.parse(storage.getItem(key) ?? 'null');
      if (parsed && Array.isArray(parsed.pending) && Array.isArray(parsed.rejected)) return parsed;
    } catch {
      // a damaged entry must not stop the driver from working: start afresh
    }
    return { pending: [], rejected: [] };
  }

  /** @param {{ pending: QueuedEvent[], rejected: RejectedEvent[] }} state */
  function write(state) {
    storage.setItem(key, JSON.stringify(state));
    listeners.forEach((l) => l());
  }

  async function drain() {
    let delivered = 0;
    while (true) {
      const head = read().pending[0];
      if (!head) break;
      let answer;
      try {
        answer = await send(head);
      } catch (err) {
        answer = { outcome: /** @type {SendOutcome} */ ('retry-later'), reason: err instanceof Error ? err.message : String(err) };
      }
      if (answer.outcome === 'retry-later') break;
      const state = read();
      state.pending = state.pending.filter((e) => e.clientEventId !== head.clientEventId);
      // A refused event (the stop was already skipped, the route was withdrawn) is kept aside for
      // the driver to see instead of blocking every event behind it.
      if (answer.outcome === 'rejected') state.rejected.push({ event: head, reason: answer.reason ?? 'geweigerd' });
      write(state);
      if (answer.outcome === 'delivered') {
        delivered++;
        onDelivered?.(head, answer.result);
      }
    }
    return { delivered, pending: read().pending.length };
  }

  return {
    /** @returns {QueuedEvent[]} */
    pending: () => read().pending,
    /** @returns {RejectedEvent[]} */
    rejected: () => read().rejected,

    /**
     * Stores an event; call flush() to send it.
     * @param {string} stopId
     * @param {StopEventInput} input
     * @returns {QueuedEvent}
     */
    enqueue(stopId, input) {
      const event = { ...input, stopId, clientEventId: newId(), time: now().toISOString() };
      const state = read();
      state.pending.push(event);
      write(state);
      return event;
    },

    /** Sends pending events in order until one has to wait; one flush at a time. */
    flush() {
      flushing ??= drain().finally(() => {
        flushing = null;
      });
      return flushing;
    },

    clearRejected() {
      const state = read();
      state.rejected = [];
      write(state);
    },

    /** @param {() => void} listener @returns {() => void} */
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * What a queued event does to a stop's status as the tablet shows it before the server confirms.
 * @param {string} status the server's status
 * @param {Array<{ kind: string }>} events the stop's queued events, oldest first
 */
export function effectiveStopStatus(status, events) {
  let s = status;
  for (const e of events) {
    if (e.kind === 'arrived') {
      if (s === 'planned') s = 'arrived';
    } else if (s !== 'emptied' && s !== 'skipped') {
      s = e.kind;
    }
  }
  return s;
}
