/**
 * Bounds checked on the raw bytes before any JSON.parse: a size limit per format (never above the
 * configured maximum) and a nesting depth per format. A 1 MB payload nested 512 k deep would
 * otherwise cost a full parse and then overflow the stack of any recursive walk over it; checked
 * here it is a dead letter like any other bad input. Pure: one linear scan, no allocation.
 */
import type { Rejection } from './reading.ts';
import type { MessageFormat } from './topics.ts';

export interface PayloadBounds {
  maxBytes: number;
  /** Objects and arrays inside each other, the outermost counting 1. */
  maxDepth: number;
}

/**
 * What each format needs with room to spare: a native reading is a flat object of about 200
 * bytes; SenML packs are limited to 1000 records; network-server envelopes grow with the number
 * of gateways in rx_metadata (about 0.5 kB each) and nest about 6 deep (formatter output deeper).
 */
export const FORMAT_BOUNDS: Readonly<Record<MessageFormat, PayloadBounds>> = {
  native: { maxBytes: 4 * 1024, maxDepth: 4 },
  senml: { maxBytes: 256 * 1024, maxDepth: 3 },
  ttn: { maxBytes: 256 * 1024, maxDepth: 16 },
  chirpstack: { maxBytes: 256 * 1024, maxDepth: 16 },
};

/** Default of INGEST_MAX_PAYLOAD_BYTES: the cap over every format's own limit. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

export function boundsFor(format: MessageFormat, maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES): PayloadBounds {
  const own = FORMAT_BOUNDS[format];
  return { maxBytes: Math.min(own.maxBytes, maxPayloadBytes), maxDepth: own.maxDepth };
}

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function openingsAtMost(payload: Uint8Array, limit: number): boolean {
  let n = 0;
  for (const open of [OPEN_OBJECT, OPEN_ARRAY]) {
    for (let i = payload.indexOf(open); i !== -1; i = payload.indexOf(open, i + 1)) if (++n > limit) return false;
  }
  return true;
}

/** The first bound the payload breaks, as a rejection naming the limit, or undefined. */
export function checkPayloadBounds(payload: Uint8Array, format: MessageFormat, bounds: PayloadBounds,
  ids: { tenantId?: string; sensorId?: string } = {}): Rejection | undefined {
  if (payload.byteLength > bounds.maxBytes) {
    return { reason: 'payload_too_large', detail: `payload: ${payload.byteLength} bytes exceed the ${format} limit of ${bounds.maxBytes} bytes`, ...ids };
  }
  // Fast path (typed-array indexOf is native): with no more opening brackets than the depth
  // limit, nothing can nest too deep, and the byte loop below is skipped. A native reading has two.
  if (openingsAtMost(payload, bounds.maxDepth)) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < payload.byteLength; i++) {
    const b = payload[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (++depth > bounds.maxDepth) {
        return { reason: 'payload_too_deep', detail: `payload: nested deeper than the ${format} limit of ${bounds.maxDepth} levels (at byte ${i})`, ...ids };
      }
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) depth--;
  }
  return undefined;
}
