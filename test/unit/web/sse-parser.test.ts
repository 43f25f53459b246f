import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { webModule } from './web-module.ts';

interface SseEvent { event: string; data: string; id: string | null }
const { createSseParser } = await webModule<{ createSseParser(on: (e: SseEvent) => void): { push(chunk: string): void } }>('shared/sse.js');

function parse(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  chunks.forEach((c) => parser.push(c));
  return events;
}

// What the API's plan event stream writes (api/routes/plan-events.ts), with a keep-alive comment.
const STREAM =
  'id: 1\nevent: state\ndata: {"status":"queued","cost":null}\n\n' +
  ': keep-alive\n\n' +
  'id: 2\nevent: progress\ndata: {"stage":"solve","percent":40,"bestCost":123.5}\n\n' +
  'id: 3\r\nevent: completed\r\ndata: {"status":"draft","cost":120}\r\n\r\n' +
  'data: line one\ndata: line two\n\n';

const EXPECTED: SseEvent[] = [
  { event: 'state', data: '{"status":"queued","cost":null}', id: '1' },
  { event: 'progress', data: '{"stage":"solve","percent":40,"bestCost":123.5}', id: '2' },
  { event: 'completed', data: '{"status":"draft","cost":120}', id: '3' },
  { event: 'message', data: 'line one\nline two', id: '3' },
];

describe('server-sent events parser', () => {
  it('reads named events, ids, multi-line data and ignores comments', () => {
    expect(parse([STREAM])).toEqual(EXPECTED);
  });

  it('waits for the blank line before an event is complete', () => {
    expect(parse(['event: state\ndata: {}\n'])).toEqual([]);
  });

  it('gives the same events however the stream is split into chunks (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: STREAM.length - 1 }), { maxLength: 30 }), (cuts) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), STREAM.length];
        const chunks = points.slice(1).map((end, i) => STREAM.slice(points[i], end));
        expect(parse(chunks)).toEqual(EXPECTED);
      }),
      { numRuns: 300 },
    );
  });
});
