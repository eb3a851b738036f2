/* Decorations of what is drawn now (after every zoom, pan or filter):
 * uncertainty rings of approximate symbols shown on their own, the
 * "N killed" captions of clusters, and place-name labels (only while few
 * symbols are in view). Captions and labels that would overlap are hidden,
 * the most deadly kept first; country names that collide with them too. */
import { radiusOf } from '../core/format.js';
import { countryLabelsOf } from './basemap.js';
import { declutterCountries } from './declutter.js';
import { el } from './dom.js';
import { clusterSummary, drawnLayers, isCluster, recordOfLayer, recordsOfLayer } from './layers.js';

const MAX_LABELS = 60;

function overlaps(box, taken, margin) {
  for (const o of taken) {
    if (box.left < o.right + margin && box.right > o.left - margin &&
        box.top < o.bottom + margin && box.bottom > o.top - margin) return true;
  }
  return false;
}

function clusterWeight(layer) {
  const info = clusterSummary(layer);
  return (info ? info.sum : 0) + layer.getChildCount();
}

function drawRings(ringLayer, layers) {
  ringLayer.clearLayers();
  const seen = new Set();
  for (const layer of layers) {
    const rec = isCluster(layer) ? null : recordOfLayer(layer);
    if (!rec || !rec.approx) continue;
    const unc = rec.p.uncertainty_km;
    if (typeof unc !== 'number' || !(unc > 0)) continue;
    const key = rec.lat + ',' + rec.lon + ',' + unc;
    if (seen.has(key)) continue;
    seen.add(key);
    ringLayer.addLayer(L.circle([rec.lat, rec.lon], {
      radius: unc * 1000, interactive: false,
      color: '#4b5563', weight: 1.2, opacity: 0.8, dashArray: '5 5', fillColor: '#4b5563', fillOpacity: 0.04
    }));
  }
}

function labelText(layer) {
  const names = [];
  for (const rec of recordsOfLayer(layer)) {
    const name = rec.p.location;
    if (name && names.indexOf(name) < 0) names.push(name);
  }
  if (!names.length) return null;
  return names.length > 2 ? names.slice(0, 2).join(', ') + ' +' + (names.length - 2) : names.join(', ');
}

function placeCaptions(clusters, taken) {
  for (const layer of clusters) {
    const icon = layer.getElement();
    if (icon) taken.push(icon.getBoundingClientRect());
  }
  const ordered = clusters.slice().sort((a, b) => clusterWeight(b) - clusterWeight(a));
  for (const layer of ordered) {
    const icon = layer.getElement();
    if (!icon) continue;
    /* "N killed" and "includes N approximate" (the words stay in the icon's title and name when hidden) */
    for (const caption of icon.querySelectorAll('.mapper-cluster-k, .mapper-cluster-a')) {
      caption.style.visibility = 'visible';
      const box = caption.getBoundingClientRect();
      if (overlaps(box, taken, 1)) caption.style.visibility = 'hidden';
      else taken.push(box);
    }
  }
}

function placeLabels(labelLayer, layers, taken) {
  const items = layers.map((layer) => {
    if (isCluster(layer)) {
      const info = clusterSummary(layer);
      return {layer, r: info ? info.size / 2 : 20, weight: clusterWeight(layer)};
    }
    const rec = recordOfLayer(layer);
    return {layer, r: radiusOf(rec.fat), weight: rec.fat + 1};
  });
  items.sort((a, b) => b.weight - a.weight);
  for (const item of items) {
    const text = labelText(item.layer);
    if (!text) continue;
    const tip = L.tooltip({permanent: true, direction: 'right', offset: [item.r + 1, 0],
                           className: 'mapper-label', interactive: false, opacity: 1})
      .setLatLng(item.layer.getLatLng())
      .setContent(el('span', null, text))
      .addTo(labelLayer);
    const box = tip.getElement().getBoundingClientRect();
    if (overlaps(box, taken, 0)) labelLayer.removeLayer(tip);
    else taken.push(box);
  }
}

/** Redraw the decorations of `map` into `ringLayer` and `labelLayer`. */
export function decorate(map, ringLayer, labelLayer) {
  labelLayer.clearLayers();
  const bounds = map.getBounds().pad(0.1);
  const layers = drawnLayers(map).filter((layer) => bounds.contains(layer.getLatLng()));
  drawRings(ringLayer, layers);
  const taken = [];
  placeCaptions(layers.filter(isCluster), taken);
  if (layers.length <= MAX_LABELS) placeLabels(labelLayer, layers, taken);
  declutterCountries(map, countryLabelsOf(map), taken);
}
