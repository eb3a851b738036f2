/* The incident layers: one canvas circle per local incident in a
 * MarkerClusterGroup, displacement arrows, and what is drawn right now.
 * Leaflet objects carry nothing of ours: records are found through WeakMaps,
 * and only public Leaflet / MarkerCluster APIs are used (getAllChildMarkers,
 * getChildCount, getElement, map.eachLayer, events). */
import { fmtInt, radiusOf } from '../core/format.js';
import { approxPhrase, clusterName, honestySummary } from '../core/honesty.js';
import { OUTLINE, readableOn } from '../core/palette.js';
import { el } from './dom.js';

/* layer -> record: the markers, and each arrow's group */
const recordOf = new WeakMap();
/* cluster -> {n, sum, approx, rings, ring, size}: the summary its icon shows (made with the icon) */
const clusterInfo = new WeakMap();
/* a cluster icon's element -> its cluster (keyboard and hover find the cluster from the focused element) */
const clusterOfIcon = new WeakMap();

export function recordOfLayer(layer) {
  return recordOf.get(layer) || null;
}

export function isCluster(layer) {
  return layer instanceof L.MarkerCluster;
}

/** The summary of a cluster (computed by its icon): incidents, local fatalities, conic ring, icon size. */
export function clusterSummary(cluster) {
  return clusterInfo.get(cluster) || null;
}

/** The cluster whose icon is `node`, or null. */
export function clusterOfElement(node) {
  return clusterOfIcon.get(node) || null;
}

function summarize(cluster, palette) {
  const n = cluster.getChildCount();
  /* no cache by child count: a cluster kept across a time step may swap one child for another
   * (MarkerCluster asks for a new icon whenever its children change), so the sum, the approximate
   * count and the rings are made again with each icon */
  const children = cluster.getAllChildMarkers().map((child) => recordOf.get(child));
  const byColor = new Map();
  for (const rec of children) byColor.set(rec.color, (byColor.get(rec.color) || 0) + 1);
  /* ring: share of each event type, in legend order */
  const stops = [];
  let at = 0;
  for (const color of palette) {
    if (!byColor.has(color)) continue;
    const next = at + byColor.get(color) / children.length * 100;
    stops.push(color + ' ' + at.toFixed(1) + '% ' + next.toFixed(1) + '%');
    at = next;
  }
  const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
  const honest = honestySummary(children);
  const info = Object.freeze({n, sum: honest.sum, approx: honest.approx, rings: honest.rings,
                              ring: 'conic-gradient(' + stops.join(', ') + ')', size});
  clusterInfo.set(cluster, info);
  return info;
}

/* A divIcon whose focusable element (the one Leaflet makes role=button and
 * tabbable) carries the cluster's accessible name. */
const ClusterIcon = L.DivIcon.extend({
  createIcon(oldIcon) {
    const node = L.DivIcon.prototype.createIcon.call(this, oldIcon);
    node.setAttribute('aria-label', this.options.name);
    clusterOfIcon.set(node, this.options.cluster);
    return node;
  }
});

function clusterIcon(cluster, palette) {
  const info = summarize(cluster, palette);
  const ring = el('div', 'mapper-cluster-ring');
  ring.style.background = info.ring;
  const box = el('div', 'mapper-cluster-inner');
  ring.appendChild(box);
  box.appendChild(el('span', 'mapper-cluster-n', fmtInt(info.n)));
  ring.appendChild(el('span', 'mapper-cluster-k', fmtInt(info.sum) + ' killed'));
  /* an approximate place is never drawn as a known one: a hatched, dashed
   * cluster that says how many of its places are approximate */
  const approx = approxPhrase(info);
  if (approx) ring.appendChild(el('span', 'mapper-cluster-a', approx));
  ring.setAttribute('title', fmtInt(info.n) + ' incidents' + (approx ? ' (' + approx + ' places; hover shows their uncertainty)' : '') +
    ', ' + fmtInt(info.sum) + ' fatalities reported (local incidents only; click or Enter to zoom in)');
  return new ClusterIcon({html: ring, className: 'mapper-cluster' + (info.approx ? ' mapper-cluster-approx' : ''),
                          iconSize: [info.size, info.size], name: clusterName(info), cluster});
}

