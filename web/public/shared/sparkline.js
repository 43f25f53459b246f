/** A small fill-level chart (SVG) for a container's recent history, with the 50% and 80% lines. */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The path of a line through the points, scaled into a width × height box; fill 0 at the bottom,
 * `maxFill` at the top. Pure, for unit tests.
 * @param {{ time: string, avgFill: number }[]} points
 * @param {{ width: number, height: number, from: number, to: number, maxFill?: number }} box times in ms
 * @returns {string} SVG path data, '' without points
 */
export function sparklinePath(points, { width, height, from, to, maxFill = 1.2 }) {
  const span = Math.max(1, to - from);
  const x = (/** @type {number} */ t) => ((t - from) / span) * width;
  const y = (/** @type {number} */ f) => height - (Math.min(Math.max(f, 0), maxFill) / maxFill) * height;
  return points
    .map((p, i) => `${i ? 'L' : 'M'}${x(Date.parse(p.time)).toFixed(1)},${y(p.avgFill).toFixed(1)}`)
    .join(' ');
}

/**
 * @param {{ from: string, to: string, points: { time: string, avgFill: number }[] }} history
 * @returns {SVGSVGElement}
 */
export function sparkline(history, width = 220, height = 60) {
  const box = { width, height, from: Date.parse(history.from), to: Date.parse(history.to), maxFill: 1.2 };
  const svg = /** @type {SVGSVGElement} */ (document.createElementNS(SVG_NS, 'svg'));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Vulgraad afgelopen week');
  for (const [fill, color] of [[0.5, '#f9a825'], [0.8, '#ef6c00'], [1, '#c62828']]) {
    const line = document.createElementNS(SVG_NS, 'line');
    const y = String(height - (Number(fill) / box.maxFill) * height);
    for (const [k, v] of Object.entries({ x1: '0', x2: String(width), y1: y, y2: y, stroke: String(color), 'stroke-dasharray': '3 3', 'stroke-width': '1' })) line.setAttribute(k, v);
    svg.appendChild(line);
  }
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', sparklinePath(history.points, box));
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', '#0b5cad');
  path.setAttribute('stroke-width', '2');
  svg.appendChild(path);
  return svg;
}
