/* Every incident and cluster reachable with the keyboard.
 *
 * Single incidents are canvas circles, which cannot take focus: each one
 * drawn in view gets a focusable proxy, a transparent Leaflet marker over it
 * (role=button, named "Baniyas, 2025-03-09, Violence against civilians,
 * 20 killed"), which the pointer passes through (CSS) so mouse use is as
 * before. Cluster icons are focusable already (layers.js names them).
 * Enter or Space opens an incident's card (focus moves into it and returns
 * on close) or zooms into a cluster (spiderfies it at the last zoom), then
 * focuses the first of its incidents again. */
import { incidentName } from '../core/honesty.js';
import { radiusOf } from '../core/format.js';
import { clusterOfElement, drawnLayers, isCluster, recordOfLayer, recordsOfLayer } from './layers.js';

/* more single symbols than this in view: only clusters and the first ones get proxies (cost) */
const MAX_PROXIES = 400;

const ProxyIcon = L.DivIcon.extend({
  createIcon(oldIcon) {
    const node = L.DivIcon.prototype.createIcon.call(this, oldIcon);
    node.setAttribute('aria-label', this.options.name);
    return node;
  }
});

function isActivation(e) {
  return e.key === 'Enter' || e.key === ' ' || e.key === 'Spacebar';
}

/**
 * Wire the keyboard on `map` for the incidents of `group`; `open(rec)` opens a card.
 * Returns {refresh(), proxies(), focusIncident(id)}: refresh after every redraw.
 */
export function attachKeyboard(map, group, open) {
  const layer = L.layerGroup().addTo(map);
  const proxyOf = new WeakMap(); // record -> proxy marker
  const recordOfProxy = new WeakMap(); // proxy element -> record
  let live = new Map(); // record -> proxy, on the map now
  let focusNext = null; // a record to focus after a cluster zoom
  let opener = null;

  function proxyFor(rec, latlng) {
    let m = proxyOf.get(rec);
    const r = radiusOf(rec.fat);
    if (!m) {
      m = L.marker(latlng, {keyboard: true, riseOnHover: false,
                            icon: new ProxyIcon({className: 'mapper-proxy', iconSize: [2 * r, 2 * r], name: incidentName(rec)})});
      m.on('add', () => recordOfProxy.set(m.getElement(), rec));
      proxyOf.set(rec, m);
    } else {
      m.setLatLng(latlng);
    }
    return m;
  }

  function focusOf(rec) {
    const proxy = live.get(rec);
    if (proxy && proxy.getElement()) return proxy.getElement();
    for (const drawn of drawnLayers(map)) {
      if (isCluster(drawn) && recordsOfLayer(drawn).indexOf(rec) >= 0) return drawn.getElement();
    }
    return null;
  }

  function refresh() {
    const bounds = map.getBounds().pad(0.05);
    const next = new Map();
    for (const drawn of drawnLayers(map)) {
      if (isCluster(drawn) || next.size >= MAX_PROXIES) continue;
      const rec = recordOfLayer(drawn);
      if (!bounds.contains(drawn.getLatLng())) continue;
      next.set(rec, proxyFor(rec, drawn.getLatLng()));
    }
    for (const [rec, proxy] of live) if (!next.has(rec)) layer.removeLayer(proxy);
    for (const proxy of next.values()) if (!layer.hasLayer(proxy)) layer.addLayer(proxy);
    live = next;
    if (focusNext) {
      const node = focusOf(focusNext);
      focusNext = null;
      if (node) node.focus({preventScroll: true});
    }
  }

  function openFromKeyboard(rec, node) {
    opener = node;
    open(rec);
    const card = map.getContainer().querySelector('.leaflet-popup-content .mapper-card');
    if (card) {
      card.setAttribute('tabindex', '-1');
      card.focus({preventScroll: true});
    }
  }

  map.on('popupclose', () => {
    const node = opener;
    opener = null;
    if (node && node.isConnected) node.focus({preventScroll: true});
  });

  map.getContainer().addEventListener('keydown', (e) => {
    /* Leaflet closes a popup on Escape only while the map itself has the focus, not the card */
    if (e.key === 'Escape' && e.target.closest && e.target.closest('.leaflet-popup')) {
      e.preventDefault();
      map.closePopup();
      return;
    }
    if (!isActivation(e)) return;
    const rec = recordOfProxy.get(e.target);
    const cluster = rec ? null : clusterOfElement(e.target);
    if (!rec && !cluster) return;
    e.preventDefault(); // also stops Leaflet's keypress "click", so one key press acts once
    e.stopPropagation();
    if (rec) {
      openFromKeyboard(rec, e.target);
      return;
    }
    focusNext = recordsOfLayer(cluster)[0] || null;
    /* as a click does (MarkerCluster's rule): incidents at one point, or the last zoom, spread out */
    const bounds = cluster.getBounds();
    if (map.getZoom() >= map.getMaxZoom() || bounds.getNorthEast().equals(bounds.getSouthWest())) cluster.spiderfy();
    else cluster.zoomToBounds({padding: [40, 40]});
  });

  return {
    refresh,
    proxies: () => [...live.entries()].map(([rec, proxy]) => ({id: rec.id, name: proxy.getElement() ? proxy.getElement().getAttribute('aria-label') : null})),
    /** keyboard-focus the proxy (or cluster) of a record; false when none is on the map */
    focusRecord: (rec) => {
      const node = focusOf(rec);
      if (node) node.focus();
      return Boolean(node);
    }
  };
}
