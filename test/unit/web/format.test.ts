import { describe, expect, it } from 'vitest';
import { webModule } from './web-module.ts';

interface FormatModule {
  FILL_BANDS: { upTo: number; color: string }[];
  UNKNOWN_FILL_COLOR: string;
  fillColor(f: number | null | undefined): string;
  percent(f: number | null | undefined): string;
  clockTime(iso: string | null, tz?: string): string;
  distance(m: number | null): string;
  duration(s: number | null): string;
  costDelta(d: number): string;
  localDate(now?: Date, tz?: string): string;
  SKIP_REASONS: { code: string }[];
  routeColor(i: number): string;
}
interface TilesModule {
  chooseTiles(config: { tileUrl: string; tileAttribution: string }, search: string, storage: { getItem(k: string): string | null; setItem(k: string, v: string): void } | null): { url: string; attribution: string };
}
interface SyncModule { syncStatus(s: { online: boolean; pending: number; serverUnreachable: boolean }): { text: string; level: string } }
interface StopListModule {
  isDone(stop: { kind: string }, status: string): boolean;
  currentStopId(stops: { id: string; kind: string; status: string }[], statusOf: (s: { status: string }) => string): string | null;
}

const f = await webModule<FormatModule>('shared/format.js');
const { chooseTiles } = await webModule<TilesModule>('shared/tiles.js');
const { syncStatus } = await webModule<SyncModule>('driver/sync-status.js');
const { isDone, currentStopId } = await webModule<StopListModule>('driver/stop-list.js');

describe('fill colours', () => {
  it('bands at 50%, 80% and 100%, grey when unknown', () => {
    const [green, yellow, orange, red] = f.FILL_BANDS.map((b) => b.color);
    expect([0, 0.49].map(f.fillColor)).toEqual([green, green]);
    expect([0.5, 0.79].map(f.fillColor)).toEqual([yellow, yellow]);
    expect([0.8, 0.99].map(f.fillColor)).toEqual([orange, orange]);
    expect([1, 1.3].map(f.fillColor)).toEqual([red, red]);
    expect([null, undefined, Number.NaN].map(f.fillColor)).toEqual([f.UNKNOWN_FILL_COLOR, f.UNKNOWN_FILL_COLOR, f.UNKNOWN_FILL_COLOR]);
  });
});

describe('Dutch formatting', () => {
  it('percentages, distances, durations and cost deltas', () => {
    expect([f.percent(0.734), f.percent(1.05), f.percent(null)]).toEqual(['73%', '105%', '–']);
    expect([f.distance(850), f.distance(12_345), f.distance(null)]).toEqual(['850 m', '12,3 km', '–']);
    expect([f.duration(45 * 60), f.duration(3 * 3600 + 5 * 60), f.duration(null)]).toEqual(['45 min', '3 u 05 min', '–']);
    expect([f.costDelta(12.54), f.costDelta(-3), f.costDelta(0)]).toEqual(['+12,5', '−3', '±0']);
  });

  it('times and "today" in the municipality\'s time zone', () => {
    expect(f.clockTime('2026-07-01T05:45:00Z')).toBe('07:45'); // CEST
    expect(f.clockTime('2026-12-01T05:45:00Z')).toBe('06:45'); // CET
    expect(f.clockTime(null)).toBe('–');
    expect(f.localDate(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
  });

  it('offers exactly the reason codes the API accepts', () => {
    expect(f.SKIP_REASONS.map((r) => r.code)).toEqual(['blocked', 'no_access', 'contaminated', 'damaged', 'already_empty', 'other']);
  });
});

describe('tile choice', () => {
  const config = { tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', tileAttribution: 'OSM' };
  const store = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
  };

  it('uses the server\'s tiles unless the page asks otherwise, and remembers the choice', () => {
    const s = store();
    expect(chooseTiles(config, '', s)).toEqual({ url: config.tileUrl, attribution: 'OSM' });
    expect(chooseTiles(config, '?tiles=none', s)).toEqual({ url: '', attribution: '' });
    expect(chooseTiles(config, '', s)).toEqual({ url: '', attribution: '' });
    expect(chooseTiles(config, '?tiles=https%3A%2F%2Ftiles.depot.local%2F%7Bz%7D%2F%7Bx%7D%2F%7By%7D.png', s).url).toBe('https://tiles.depot.local/{z}/{x}/{y}.png');
    expect(chooseTiles(config, '?tiles=', s).url).toBe(config.tileUrl);
  });

  it('ignores templates that are not http(s)', () => {
    expect(chooseTiles(config, '?tiles=javascript:alert(1)', null).url).toBe(config.tileUrl);
  });
});

describe('driver sync badge', () => {
  it('says whether the tablet is offline and how many events wait', () => {
    expect(syncStatus({ online: false, pending: 1, serverUnreachable: false })).toEqual({ text: 'Offline · 1 gebeurtenis wacht', level: 'offline' });
    expect(syncStatus({ online: false, pending: 3, serverUnreachable: false }).text).toBe('Offline · 3 gebeurtenissen wachten');
    expect(syncStatus({ online: false, pending: 0, serverUnreachable: false }).text).toBe('Offline · alles verstuurd');
    expect(syncStatus({ online: true, pending: 2, serverUnreachable: true }).level).toBe('offline');
    expect(syncStatus({ online: true, pending: 2, serverUnreachable: false }).level).toBe('pending');
    expect(syncStatus({ online: true, pending: 0, serverUnreachable: false })).toEqual({ text: 'Online · alles verstuurd', level: 'ok' });
  });
});

describe('the driver\'s current stop', () => {
  it('is the first container or unloading stop not yet done', () => {
    const stops = [
      { id: 'start', kind: 'start', status: 'planned' },
      { id: 'a', kind: 'job', status: 'emptied' },
      { id: 'b', kind: 'job', status: 'arrived' },
      { id: 'u', kind: 'unload', status: 'planned' },
      { id: 'end', kind: 'end', status: 'planned' },
    ];
    expect(currentStopId(stops, (s) => s.status)).toBe('b');
    expect(currentStopId(stops, (s) => (s.status === 'arrived' ? 'skipped' : s.status))).toBe('u');
    expect(currentStopId(stops, () => 'emptied')).toBe(null);
    expect(isDone({ kind: 'unload' }, 'arrived')).toBe(true);
    expect(isDone({ kind: 'job' }, 'arrived')).toBe(false);
  });
});

describe('fill history sparkline', () => {
  it('scales time to x and fill to y (0 at the bottom), clamping beyond the top', async () => {
    const { sparklinePath } = await webModule<{ sparklinePath(p: { time: string; avgFill: number }[], box: { width: number; height: number; from: number; to: number; maxFill?: number }): string }>('shared/sparkline.js');
    const from = Date.parse('2026-11-18T00:00:00Z');
    const to = Date.parse('2026-11-25T00:00:00Z');
    const points = [
      { time: '2026-11-18T00:00:00Z', avgFill: 0 },
      { time: '2026-11-21T12:00:00Z', avgFill: 0.6 },
      { time: '2026-11-25T00:00:00Z', avgFill: 3 },
    ];
    expect(sparklinePath(points, { width: 200, height: 60, from, to, maxFill: 1.2 })).toBe('M0.0,60.0 L100.0,30.0 L200.0,0.0');
    expect(sparklinePath([], { width: 200, height: 60, from, to })).toBe('');
  });
});
