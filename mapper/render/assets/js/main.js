/* mapper incident map: draws the embedded GeoJSON, filters, popups.
 *
 * Safety rule: article text is untrusted. Every piece of data reaches the
 * page through textContent or a fixed attribute (ui/dom.js), never as
 * markup; links only for http(s) URLs.
 * Cost rule: one canvas circle per local incident, popups built on click.
 * Flow: one frozen state; every control calls setState(patch), which renders
 * the map, panel and hash from it. The map's view is the map's own (written
 * to the hash once the reader moves it).
 *
 * The folium page calls the two globals below: mapperBasemap(map, id) and
 * mapperIncidents(map, dataId, configId). Leaflet (L) and MarkerCluster are
 * inlined before this script. */
import { isoDay } from './core/format.js';
import { facetCounts, select } from './core/filters.js';
import { defaultState, parseHash, serializeHash } from './core/hash.js';
import { dayBins } from './core/histogram.js';
import { dayRange, toRecord, typeOrder, unpackFeatures } from './core/records.js';
import { drawBasemap } from './ui/basemap.js';
import { card } from './ui/card.js';
import { decorate } from './ui/decorations.js';
import { exportShown } from './ui/export.js';
import { attachClusterRings } from './ui/honesty.js';
import { attachKeyboard } from './ui/keyboard.js';
import { fitHistogram, popupOptions } from './ui/layout.js';
import { fillPrintSheet, printer } from './ui/print.js';
import { arrowMaker, clusterGroup, clusterSummary, drawnLayers, isCluster, markerMaker, recordOfLayer, recordsOfLayer } from './ui/layers.js';
import { drawAggregates, drawHistogram } from './ui/lists.js';
import { buildPanel, renderControls, renderCounter } from './ui/panel.js';

