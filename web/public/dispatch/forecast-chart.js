/**
 * A container's forecast as a chart (plain SVG): the measured fill of the last days, the expected
 * fill ahead with its interval as a band, a line at "now" and the must-threshold and 100 % lines;
 * below it when the container is expected to reach them and why the forecast does not rest on the
 * sensor, when it does not.
 */
import { h } from '../shared/dom.js';
import { dateTime, percent } from '../shared/format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MAX_FILL = 1.3;
const SOURCE_LABELS = { sensor: 'sensor', history: 'historisch tempo', prior: 'tempo van vergelijkbare containers' };
const ISSUE_LABELS = { stuck: 'vastgelopen', silent: 'stil', noisy: 'onrustig', jump: 'springt', tilted: 'scheef', 'low-battery': 'batterij bijna leeg' };

/**
 * Path data of the chart, scaled into a width × height box over [from, to] (ms); fill 0 at the
 * bottom, MAX_FILL at the top. Pure, for unit tests.
 * @param {{ time: string, avgFill: number }[]} measured
 * @param {{ time: string, mean: number, low: number, high: number }[]} forecast
 * @param {{ width: number, height: number, from: number, to: number }} box
 * @returns {{ measured: string, mean: string, band: string, x: (t: number) => number, y: (f: number) => number }}
 */
export function forecastChartPaths(measured, forecast, { width, height, from, to }) {
  const span = Math.max(1, to - from);
  const x = (/** @type {number} */ t) => ((t - from) / span) * width;
  const y = (/** @type {number} */ f) => height - (Math.min(Math.max(f, 0), MAX_FILL) / MAX_FILL) * height;
  const pt = (/** @type {number} */ t, /** @type {number} */ f) => `${x(t).toFixed(1)},${y(f).toFixed(1)}`;
  const line = (/** @type {[number, number][]} */ points) => points.map(([t, f], i) => `${i ? 'L' : 'M'}${pt(t, f)}`).join(' ');
  const times = forecast.map((p) => Date.parse(p.time));
  const upper = forecast.map((p, i) => /** @type {[number, number]} */ ([times[i], p.high]));
  const lower = forecast.map((p, i) => /** @type {[number, number]} */ ([times[i], p.low])).reverse();
  return {
    measured: line(measured.map((p) => [Date.parse(p.time), p.avgFill])),
    mean: line(forecast.map((p, i) => [times[i], p.mean])),
    band: forecast.length ? `${line([...upper, ...lower])} Z` : '',
    x,
    y,
  };
}

/**
 * @param {string} name
 * @param {Record<string, string | number>} attrs
 */
function svg(name, attrs) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/**
 * @param {{ from: string, to: string, points: { time: string, avgFill: number }[] }} history
 * @param {any} forecast the API's container forecast
 * @returns {HTMLElement}
 */
export function forecastChart(history, forecast, width = 220, height = 80) {
  const from = Date.parse(history.from);
  const to = forecast.points.length ? Date.parse(forecast.points[forecast.points.length - 1].time) : Date.parse(history.to);
  const paths = forecastChartPaths(history.points, forecast.points, { width, height, from, to });
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'forecast-chart', role: 'img', 'aria-label': 'Gemeten vulgraad en verwachting' });
  chart.appendChild(svg('path', { d: paths.band, class: 'forecast-band', fill: '#ffcc80', 'fill-opacity': 0.55, stroke: 'none' }));
  for (const [fill, color, cls] of [[forecast.mustFill, '#ef6c00', 'must-line'], [1, '#c62828', 'full-line']]) {
    const y = paths.y(Number(fill)).toFixed(1);
    chart.appendChild(svg('line', { x1: 0, x2: width, y1: y, y2: y, stroke: String(color), 'stroke-dasharray': '3 3', 'stroke-width': 1, class: String(cls) }));
  }
  const nowX = paths.x(Date.parse(forecast.asOf)).toFixed(1);
  chart.appendChild(svg('line', { x1: nowX, x2: nowX, y1: 0, y2: height, stroke: '#607d8b', 'stroke-width': 1, class: 'now-line' }));
  chart.appendChild(svg('path', { d: paths.measured, class: 'measured', fill: 'none', stroke: '#0b5cad', 'stroke-width': 2 }));
  chart.appendChild(svg('path', { d: paths.mean, class: 'forecast-mean', fill: 'none', stroke: '#e65100', 'stroke-width': 2, 'stroke-dasharray': '5 3' }));
  for (const [x, anchor, text] of [[2, 'start', 'gemeten'], [Number(nowX), 'middle', 'nu'], [width - 2, 'end', 'verwacht']]) {
    const label = svg('text', { x, y: height - 3, 'text-anchor': anchor, 'font-size': 9, fill: '#455a64' });
    label.textContent = String(text);
    chart.appendChild(label);
  }

  const issues = forecast.health.issues.map((/** @type {{ kind: keyof typeof ISSUE_LABELS }} */ i) => ISSUE_LABELS[i.kind] ?? i.kind);
  return h(
    'div',
    { className: 'forecast' },
    chart,
    h('div', { className: 'forecast-summary' },
      `Nu ${percent(forecast.fillNow)} · +${percent(forecast.ratePerDay)} per dag (${SOURCE_LABELS[/** @type {keyof typeof SOURCE_LABELS} */ (forecast.rateSource)] ?? forecast.rateSource})`,
      h('br'),
      `Drempel ${percent(forecast.mustFill)}: ${forecast.timeToMust ? dateTime(forecast.timeToMust) : 'niet binnen 60 dagen'} · vol: ${forecast.timeToFull ? dateTime(forecast.timeToFull) : 'niet binnen 60 dagen'}`,
      issues.length ? [h('br'), h('span', { className: 'forecast-health' }, `Sensor: ${issues.join(', ')}`)] : null,
      forecast.fallback ? [h('br'), h('span', { className: 'forecast-fallback' }, forecast.fallback.message)] : null,
    ),
  );
}
