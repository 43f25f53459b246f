import { describe, expect, it } from 'vitest';
import { webModule } from './web-module.ts';

interface Paths { measured: string; mean: string; band: string }
type ChartModule = {
  forecastChartPaths(
    measured: { time: string; avgFill: number }[],
    forecast: { time: string; mean: number; low: number; high: number }[],
    box: { width: number; height: number; from: number; to: number },
  ): Paths;
};

describe('forecast chart paths', () => {
  it('draws measured fill, the expected fill and the interval band on one time axis', async () => {
    const { forecastChartPaths } = await webModule<ChartModule>('dispatch/forecast-chart.js');
    const from = Date.UTC(2026, 2, 2);
    const t = (h: number) => new Date(from + h * 3_600_000).toISOString();
    const paths = forecastChartPaths(
      [{ time: t(0), avgFill: 0 }, { time: t(1), avgFill: 0.65 }],
      [{ time: t(1), mean: 0.65, low: 0.65, high: 0.65 }, { time: t(2), mean: 1.3, low: 0.65, high: 2 }],
      { width: 200, height: 130, from, to: from + 2 * 3_600_000 },
    );
    expect(paths.measured).toBe('M0.0,130.0 L100.0,65.0');
    expect(paths.mean).toBe('M100.0,65.0 L200.0,0.0');
    // Upper edge forwards, lower edge back, closed; fills above the top of the chart are clipped to it.
    expect(paths.band).toBe('M100.0,65.0 L200.0,0.0 L200.0,65.0 L100.0,65.0 Z');
    expect(forecastChartPaths([], [], { width: 200, height: 130, from, to: from + 1 }).band).toBe('');
  });
});
