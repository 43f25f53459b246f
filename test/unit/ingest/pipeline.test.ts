import { describe, expect, it, vi } from 'vitest';
import { BatchQueue } from '../../../ingest/pipeline/batch-queue.ts';
import { alertChanges } from '../../../ingest/pipeline/alert-rules.ts';
import { containerStatus, isEmptying } from '../../../ingest/pipeline/emptying.ts';
import { prepareBatch, sensorsOf, type DecodedItem, type ReadingRow } from '../../../ingest/pipeline/prepare-batch.ts';
import { createDeadLetterLog } from '../../../ingest/pipeline/dead-letter-log.ts';
import { copyLine } from '../../../ingest/store/copy-text.ts';
import { backoffMs, isDataError } from '../../../ingest/store/db-errors.ts';
import { sensorKey, type SensorInfo } from '../../../ingest/store/sensor-registry.ts';
import { NO_FLAGS, type DecodedReading } from '../../../ingest/contracts/index.ts';
import type { Logger } from '../../../platform/logger.ts';

const sensor: SensorInfo = {
  tenantId: 'demo', sensorId: 's1', containerId: 'c1', emptyDistanceMm: 1500, fullDistanceMm: 300, reportingIntervalS: 3600, mustFill: 0.8,
};
const reading = (over: Partial<DecodedReading> = {}): DecodedReading => ({
  tenantId: 'demo', sensorId: 's1', time: '2026-11-25T10:00:00.000Z', flags: { ...NO_FLAGS }, ...over,
});
const row = (fillLevel: number, over: Partial<DecodedReading> = {}): ReadingRow => ({
  topic: 't', payload: Buffer.alloc(0), reading: reading(over), fillLevel, sensor,
});

describe('BatchQueue', () => {
  it('hands out a batch as soon as it is full', async () => {
    const q = new BatchQueue<number>(3, 10_000);
    [1, 2, 3, 4].forEach((n) => q.push(n));
    expect(await q.take()).toEqual([1, 2, 3]);
    expect(q.length).toBe(1);
  });

  it('hands out a partial batch after the wait', async () => {
    vi.useFakeTimers();
    try {
      const q = new BatchQueue<number>(100, 50);
      q.push(1);
      const taken = q.take();
      await vi.advanceTimersByTimeAsync(60);
      expect(await taken).toEqual([1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('serves several consumers in order and drains on close', async () => {
    const q = new BatchQueue<number>(2, 10_000);
    const a = q.take();
    const b = q.take();
    [1, 2, 3].forEach((n) => q.push(n));
    expect(await a).toEqual([1, 2]);
    q.close();
    expect(await b).toEqual([3]);
    expect(await q.take()).toEqual([]);
  });
});

describe('prepareBatch', () => {
  it('computes fill from distance, keeps a given fill, dead-letters rejections and unknown sensors', () => {
    const items: DecodedItem[] = [
      { topic: 'a', payload: Buffer.from('a'), result: { ok: true, readings: [reading({ distanceMm: 900 })] } },
      { topic: 'b', payload: Buffer.from('b'), result: { ok: true, readings: [reading({ fillLevel: 0.3, distanceMm: 900, time: '2026-11-25T11:00:00.000Z' })] } },
      { topic: 'c', payload: Buffer.from('c'), result: { ok: false, rejection: { reason: 'bad_json', detail: 'payload: x', tenantId: 'demo' } } },
      { topic: 'd', payload: Buffer.from('d'), result: { ok: true, readings: [reading({ sensorId: 'ghost', fillLevel: 0.1 })] } },
    ];
    expect(sensorsOf(items)).toHaveLength(3);
    const sensors = new Map<string, SensorInfo | null>([[sensorKey('demo', 's1'), sensor], [sensorKey('demo', 'ghost'), null]]);
    const { rows, deadLetters } = prepareBatch(items, sensors);
    expect(rows.map((r) => r.fillLevel)).toEqual([0.5, 0.3]);
    expect(deadLetters.map((d) => [d.topic, d.reason])).toEqual([['c', 'bad_json'], ['d', 'unknown_sensor']]);
    expect(deadLetters[1]!.detail).toContain('ghost');
  });
});

describe('alert rules', () => {
  it('raises fire, tilt, battery, full and overflow; resolves what is absent and silent always', () => {
    const { raise, resolve } = alertChanges([
      row(1.1, { flags: { fire: true, tilt: false, lidOpen: false }, batteryPct: 10, time: '2026-11-25T09:00:00.000Z' }),
      row(1.2, { batteryPct: 9 }),
    ]);
    expect(raise.map((a) => a.kind).sort()).toEqual(['battery_low', 'fire', 'full', 'overflow']);
    expect(resolve.map((k) => k.kind).sort()).toEqual(['silent', 'tilt']);
    expect(raise.find((a) => a.kind === 'fire')).toMatchObject({ severity: 'critical', containerId: 'c1', sensorId: 's1' });
  });

  it('a level alert follows the latest reading only', () => {
    const { raise, resolve } = alertChanges([row(0.9, { time: '2026-11-25T09:00:00.000Z' }), row(0.1)]);
    expect(raise).toEqual([]);
    expect(resolve.map((k) => k.kind)).toContain('full');
  });
});

describe('emptying and status', () => {
  it('a sharp drop to near empty is an emptying; noise is not', () => {
    expect(isEmptying(0.9, 0.05)).toBe(true);
    expect(isEmptying(0.5, 0.2)).toBe(true);
    expect(isEmptying(0.5, 0.35)).toBe(false);
    expect(isEmptying(0.3, 0.1)).toBe(false);
    expect(isEmptying(null, 0)).toBe(false);
  });

  it('status: fire before tilt before overflow before full', () => {
    expect(containerStatus(row(1.5, { flags: { fire: true, tilt: true, lidOpen: false } }))).toBe('fire');
    expect(containerStatus(row(1.5, { flags: { fire: false, tilt: true, lidOpen: false } }))).toBe('tilt');
    expect(containerStatus(row(1.5))).toBe('overflow');
    expect(containerStatus(row(0.85))).toBe('full');
    expect(containerStatus(row(0.2))).toBe('ok');
  });
});

describe('helpers', () => {
  it('COPY text escapes and NULLs', () => {
    expect(copyLine(['a\tb', null, 3, 'x\\y\nz', undefined, Number.NaN])).toBe('a\\tb\t\\N\t3\tx\\\\y\\nz\t\\N\t\\N\n');
  });

  it('data errors are told apart from connection trouble; backoff grows and is capped', () => {
    expect(isDataError({ code: '23505' })).toBe(true);
    expect(isDataError({ code: '22P02' })).toBe(true);
    expect(isDataError({ code: '57P01' })).toBe(false);
    expect(isDataError(new Error('Connection terminated'))).toBe(false);
    expect(backoffMs(0, 10_000, () => 1)).toBe(100);
    expect(backoffMs(3, 10_000, () => 1)).toBe(800);
    expect(backoffMs(30, 10_000, () => 1)).toBe(10_000);
  });

  it('dead letters are logged once per reason and interval', () => {
    const warn = vi.fn();
    let t = 0;
    const log = createDeadLetterLog({ warn } as unknown as Logger, 1000, () => t);
    const letter = { tenantId: 'demo', topic: 't', payload: Buffer.alloc(0), reason: 'bad_json' as const, detail: 'x' };
    log(letter);
    log(letter);
    log({ ...letter, reason: 'schema' });
    t = 1500;
    log(letter);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(warn.mock.calls[2]![0]).toMatchObject({ reason: 'bad_json', suppressedBefore: 1 });
  });
});
