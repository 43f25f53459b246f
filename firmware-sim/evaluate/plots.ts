/**
 * Plain SVG charts of a closed-loop run (no chart library): daily km per policy, the histogram of
 * the fill found at emptying, overflow container-hours per policy.
 */
import type { DayMetrics } from './closed-loop.ts';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
const W = 720;
const H = 360;
const M = { left: 60, right: 160, top: 30, bottom: 50 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1));

function frame(title: string, xLabel: string, yLabel: string, yMax: number, body: string, legend: readonly string[]): string {
  const plotH = H - M.top - M.bottom;
  const ticks = Array.from({ length: 5 }, (_, i) => (yMax * i) / 4);
  const grid = ticks.map((v) => {
    const y = M.top + plotH - (v / (yMax || 1)) * plotH;
    return `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${M.left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${fmt(v)}</text>`;
  }).join('');
  const keys = legend.map((name, i) => `<rect x="${W - M.right + 16}" y="${M.top + i * 20}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${W - M.right + 34}" y="${M.top + i * 20 + 11}" font-size="12">${esc(name)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">${esc(title)}</text>
${grid}
<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>
<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>
<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle" font-size="12">${esc(xLabel)}</text>
<text x="14" y="${H / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${H / 2})">${esc(yLabel)}</text>
${body}
${keys}
</svg>
`;
}

export function dailyKmSvg(runs: ReadonlyMap<string, readonly DayMetrics[]>): string {
  const names = [...runs.keys()];
  const days = Math.max(1, ...[...runs.values()].map((d) => d.length));
  const yMax = Math.max(1, ...[...runs.values()].flatMap((d) => d.map((x) => x.km))) * 1.1;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (days === 1 ? plotW / 2 : (i / (days - 1)) * plotW);
  const y = (v: number) => M.top + plotH - (v / yMax) * plotH;
  const lines = names.map((n, k) => {
    const pts = runs.get(n)!.map((d, i) => `${x(i).toFixed(1)},${y(d.km).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke="${COLORS[k % COLORS.length]}" stroke-width="2" points="${pts}"/>`;
  }).join('');
  const labels = runs.get(names[0]!)!.map((d, i) => (i % 7 === 0 ? `<text x="${x(i)}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11">${d.date.slice(5)}</text>` : '')).join('');
  return frame('Daily km per policy', 'day', 'km', yMax, lines + labels, names);
}

export function fillHistogramSvg(runs: ReadonlyMap<string, readonly DayMetrics[]>): string {
  const names = [...runs.keys()];
  const bins = 12; // 0–10 %, …, 100–110 %, ≥ 110 %
  const shares = names.map((n) => {
    const fills = runs.get(n)!.flatMap((d) => d.fillsAtEmptying);
    const counts = new Array<number>(bins).fill(0);
    for (const f of fills) counts[Math.min(bins - 1, Math.max(0, Math.floor(f * 10)))]!++;
    return counts.map((c) => (fills.length ? (c / fills.length) * 100 : 0));
  });
  const yMax = Math.max(1, ...shares.flat()) * 1.1;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const bw = plotW / bins;
  const barW = (bw * 0.8) / names.length;
  const bars = shares.map((s, k) => s.map((v, b) => {
    const h = (v / yMax) * plotH;
    return `<rect x="${(M.left + b * bw + bw * 0.1 + k * barW).toFixed(1)}" y="${(M.top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[k % COLORS.length]}"/>`;
  }).join('')).join('');
  const labels = Array.from({ length: bins }, (_, b) => `<text x="${M.left + b * bw + bw / 2}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11">${b === bins - 1 ? '≥110' : b * 10}</text>`).join('');
  return frame('Fill found at emptying', 'fill at emptying, % (bin start)', '% of collections', yMax, bars + labels, names);
}

export function overflowSvg(runs: ReadonlyMap<string, readonly DayMetrics[]>): string {
  const names = [...runs.keys()];
  const totals = names.map((n) => runs.get(n)!.reduce((a, d) => a + d.overflowContainerHours, 0));
  const yMax = Math.max(1, ...totals) * 1.1;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const bw = plotW / names.length;
  const bars = totals.map((v, k) => {
    const h = (v / yMax) * plotH;
    const x = M.left + k * bw + bw * 0.2;
    return `<rect x="${x.toFixed(1)}" y="${(M.top + plotH - h).toFixed(1)}" width="${(bw * 0.6).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[k % COLORS.length]}"/>`
      + `<text x="${x + bw * 0.3}" y="${M.top + plotH - h - 4}" text-anchor="middle" font-size="11">${v}</text>`
      + `<text x="${x + bw * 0.3}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11">${esc(names[k]!)}</text>`;
  }).join('');
  return frame('Overflow container-hours', 'policy', 'container-hours above 100 %', yMax, bars, names);
}
