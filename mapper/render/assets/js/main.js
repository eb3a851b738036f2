/* mapper incident map: draws the embedded GeoJSON, filters, popups.
 *
 * Safety rule: article text is untrusted. Every piece of data reaches the
 * page through textContent or a fixed attribute (ui/dom.js), never as
 * markup; links only for http(s) URLs.
 * Cost rule: one canvas circle per local incident, popups built on click; a
 * render changes only the markers that enter or leave (ui/sync.js). While
 * the time slider plays or is dragged, the window's incidents are drawn
 * unclustered on their own layer (re-clustering every frame cannot keep 20
 * frames/s at 20,000 incidents); a pause or letting go clusters them again.
 * Flow: one frozen state; every control calls setState(patch), which renders
 * the map, panel and hash from it. The map's view is the map's own (written
 * to the hash once the reader moves it).
 *
 * The folium page calls the two globals below: mapperBasemap(map, id) and
 * mapperIncidents(map, dataId, configId). Leaflet (L) and MarkerCluster are
 * inlined before this script. */
import { liveCounts } from './core/counts.js';
import { FACET_KEYS, facetOptions } from './core/finding.js';
import { dayText, isoDay } from './core/format.js';
import { facetCounts, select } from './core/filters.js';
import { defaultState, parseHash, serializeHash } from './core/hash.js';
import { weightName } from './core/hexbin.js';
import { WINDOWS, dayIndex, nextWindow, windowName, windowOf } from './core/timeline.js';
import { dayRange, toRecord, typeOrder, unpackFeatures } from './core/records.js';
import { drawBasemap } from './ui/basemap.js';
import { card } from './ui/card.js';
import { decorate } from './ui/decorations.js';
import { densityLayer } from './ui/density.js';
import { exportShown } from './ui/export.js';
import { incidentLink, renderCounts } from './ui/finder.js';
import { attachClusterRings } from './ui/honesty.js';
import { attachKeyboard } from './ui/keyboard.js';
import { fitHistogram, popupOptions } from './ui/layout.js';
import { fillPrintSheet, printer } from './ui/print.js';
import { arrowMaker, clusterGroup, clusterSummary, drawnLayers, isCluster, markerMaker, recordOfLayer, recordsOfLayer } from './ui/layers.js';
import { drawAggregates, drawHistogram } from './ui/lists.js';
import { buildPanel, renderControls, renderCounter } from './ui/panel.js';
import { markerSync } from './ui/sync.js';
import { attachBrush, binsMemo, paintRange } from './ui/timeline.js';

