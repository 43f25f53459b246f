/**
 * Containers on the map, coloured by their latest fill, from the API's GeoJSON representation
 * (every page of it). A legend explains the colours.
 */
import { h } from '../shared/dom.js';
import { FILL_BANDS, FRACTION_LABELS, UNKNOWN_FILL_COLOR, dateTime, fillColor, percent } from '../shared/format.js';
import { L } from '../shared/map.js';
import { sparkline } from '../shared/sparkline.js';
import { forecastChart } from './forecast-chart.js';

const PAGE_SIZE = 1000;
const CANVAS_ABOVE = 3000;

/**
 * @param {import('../shared/api-client.js').Api} api
 * @returns {Promise<any[]>} GeoJSON features
 */
export async function fetchContainerFeatures(api) {
  const features = [];
  for (let page = 1; ; page++) {
    const fc = await api.request(`/v1/containers?page=${page}&pageSize=${PAGE_SIZE}`, { accept: 'application/geo+json' });
    features.push(...fc.features);
    if (fc.features.length < PAGE_SIZE || features.length >= fc.numberMatched) return features;
  }
}

/**
 * @param {any} p container properties
 * @param {import('../shared/api-client.js').Api} api
 */
function popup(p, api) {
  const chart = h('div', { className: 'fill-history muted' }, 'Vulgraad afgelopen week laden…');
  api
    .request(`/v1/containers/${encodeURIComponent(p.id)}/fill-history?bucket=hour`)
    .then((history) => chart.replaceChildren(history.points.length ? sparkline(history) : 'Geen metingen in de afgelopen week.'))
    .catch(() => chart.replaceChildren('Geschiedenis niet beschikbaar.'));
  const forecast = h('div', { className: 'forecast muted' }, 'Verwachting laden…');
  const id = encodeURIComponent(p.id);
  const since = new Date(Date.now() - 3 * 86_400_000).toISOString();
  Promise.all([api.request(`/v1/containers/${id}/fill-history?bucket=hour&from=${encodeURIComponent(since)}`), api.request(`/v1/containers/${id}/forecast?hours=72`)])
    .then(([history, f]) => forecast.replaceWith(forecastChart(history, f)))
    .catch(() => forecast.replaceChildren('Verwachting niet beschikbaar.'));
  return h(
    'div',
    { className: 'container-popup' },
    h('strong', null, p.id),
    h('br'),
    p.address ?? '',
    h('br'),
    `${FRACTION_LABELS[p.fraction] ?? p.fraction} · ${p.volumeM3} m³ · ${p.type === 'underground' ? 'ondergronds' : 'bovengronds'}`,
    h('br'),
    `Vulgraad ${percent(p.fillLevel)} (${dateTime(p.measuredAt)}) · status ${p.status}`,
    p.lastEmptiedAt ? [h('br'), `Laatst geleegd ${dateTime(p.lastEmptiedAt)}`] : null,
    chart,
    forecast,
  );
}

/**
 * @param {import('leaflet').Map} map
 * @param {import('../shared/api-client.js').Api} api
 */
export function createContainersLayer(map, api) {
  const group = L.featureGroup().addTo(map);
  /** @type {Map<string, import('leaflet').CircleMarker>} */
  const byId = new Map();
  /** what each marker shows now, to leave unchanged ones (and their open popups) alone */
  const drawn = new Map();
  /** @type {import('leaflet').Renderer | undefined} */
  let renderer;

  const Legend = L.Control.extend({
    onAdd: () =>
      h(
        'div',
        { className: 'legend', 'aria-label': 'Legenda vulgraad' },
        h('strong', null, 'Vulgraad'),
        ...FILL_BANDS.map((b) => h('div', null, h('span', { className: 'swatch', style: `background:${b.color}` }), b.label)),
        h('div', null, h('span', { className: 'swatch', style: `background:${UNKNOWN_FILL_COLOR}` }), 'onbekend'),
      ),
  });
  new Legend({ position: 'bottomright' }).addTo(map);

  return {
    group,
    /**
     * Draws the containers, updating markers in place so a refresh keeps an open popup.
     * @param {any[]} features
     */
    show(features) {
      // Thousands of SVG circles make panning sluggish: a canvas then draws them all at once.
      renderer ??= features.length > CANVAS_ABOVE ? L.canvas({ padding: 0.5 }) : L.svg();
      const seen = new Set();
      for (const f of features) {
        const [lon, lat] = f.geometry.coordinates;
        const p = f.properties;
        seen.add(p.id);
        const key = JSON.stringify(f);
        if (drawn.get(p.id) === key) continue;
        drawn.set(p.id, key);
        const band = `fill-${p.fillLevel === null ? 'unknown' : Math.min(4, Math.floor(p.fillLevel * 4))}`;
        let marker = byId.get(p.id);
        if (!marker) {
          marker = L.circleMarker([lat, lon], { renderer, radius: 7, weight: 1, color: '#263238', fillOpacity: 0.9, className: 'container-marker' }).addTo(group);
          marker.getElement()?.setAttribute('data-container-id', p.id);
          byId.set(p.id, marker);
        }
        marker.setLatLng([lat, lon]);
        marker.setStyle({ fillColor: fillColor(p.fillLevel) });
        const el = marker.getElement();
        if (el) {
          el.classList.forEach((c) => c.startsWith('fill-') && el.classList.remove(c));
          el.classList.add(band);
        }
        marker.bindPopup(() => popup(p, api));
        marker.bindTooltip(h('span', null, `${p.id} · ${percent(p.fillLevel)}`));
      }
      for (const [id, marker] of byId) {
        if (seen.has(id)) continue;
        marker.remove();
        byId.delete(id);
        drawn.delete(id);
      }
    },
    /** @param {string} id */
    focus(id) {
      const marker = byId.get(id);
      if (!marker) return;
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 16));
      marker.openPopup();
    },
  };
}