/**
 * The cluster group. `palette`: the legend's colours in order (distinct);
 * `onLoaded` runs when a chunked addLayers has finished.
 */
export function clusterGroup(localTotal, palette, onLoaded) {
  return L.markerClusterGroup({
    chunkedLoading: true,
    chunkProgress: (processed, total) => {
      if (processed >= total) onLoaded();
    },
    /* few incidents: only merge symbols that really overlap */
    maxClusterRadius: localTotal <= 300 ? 20 : 40,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: (cluster) => clusterIcon(cluster, palette)
  });
}

const edges = new Map(); // type colour -> its readable edge colour
function edgeOf(color) {
  if (!edges.has(color)) edges.set(color, readableOn(color));
  return edges.get(color);
}

/** A lazily made, cached marker per record. */
export function markerMaker() {
  const markers = new WeakMap();
  return (rec) => {
    let m = markers.get(rec);
    if (!m) {
      /* known: a solid disc with a dark edge; approximate: a hollow, dashed ring in the type's
       * colour darkened to 3:1 on the basemap (core/palette.js) — never the known symbol */
      m = L.circleMarker([rec.lat, rec.lon], {
        radius: radiusOf(rec.fat),
        color: rec.approx ? edgeOf(rec.color) : OUTLINE,
        weight: rec.approx ? 2.5 : 1,
        dashArray: rec.approx ? '4 3' : null,
        opacity: 1,
        fillColor: rec.approx ? '#ffffff' : rec.color,
        fillOpacity: rec.approx ? 0.35 : 0.9
      });
      recordOf.set(m, rec);
      markers.set(rec, m);
    }
    return m;
  };
}

function arrowFor(rec, onClick) {
  const p = rec.p;
  const oLat = p.origin_latitude;
  const oLon = p.origin_longitude;
  const k = Math.cos(rec.lat * Math.PI / 180) || 1;
  const dx = (rec.lon - oLon) * k;
  const dy = rec.lat - oLat;
  const len = Math.sqrt(dx * dx + dy * dy);
  if (!(len > 0)) return null;
  const ux = dx / len;
  const uy = dy / len;
  const head = Math.min(len * 0.3, Math.max(len * 0.08, 0.04));
  const pt = (back, side) => {
    const x = -ux * back - uy * side;
    const y = -uy * back + ux * side;
    return [rec.lat + y, rec.lon + x / k];
  };
  const style = {color: rec.color, weight: 2.5, opacity: 0.9, interactive: true};
  const line = L.polyline([[oLat, oLon], pt(head * 0.8, 0)], style);
  const tip = L.polygon([[rec.lat, rec.lon], pt(head, head * 0.45), pt(head, -head * 0.45)],
    {color: rec.color, weight: 1, fillColor: rec.color, fillOpacity: 0.95});
  const origin = L.circleMarker([oLat, oLon], {radius: 3, color: rec.color, weight: 1.5, fillColor: '#fff', fillOpacity: 1});
  const group = L.featureGroup([line, tip, origin]);
  group.on('click', (e) => onClick(rec, e.latlng));
  recordOf.set(group, rec);
  return group;
}

/** A lazily made, cached arrow per displacement record with an origin (null for the others);
 * a click on it calls onClick(rec, latlng). */
export function arrowMaker(onClick) {
  const arrows = new WeakMap();
  return (rec) => {
    if (typeof rec.p.origin_latitude !== 'number' || typeof rec.p.origin_longitude !== 'number') return null;
    if (!arrows.has(rec)) arrows.set(rec, arrowFor(rec, onClick));
    return arrows.get(rec);
  };
}

/** The clusters and single incident symbols on the map now (map.eachLayer: what Leaflet draws). */
export function drawnLayers(map) {
  const layers = [];
  map.eachLayer((layer) => {
    if (isCluster(layer) || (recordOf.has(layer) && layer instanceof L.CircleMarker)) layers.push(layer);
  });
  return layers;
}

/** The records of a drawn layer: a cluster's children, or the one incident. */
export function recordsOfLayer(layer) {
  return isCluster(layer) ? layer.getAllChildMarkers().map((m) => recordOf.get(m)) : [recordOf.get(layer)];
}