function readJSON(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

function stopMapEvents(node) {
  L.DomEvent.disableClickPropagation(node);
  L.DomEvent.disableScrollPropagation(node);
}

/** The page's records and what is known of them before any filter. */
function loadData(doc, cfg) {
  const colors = cfg.colors || {};
  const colorOf = (type) => (Object.prototype.hasOwnProperty.call(colors, type) ? colors[type] : cfg.otherColor);
  const records = doc.features.map((f) => toRecord(f, colorOf));
  const types = typeOrder(records, Object.keys(colors));
  const palette = types.map(colorOf).filter((c, k, all) => all.indexOf(c) === k);
  return {records, types, colorOf, palette, counts: facetCounts(records), range: dayRange(records),
          localTotal: records.filter((r) => !r.aggregate).length,
          aggregateTotal: records.filter((r) => r.aggregate).length};
}

window.mapperBasemap = function (map, id) {
  drawBasemap(map, readJSON(id));
};

window.mapperIncidents = function (map, dataId, configId) {
  const doc = unpackFeatures(readJSON(dataId));
  const cfg = readJSON(configId);
  const data = loadData(doc, cfg);
  const {records, types} = data;

  /* -- layers: one canvas for every interactive symbol (the map was made
   * with preferCanvas): stacked canvases would hide each other's clicks */
  const ringLayer = L.layerGroup().addTo(map);
  const arrowLayer = L.layerGroup().addTo(map);
  const labelLayer = L.layerGroup().addTo(map);
  const markerOf = markerMaker();
  const arrowOf = arrowMaker((rec, latlng) => openCard(rec, latlng));

  /* the page's mutable bindings, all here (MarkerCluster may call back at once) */
  let state = defaultState(types);
  let shown = select([], state); // nothing until the first render
  /* addLayers works in chunks for big tables; a render asked for while it
   * runs waits for it, so no stale chunk adds old symbols */
  let loading = false;
  let pending = false;
  let labelTimer = null;
  let ui = null; // the panel's controls, once it is added
  let viewShared = false;
  let viewReady = false;

  const group = clusterGroup(data.localTotal, data.palette, () => {
    loading = false;
    scheduleDecorations();
    if (pending) {
      pending = false;
      render();
    }
  });
  map.addLayer(group);

  function scheduleDecorations() {
    if (labelTimer) clearTimeout(labelTimer);
    labelTimer = setTimeout(() => {
      labelTimer = null;
      decorate(map, ringLayer, labelLayer);
      keys.refresh();
    }, 30);
  }
  map.on('moveend zoomend', scheduleDecorations);
  group.on('animationend spiderfied unspiderfied', scheduleDecorations);

  function openCard(rec, latlng) {
    L.popup(popupOptions(map, ui.box))
      .setLatLng(latlng || [rec.lat, rec.lon])
      .setContent(card(rec.p, rec.color))
      .openOn(map);
  }
  const hoverRings = attachClusterRings(map, group);
  const keys = attachKeyboard(map, group, (rec) => openCard(rec));
  /* one named landmark holds the map and its panel (axe: all content in landmarks) */
  map.getContainer().setAttribute('role', 'region');
  map.getContainer().setAttribute('aria-label', cfg.title || 'Incident map');
  group.on('click', (e) => {
    const rec = e.layer && !isCluster(e.layer) ? recordOfLayer(e.layer) : null;
    if (rec) openCard(rec, e.layer.getLatLng());
  });

  /* -- state */
  function setState(patch) {
    state = Object.freeze({...state, ...patch});
    render();
  }

  const actions = {
    toggle(facet, value, on) {
      const next = new Set(state[facet]);
      if (on) next.add(value);
      else next.delete(value);
      setState({[facet]: next});
    },
    set: setState,
    reset: () => setState(defaultState(types)),
    download: (format) => exportShown(format, shown, doc, records, cfg),
    print: () => printing.print()
  };

  const printing = printer(() => ({title: cfg.title || 'Incident map', credit: cfg.credit, state, types,
                                    colorOf: data.colorOf, shown, range: data.range}));

  /* -- panel */
  const panel = L.control({position: 'topright'});
  panel.onAdd = function () {
    ui = buildPanel({title: cfg.title || 'Incident map', credit: cfg.credit, narrow: map.getSize().x < 600,
                     types, colorOf: data.colorOf, counts: data.counts, range: data.range}, actions);
    stopMapEvents(ui.box);
    fitHistogram(ui.hist);
    return ui.box;
  };
  panel.addTo(map);

  /* -- view: from the hash (a shared link) or fitted to the incidents; once
   * the reader pans or zooms, the view joins the filters in the hash */
  function applyView() {
    if (state.view) {
      map.setView([state.view[1], state.view[2]], state.view[0], {animate: false});
      viewShared = true;
    } else if (cfg.bounds) {
      const wide = map.getSize().x > 700;
      map.fitBounds(cfg.bounds, {
        paddingTopLeft: [40, 40], paddingBottomRight: [wide ? 340 : 40, 40], maxZoom: 10, animate: false
      });
    }
  }

  function writeHash() {
    let view = null;
    if (viewShared) {
      const c = map.getCenter();
      view = [map.getZoom(), c.lat, c.lng];
    }
    const hash = serializeHash({...state, view}, types);
    if (window.location.hash !== hash && (hash || window.location.hash)) {
      try {
        history.replaceState(null, '', hash || window.location.pathname + window.location.search);
      } catch (e) {
        window.location.hash = hash;
      }
    }
  }
  map.on('moveend', () => {
    if (!viewReady) return;
    viewShared = true;
    writeHash();
  });

  /* -- render everything from the state */
  function render() {
    if (loading) {
      pending = true;
      return;
    }
    shown = select(records, state);
    arrowLayer.clearLayers();
    for (const rec of shown.local) {
      const arrow = arrowOf(rec);
      if (arrow) arrowLayer.addLayer(arrow);
    }
    group.clearLayers();
    loading = true;
    group.addLayers(shown.local.map(markerOf));
    renderCounter(ui.counter, shown, records.length, cfg.withoutCoordinates || 0);
    renderControls(ui, state);
    drawHistogram(ui.hist, ui.histAxis, dayBins(records, state, data.range.min, data.range.max), data.range,
                  (from, to) => setState({from, to}));
    drawAggregates(ui.aggregateBox, shown.aggregates, data.aggregateTotal, (rec) => {
      map.setView([rec.lat, rec.lon], Math.min(map.getZoom(), 7));
      openCard(rec);
    });
    writeHash();
  }

  state = parseHash(window.location.hash, types);
  applyView();
  viewReady = true;
  render();
  window.addEventListener('hashchange', () => {
    state = parseHash(window.location.hash, types); // a new link: the whole state replaced
    viewReady = false;
    if (state.view) applyView();
    viewReady = true;
    render();
  });

  const byId = new Map();
  for (const rec of records) if (rec.id !== null && !byId.has(rec.id)) byId.set(rec.id, rec);

  function toList(values) {
    return values === undefined ? undefined : new Set(values);
  }

  /* The page's public API, for tests, the benchmark and notebook users:
   * plain values in and out, nothing of Leaflet's or MarkerCluster's. */
  window.mapperPage = Object.freeze({
    /** true once the symbols of the last render are all added */
    ready: () => !loading && !pending,
    /** incidents and aggregate reports the filters let through */
    shownCount: () => shown.shown,
    /** ids of the local incidents the filters let through */
    shownIds: () => shown.local.map((r) => r.id),
    /** every record: {id, scope, lat, lon, type, fatalities, date} */
    incidents: () => records.map((r) => ({id: r.id, scope: r.p.scope, lat: r.lat, lon: r.lon, type: r.type,
                                          fatalities: r.fat, date: r.p.event_date || null})),
    /** the filters as a hash string ("" = everything) */
    filters: () => serializeHash(state, types),
    /** change filters: {types, levels, reviews: [values], from, to: "YYYY-MM-DD" or null, min} */
    setFilters: (patch) => {
      const next = {};
      for (const facet of ['types', 'levels', 'reviews']) if (patch[facet] !== undefined) next[facet] = toList(patch[facet]);
      for (const key of ['from', 'to']) {
        if (patch[key] !== undefined) next[key] = patch[key] === null ? null : isoDay(patch[key]);
      }
      if (patch.min !== undefined) next.min = patch.min > 0 ? Math.floor(patch.min) : 0;
      setState(next);
    },
    /** open the popup of one incident (or aggregate) by id; false when there is none */
    openIncident: (id) => {
      const rec = byId.get(id);
      if (!rec) return false;
      openCard(rec);
      return true;
    },
    closePopup: () => { map.closePopup(); },
    /** the view: {zoom, lat, lon}; setView(zoom, lat, lon) moves there at once */
    view: () => ({zoom: map.getZoom(), lat: map.getCenter().lat, lon: map.getCenter().lng}),
    setView: (zoom, lat, lon) => { map.setView([lat, lon], zoom, {animate: false}); },
    /** pan (at once) so that an incident is at [x, y] in the map's pixels; false when there is none */
    placeIncident: (id, x, y) => {
      const rec = byId.get(id);
      if (!rec) return false;
      const p = map.latLngToContainerPoint([rec.lat, rec.lon]);
      map.panBy([p.x - x, p.y - y], {animate: false});
      return true;
    },
    /** where an incident is on the screen now: [x, y] in page (client) pixels, or null */
    screenPoint: (id) => {
      const rec = byId.get(id);
      if (!rec) return null;
      const p = map.latLngToContainerPoint([rec.lat, rec.lon]);
      const box = map.getContainer().getBoundingClientRect();
      return [box.left + p.x, box.top + p.y];
    },
    /** local incidents in the cluster group (shown by the filters, drawn or clustered) */
    markerCount: () => group.getLayers().length,
    /** what is drawn now: clusters {cluster: true, count, caption, approx, name, lat, lon} and single
     * symbols {cluster: false, id, fatalities, approx, dashed, hollow} (approx: at an approximate place) */
    drawn: () => drawnLayers(map).map((layer) => {
      if (isCluster(layer)) {
        const caption = layer.getElement() && layer.getElement().querySelector('.mapper-cluster-k');
        const info = clusterSummary(layer);
      return {cluster: true, count: layer.getChildCount(), caption: caption ? caption.textContent : null,
              approx: info ? info.approx : 0, name: layer.getElement() ? layer.getElement().getAttribute('aria-label') : null,
              lat: layer.getLatLng().lat, lon: layer.getLatLng().lng};
      }
      const rec = recordOfLayer(layer);
      return {cluster: false, id: rec.id, fatalities: rec.fat, approx: rec.approx,
              dashed: Boolean(layer.options.dashArray), hollow: layer.options.fillOpacity < 0.5};
    }),
    /** incidents drawn now, singly or inside a cluster */
    visibleSymbolCount: () => drawnLayers(map).reduce((n, layer) => n + (isCluster(layer) ? layer.getChildCount() : 1), 0),
    /** ids of the incidents drawn now, singly or inside a cluster */
    visibleIds: () => drawnLayers(map).flatMap((layer) => recordsOfLayer(layer).map((r) => r.id)),
    /** displacement arrows drawn: [{id, parts}] (line, head and origin dot: 3 parts) */
    arrows: () => arrowLayer.getLayers().map((g) => ({id: recordOfLayer(g).id, parts: g.getLayers().length})),
    /** uncertainty rings drawn: [{lat, lon, radiusM}] */
    rings: () => ringLayer.getLayers().map((c) => ({lat: c.getLatLng().lat, lon: c.getLatLng().lng, radiusM: c.getRadius()})),
    /** uncertainty rings of the hovered or focused cluster (the union of its approximate places) */
    clusterRingCount: () => hoverRings.count(),
    /** the keyboard proxies of the single incidents in view: [{id, name}] (their accessible names) */
    focusables: () => keys.proxies(),
    /** keyboard-focus an incident's proxy, or the cluster holding it; false when neither is drawn */
    focusIncident: (id) => {
      const rec = byId.get(id);
      return rec ? keys.focusRecord(rec) : false;
    },
    /** the print sheet's text for what is shown now (what a print of the view carries besides the map) */
    printSheet: () => {
      fillPrintSheet(printing.sheet, {title: cfg.title || 'Incident map', credit: cfg.credit, state, types,
                                      colorOf: data.colorOf, shown, range: data.range});
      return printing.sheet.textContent;
    },
    /** start a download of what the filters show: 'csv' or 'geojson' */
    download: (format) => actions.download(format)
  });
};
