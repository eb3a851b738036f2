/* The offline background: Natural Earth countries under the tiles, and the
 * names of the countries drawn in detail. Leaflet is the global L. */
import { el } from './dom.js';

/* the country-name elements of each map (decorations.js hides those that collide) */
const countryLabels = new WeakMap();

/* a country-name element -> the bounds of its country's largest polygon (declutter.js sizes names by it) */
const labelBounds = new WeakMap();

export function countryLabelsOf(map) {
  return countryLabels.get(map) || [];
}

export function countryBoundsOf(node) {
  return labelBounds.get(node) || null;
}

function largestPolygonBounds(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = null;
  let bestArea = -1;
  for (const polygon of polygons) {
    const bounds = L.latLngBounds(polygon[0].map((xy) => [xy[1], xy[0]]));
    const area = (bounds.getEast() - bounds.getWest()) * (bounds.getNorth() - bounds.getSouth());
    if (area > bestArea) {
      best = bounds;
      bestArea = area;
    }
  }
  return best;
}

export function drawBasemap(map, doc) {
  const pane = map.createPane('mapperBasemap');
  pane.style.zIndex = '150'; /* under the tile pane (200) */
  pane.style.pointerEvents = 'none';
  map.getContainer().classList.add('mapper-has-basemap');
  L.geoJSON(doc, {
    pane: 'mapperBasemap',
    renderer: L.svg({pane: 'mapperBasemap', padding: 0.5}),
    interactive: false,
    style: () => ({color: '#a9a39a', weight: 0.8, fillColor: '#f3efe6', fillOpacity: 1, opacity: 1})
  }).addTo(map);
  const labels = [];
  for (const f of doc.features) {
    const p = f.properties || {};
    if (typeof p.label_lat !== 'number' || typeof p.label_lon !== 'number') continue;
    const text = el('span', null, p.name);
    L.marker([p.label_lat, p.label_lon], {
      pane: 'mapperBasemap', interactive: false, keyboard: false,
      icon: L.divIcon({html: text, className: 'mapper-country', iconSize: null})
    }).addTo(map);
    labels.push(text);
    if (f.geometry) labelBounds.set(text, largestPolygonBounds(f.geometry));
  }
  countryLabels.set(map, labels);
}