/* the zoom a chosen incident is shown at (at least) */
const FOCUS_ZOOM = 10;
/* a time step writes the URL hash at most this often (browsers throttle replaceState) */
const TIME_HASH_MS = 400;
const PLAYING_LIST_MS = 300;

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
  const options = facetOptions(records);
  const values = {};
  for (const key of FACET_KEYS) values[key] = new Set(options[key].map((o) => o[0]));
  return {records, types, colorOf, palette, counts: facetCounts(records), range: dayRange(records), options, values,
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
  const days = dayIndex(records);
  const binsOf = binsMemo(records, data.range);

  /* -- layers: one canvas for every interactive symbol (the map was made
   * with preferCanvas): stacked canvases would hide each other's clicks */
  const ringLayer = L.layerGroup().addTo(map);
  const arrowLayer = L.layerGroup().addTo(map);
  const labelLayer = L.layerGroup().addTo(map);
  const markerOf = markerMaker();
  /* the playback layer has markers of its own: a marker is on one layer at a time */
  const playLayer = L.featureGroup().addTo(map);
  const playSync = markerSync(playLayer, markerMaker());
  const arrowOf = arrowMaker((rec, latlng) => openCard(rec, latlng));
  /* the density view: hex cells of the shown local incidents instead of the points */
  const density = densityLayer(map);

  /* the page's mutable bindings, all here (MarkerCluster may call back at once) */
  let state = defaultState(types);
  let shown = select([], state); // nothing until the first render
  /* addLayers works in chunks for big tables; a render asked for while it
   * runs waits for it, so no stale chunk adds old symbols */
  let loading = false;
  let pending = false;
  let labelTimer = null;
  let keysTimer = null;
  let ui = null; // the panel's controls, once it is added
  let viewShared = false;
  let viewReady = false;
  let fitting = false; // our own re-fit moves the map: not the reader's move
  let refitNext = false; // the next render re-fits the view to what it shows (unless the reader moved it)
  let openRec = null; // the record whose card is open
  let hashTimer = null;
  let hashLater = false; // the last change was a time step: its hash may wait
  let hist = null; // the histogram drawn last (the brush reads its bins)
  let counts = null; // the legend counts of the last render
  const renders = {count: 0, ms: 0, at: 0}; // renders done, their time, when the last ended (for the benchmark)

  const group = clusterGroup(data.localTotal, data.palette, () => {
    loading = false;
    scheduleDecorations();
    if (pending) {
      pending = false;
      render();
    }
  });
  map.addLayer(group);
  const sync = markerSync(group, markerOf);

  function scheduleDecorations() {
    const run = () => {
      labelTimer = null;
      decorate(map, ringLayer, labelLayer);
      keys.refresh();
    };
    if (moving()) {
      // none while playing (their layout reads cost a frame); the pause redraws them
      if (labelTimer) clearTimeout(labelTimer);
      labelTimer = null;
      ringLayer.clearLayers();
      labelLayer.clearLayers();
      // the keyboard proxies follow the window a few times a second (none left on a day gone by)
      if (keysTimer === null) {
        keysTimer = setTimeout(() => {
          keysTimer = null;
          keys.refresh();
        }, PLAYING_LIST_MS);
      }
      return;
    }
    if (labelTimer) clearTimeout(labelTimer);
    labelTimer = setTimeout(run, 30);
  }
  map.on('moveend zoomend', scheduleDecorations);
  group.on('animationend spiderfied unspiderfied', scheduleDecorations);

  function openCard(rec, latlng) {
    const content = card(rec.p, rec.color);
    content.appendChild(incidentLink(rec.id));
    const popup = L.popup(popupOptions(map, ui.box))
      .setLatLng(latlng || [rec.lat, rec.lon])
      .setContent(content);
    popup.on('remove', () => {
      if (openRec !== rec) return;
      openRec = null;
      renderList();
      writeHash();
    });
    popup.openOn(map); // closes the card open before (its 'remove' above)
    openRec = rec;
    renderList();
    ui.list.reveal();
    writeHash();
  }
  const hoverRings = attachClusterRings(map, group);
  const keys = attachKeyboard(map, group, (rec) => openCard(rec));
  /* one named landmark holds the map and its panel (axe: all content in landmarks) */
  map.getContainer().setAttribute('role', 'region');
  map.getContainer().setAttribute('aria-label', cfg.title || 'Incident map');

  /* a chosen incident (a list row, a link): the map goes to it, then its card opens */
  function focusIncident(rec, animate) {
    const target = L.latLng(rec.lat, rec.lon);
    const zoom = Math.max(map.getZoom(), FOCUS_ZOOM);
    if (map.getZoom() >= FOCUS_ZOOM && map.getBounds().pad(-0.2).contains(target)) {
      openCard(rec);
    } else if (!animate) {
      map.setView(target, zoom, {animate: false});
      openCard(rec);
    } else {
      map.once('moveend', () => openCard(rec));
      map.flyTo(target, zoom, {duration: 0.6});
    }
  }

  function viewBox() {
    const b = map.getBounds();
    if (b.getEast() - b.getWest() >= 360) return null;
    return {south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast()};
  }

  /* while playing, the list follows a few times a second (a reader cannot read 20 lists a second) */
  let listTimer = null;
  function renderList() {
    if (!ui) return;
    if (moving()) {
      if (listTimer === null) {
        listTimer = setTimeout(() => {
          listTimer = null;
          ui.list.render(shown.local, viewBox(), openRec);
        }, PLAYING_LIST_MS);
      }
      return;
    }
    ui.list.render(shown.local, viewBox(), openRec);
  }
  map.on('moveend', renderList);
  const onMarkerClick = (e) => {
    const rec = e.layer && !isCluster(e.layer) ? recordOfLayer(e.layer) : null;
    if (rec) openCard(rec, e.layer.getLatLng());
  };
  group.on('click', onMarkerClick);
  playLayer.on('click', onMarkerClick);

  /* playing, or the slider being dragged: the map draws the window unclustered, the
   * decorations wait, the list and the hash follow a few times a second */
  function moving() {
    return Boolean(state.playing || state.scrubbing);
  }

  /* -- state: a filter change re-fits the view unless the reader has moved it
   * (the time slider's steps never do: the map holds still while it plays) */
  function setState(patch, options) {
    state = Object.freeze({...state, ...patch});
    hashLater = Boolean(options && options.refit === false);
    if (!hashLater) refitNext = true;
    render();
  }

  function fitShown() {
    const list = shown.local.length ? shown.local : shown.aggregates;
    if (!list.length) return;
    const bounds = L.latLngBounds(list.map((r) => [r.lat, r.lon]));
    const wide = map.getSize().x > 700;
    fitting = true;
    try {
      map.fitBounds(bounds, {paddingTopLeft: [40, 40], paddingBottomRight: [wide ? 340 : 40, 40], maxZoom: 10,
                             animate: false});
    } finally {
      fitting = false;
    }
  }

  const actions = {
    toggle(facet, value, on) {
      const next = new Set(state[facet]);
      if (on) next.add(value);
      else next.delete(value);
      setState({[facet]: next});
    },
    set: setState,
    reset: () => {
      viewShared = false; // a reset shows everything again, fitted
      setState(defaultState(types));
    },
    openIncident: (rec) => focusIncident(rec, true),
    download: (format) => exportShown(format, shown, doc, records, cfg),
    print: () => printing.print()
  };

  const printing = printer(() => ({title: cfg.title || 'Incident map', credit: cfg.credit, state, types,
                                    colorOf: data.colorOf, shown, range: data.range}));

  /* -- panel */
  const panel = L.control({position: 'topright'});
  panel.onAdd = function () {
    ui = buildPanel({title: cfg.title || 'Incident map', credit: cfg.credit, narrow: map.getSize().x < 600,
                     types, colorOf: data.colorOf, counts: data.counts, range: data.range, options: data.options,
                     getState: () => state}, actions);
    attachBrush(ui.hist, () => hist, (from, to) => setState({from, to, playing: false}));
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
    const hash = serializeHash({...state, view, incident: openRec ? openRec.id : null}, types);
    if (window.location.hash !== hash && (hash || window.location.hash)) {
      try {
        history.replaceState(null, '', hash || window.location.pathname + window.location.search);
      } catch (e) {
        window.location.hash = hash;
      }
    }
  }
  /* a time step (playback, the slider) writes the hash a little later, at most every
   * TIME_HASH_MS; any other change at once */
  function writeHashSoon() {
    if (!moving() && !hashLater) {
      writeHash();
    } else if (hashTimer === null) {
      hashTimer = setTimeout(() => {
        hashTimer = null;
        writeHash();
      }, TIME_HASH_MS);
    }
  }
  map.on('moveend', () => {
    if (!viewReady || fitting) return;
    viewShared = true;
    writeHash();
  });

  /* -- render everything from the state */
  function render() {
    if (loading) {
      pending = true;
      return;
    }
    const started = performance.now();
    shown = select(records, state, days);
    arrowLayer.clearLayers();
    for (const rec of state.density ? [] : shown.local) {
      const arrow = arrowOf(rec);
      if (arrow) arrowLayer.addLayer(arrow);
    }
    if (state.density) {
      // the points and clusters leave the map (the group's content waits for the way back)
      if (map.hasLayer(group)) map.removeLayer(group);
      playSync.clear();
      density.show(shown.local, state.weight);
      scheduleDecorations();
    } else if (moving()) {
      density.hide();
      if (map.hasLayer(group)) map.removeLayer(group);
      playSync.show(shown.local);
      scheduleDecorations();
    } else {
      density.hide();
      playSync.clear();
      if (!map.hasLayer(group)) map.addLayer(group);
      loading = true;
      sync.show(shown.local);
    }
    renderCounter(ui.counter, shown, records.length, cfg.withoutCoordinates || 0);
    renderControls(ui, state);
    counts = liveCounts(records, state, days);
    renderCounts(ui, counts, state);
    ui.timeline.render(state);
    const drawn = hist;
    hist = binsOf(state);
    // a time step only moves the highlighted bars; anything else redraws them
    if (!paintRange(ui.hist, hist, drawn)) {
      drawHistogram(ui.hist, ui.histAxis, hist, data.range, (from, to) => setState({from, to, playing: false}));
    }
    drawAggregates(ui.aggregateBox, shown.aggregates, data.aggregateTotal, (rec) => {
      map.setView([rec.lat, rec.lon], Math.min(map.getZoom(), 7));
      openCard(rec);
    });
    if (refitNext && !viewShared) fitShown();
    refitNext = false;
    renderList();
    writeHashSoon();
    renders.count++;
    renders.at = performance.now();
    renders.ms += renders.at - started;
  }

  const byId = new Map();
  for (const rec of records) if (rec.id !== null && !byId.has(rec.id)) byId.set(rec.id, rec);

  /* #incident=<id>: the state holds it only until it is opened (then the open card is the truth) */
  function openFromHash() {
    const rec = state.incident === null ? null : byId.get(state.incident);
    state = Object.freeze({...state, incident: null});
    if (rec) focusIncident(rec, false);
  }

  state = parseHash(window.location.hash, types, data.values);
  applyView();
  viewReady = true;
  // a shared link's filters without a view: fitted to what they show
  refitNext = !state.view && serializeHash({...state, incident: null}, types) !== '';
  render();
  openFromHash();
  window.addEventListener('hashchange', () => {
    const next = parseHash(window.location.hash, types, data.values);
    if (next.incident !== null && serializeHash({...next, incident: null}, types) === '') {
      // a link to one incident (a card's own link): the filters stay, the incident opens
      state = Object.freeze({...state, incident: next.incident});
    } else {
      state = next; // a new link: the whole state replaced, its view or a fit to what it shows
      viewReady = false;
      if (state.view) applyView();
      viewReady = true;
      viewShared = Boolean(state.view);
      refitNext = !state.view;
      render();
    }
    openFromHash();
  });

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
    /** change filters: {types, levels, reviews: [values], from, to: "YYYY-MM-DD" or null, min,
     * q: search text, actors, countries, admin1s: [values] or null (any), window: "day"|"week"|"month",
     * density: true (the hex-bin view) or false (points), weight: "count"|"fat"} */
    setFilters: (patch) => {
      const next = {};
      for (const facet of ['types', 'levels', 'reviews']) if (patch[facet] !== undefined) next[facet] = toList(patch[facet]);
      for (const facet of FACET_KEYS) {
        if (patch[facet] !== undefined) next[facet] = patch[facet] === null ? null : new Set(patch[facet]);
      }
      if (patch.q !== undefined) next.q = String(patch.q);
      if (patch.window !== undefined) next.window = windowName(patch.window);
      for (const key of ['from', 'to']) {
        if (patch[key] !== undefined) next[key] = patch[key] === null ? null : isoDay(patch[key]);
      }
      if (patch.min !== undefined) next.min = patch.min > 0 ? Math.floor(patch.min) : 0;
      if (patch.density !== undefined) next.density = Boolean(patch.density);
      if (patch.weight !== undefined) next.weight = weightName(patch.weight);
      setState(next);
    },
    /** open the popup of one incident (or aggregate) by id; false when there is none */
    openIncident: (id) => {
      const rec = byId.get(id);
      if (!rec) return false;
      openCard(rec);
      return true;
    },
    /** the id of the incident whose card is open, or null */
    openId: () => (openRec ? openRec.id : null),
    /** the list of the incidents in view, in its order: [{id, date, place, type, fatalities, approx, open}] */
    listRows: () => ui.list.listed().map((r) => ({id: r.id, date: r.p.event_date || null, place: r.p.location || null,
                                                 type: r.type, fatalities: r.fat, approx: r.approx, open: r === openRec})),
    /** the time window: {from, to: "YYYY-MM-DD" or null, window: its width in effect, playing} */
    timeWindow: () => ({from: state.from === null ? null : dayText(state.from), to: state.to === null ? null : dayText(state.to),
                        window: windowOf(state, data.range), playing: Boolean(state.playing)}),
    /** start or stop playback (as the Play button does) */
    play: () => { if (!state.playing) setState({playing: true, ...nextWindow(state, data.range, WINDOWS[windowOf(state, data.range)], true)}, {refit: false}); },
    pause: () => { if (state.playing) setState({playing: false}, {refit: false}); },
    /** one playback frame now, without the timer: the next window, or null at the end (the benchmark's frame) */
    stepTime: () => {
      const next = nextWindow(state, data.range, WINDOWS[windowOf(state, data.range)], false);
      if (next) setState(next, {refit: false});
      return next ? {from: dayText(next.from), to: dayText(next.to)} : null;
    },
    /** renders so far, the milliseconds they took, when the last one ended (performance.now()):
     * {count, ms, at} (the benchmark's frame counter) */
    renderStats: () => ({count: renders.count, ms: renders.ms, at: renders.at}),
    /** the legend counts shown now: {types, levels, reviews, actors, countries, admin1s: {value: count}} */
    legendCounts: () => {
      const out = {};
      for (const key of Object.keys(counts)) out[key] = Object.fromEntries(counts[key]);
      return out;
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
    /** false while the slider plays or is dragged (the window drawn unclustered), else true */
    clustered: () => map.hasLayer(group),
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
    /** the density view's cells drawn now: {on, weight, cells, count, killed, approx, texts: [tooltip]} */
    densityCells: () => density.cells(),
    /** start a download of what the filters show: 'csv' or 'geojson' */
    download: (format) => actions.download(format)
  });
};
