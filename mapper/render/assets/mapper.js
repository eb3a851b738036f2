/* mapper incident map: draws the embedded GeoJSON, filters, popups.
 *
 * Safety rule for this file: article text is untrusted. Every piece of data
 * reaches the page through textContent / setAttribute of a fixed attribute,
 * never innerHTML; links only for http(s) URLs.
 * Cost rule: one canvas circle per local incident, popups built on click.
 */
(function () {
  'use strict';

  var TIME_PRECISION = {1: 'exact day', 2: 'within about a week', 3: 'within about a month'};
  var GEO_PRECISION = {
    1: 'the named town or place itself',
    2: 'near a town, or part of a region',
    3: 'a larger region (approximate)'
  };
  var DAY_MS = 86400000;
  /* the confidence and review filters: every value always listed (a row without a
   * confidence, from an older table, passes the confidence filter) */
  var LEVELS = ['high', 'medium', 'low'];
  var REVIEWS = ['confirmed', 'edited', 'unreviewed'];
  var REVIEW_NAMES = {confirmed: 'Confirmed', edited: 'Edited', unreviewed: 'Unreviewed'};

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function dict() {
    return Object.create(null);
  }

  function readJSON(id) {
    var node = document.getElementById(id);
    return JSON.parse(node.textContent);
  }

  /* The page's FeatureCollection arrives packed by column (see
   * mapper/render/packing.py); rebuild ordinary GeoJSON features from it. */
  function unpackFeatures(packed) {
    var body = packed['mapper:packed'];
    if (!body) return packed;
    var doc = {};
    Object.keys(packed).forEach(function (key) {
      if (key !== 'mapper:packed') doc[key] = packed[key];
    });
    var names = Object.keys(body.columns);
    var features = new Array(body.count);
    for (var i = 0; i < body.count; i++) {
      var props = {};
      for (var k = 0; k < names.length; k++) {
        var column = body.columns[names[k]];
        props[names[k]] = column.codes ? column.dictionary[column.codes[i]] : column.values[i];
      }
      var feature = {type: 'Feature'};
      var fid = body.ids === 'incident_id' ? props.incident_id : body.ids[i];
      if (fid !== null && fid !== undefined) feature.id = fid;
      feature.geometry = {type: 'Point', coordinates: [body.coordinates[2 * i], body.coordinates[2 * i + 1]]};
      feature.properties = props;
      features[i] = feature;
    }
    doc.features = features;
    return doc;
  }

  function safeHttpUrl(value) {
    if (typeof value !== 'string') return null;
    var text = value.trim();
    if (!/^https?:\/\//i.test(text)) return null;
    try {
      var url = new URL(text);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
      return url.href;
    } catch (e) {
      return null;
    }
  }

  function isoDay(value) {
    if (typeof value !== 'string') return null;
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!m) return null;
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    return isNaN(t) ? null : Math.round(t / DAY_MS);
  }

  function dayText(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function fmtInt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function radiusOf(fatalities) {
    return Math.min(30, Math.max(5, 3 * Math.sqrt(fatalities)));
  }

  function stopMapEvents(node) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
  }

  /* ------------------------------------------------------------ basemap */

  window.mapperBasemap = function (map, id) {
    var doc = readJSON(id);
    var pane = map.createPane('mapperBasemap');
    pane.style.zIndex = 150; /* under the tile pane (200) */
    pane.style.pointerEvents = 'none';
    map.getContainer().classList.add('mapper-has-basemap');
    L.geoJSON(doc, {
      pane: 'mapperBasemap',
      renderer: L.svg({pane: 'mapperBasemap', padding: 0.5}),
      interactive: false,
      style: function () {
        return {color: '#a9a39a', weight: 0.8, fillColor: '#f3efe6', fillOpacity: 1, opacity: 1};
      }
    }).addTo(map);
    /* country names, for the countries drawn in detail (near the incidents);
     * mapperIncidents hides those that collide with incident labels */
    var labels = [];
    doc.features.forEach(function (f) {
      var p = f.properties || {};
      if (typeof p.label_lat !== 'number' || typeof p.label_lon !== 'number') return;
      var text = el('span', null, p.name);
      L.marker([p.label_lat, p.label_lon], {
        pane: 'mapperBasemap', interactive: false, keyboard: false,
        icon: L.divIcon({html: text, className: 'mapper-country', iconSize: null})
      }).addTo(map);
      labels.push(text);
    });
    map._mapperCountryLabels = labels;
  };

  /* ------------------------------------------------------------ popup card */

  function addRow(list, label, value) {
    if (value === null || value === undefined || value === '') return;
    list.appendChild(el('dt', null, label));
    list.appendChild(el('dd', null, value));
  }

  function breakdownText(text) {
    if (!text) return '';
    return String(text).split(';').map(function (item) {
      var parts = item.split('=');
      return parts.length === 2 ? parts[0].trim() + ' ' + parts[1].trim() : item.trim();
    }).filter(Boolean).join(', ');
  }

  function notesText(text) {
    if (!text) return '';
    return String(text).split(';').map(function (item) {
      var i = item.indexOf('=');
      return i > 0 ? item.slice(0, i).trim() + ': ' + item.slice(i + 1).trim() : item.trim();
    }).filter(Boolean).join(' · ');
  }

  function reviewOf(p) {
    return p.review_state === 'confirmed' || p.review_state === 'edited' ? p.review_state : 'unreviewed';
  }

  function reviewText(p) {
    var state = reviewOf(p);
    if (state === 'confirmed') return 'checked by a reviewer (confirmed)';
    if (state === 'edited') {
      var fields = String(p.edited_fields || '').split(';').filter(Boolean).join(', ');
      return 'checked by a reviewer, edited: ' + (fields || 'some fields');
    }
    return 'not reviewed';
  }

  function card(p, color) {
    var root = el('div', 'mapper-card');
    var head = el('div', 'mapper-card-type');
    head.style.borderLeftColor = color;
    head.appendChild(el('strong', null, p.event_type || 'Unclassified event'));
    if (p.sub_event_type) head.appendChild(el('span', null, ' — ' + p.sub_event_type));
    root.appendChild(head);
    if (p.scope === 'aggregate') {
      root.appendChild(el('div', 'mapper-card-aggregate',
        'Aggregate report: a total over an area or period, not a single incident. ' +
        'Not counted in local totals or clusters.'));
    }

    var list = el('dl', 'mapper-card-facts');
    var date = p.event_date || 'date unknown';
    if (p.time_precision && TIME_PRECISION[p.time_precision]) date += ' (' + TIME_PRECISION[p.time_precision] + ')';
    addRow(list, 'Date', date);
    if (p.date_text) addRow(list, 'Date as written', '“' + p.date_text + '”');
    var where = [p.location, p.admin1, p.country_code].filter(Boolean).join(', ');
    addRow(list, 'Place', where || 'unnamed place');
    var how = (p.provider || 'unknown source');
    if (p.geo_precision) {
      how += ', precision ' + p.geo_precision + (GEO_PRECISION[p.geo_precision] ? ': ' + GEO_PRECISION[p.geo_precision] : '');
    }
    if (p.uncertainty_km) how += ', ±' + p.uncertainty_km + ' km';
    addRow(list, 'Geocoded', how);
    var fat = p.fatalities === null || p.fatalities === undefined ? 'not reported' : fmtInt(p.fatalities);
    var bd = breakdownText(p.fatalities_breakdown);
    addRow(list, 'Fatalities', bd ? fat + ' (' + bd + ')' : fat);
    var actors = [p.actor1, p.actor2].filter(Boolean).join(' vs. ');
    addRow(list, 'Actors', actors);
    // displacement: "El Fasher → Tawila", from the origin/destination columns (never parsed out of notes)
    if (p.origin || p.destination) addRow(list, 'Fled', (p.origin || 'origin not given') + ' → ' + (p.destination || 'destination not given'));
    addRow(list, 'Notes', notesText(p.notes));
    if (p.confidence) addRow(list, 'Confidence', p.confidence + (p.confidence_reasons ? ' — ' + p.confidence_reasons : ''));
    addRow(list, 'Review', reviewText(p));
    root.appendChild(list);

    if (p.quote) {
      var quote = el('blockquote', 'mapper-card-quote', p.quote);
      root.appendChild(quote);
    }

    var src = el('div', 'mapper-card-source');
    var href = safeHttpUrl(p.article_url);
    var titleText = p.article_title || p.article || 'Article';
    if (href) {
      var a = el('a', null, titleText);
      a.setAttribute('href', href);
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer nofollow');
      src.appendChild(a);
    } else {
      src.appendChild(el('span', 'mapper-card-title', titleText));
    }
    if (p.article_source) src.appendChild(el('span', 'mapper-card-outlet', ' — ' + p.article_source));
    if (p.article_url && !href) src.appendChild(el('div', 'mapper-card-muted', 'Link not shown: not an http(s) address.'));
    root.appendChild(src);
    root.appendChild(el('div', 'mapper-card-muted', 'Incident ' + (p.incident_id || '?') + (p.article ? ' · ' + p.article : '')));
    return root;
  }

  /* ------------------------------------------------------------ main */

  window.mapperIncidents = function (map, dataId, configId) {
    var doc = unpackFeatures(readJSON(dataId));
    var cfg = readJSON(configId);
    var colors = cfg.colors || {};
    var knownTypes = Object.keys(colors);

    function colorOf(type) {
      return Object.prototype.hasOwnProperty.call(colors, type) ? colors[type] : cfg.otherColor;
    }

    /* -- records */
    var records = [];
    /* maps keyed by data (event types, places) have no prototype, so a type
     * named "__proto__" or "constructor" is just a name */
    var typeCounts = dict();
    var levelCounts = dict(), reviewCounts = dict();
    var minDay = null, maxDay = null;
    doc.features.forEach(function (f) {
      var p = f.properties || {};
      var c = f.geometry.coordinates;
      var type = p.event_type || '';
      var fat = typeof p.fatalities === 'number' && p.fatalities > 0 ? p.fatalities : 0;
      var rec = {
        p: p, lat: c[1], lon: c[0], type: type, fat: fat, day: isoDay(p.event_date),
        approx: typeof p.geo_precision === 'number' && p.geo_precision >= 2,
        aggregate: p.scope === 'aggregate', color: colorOf(type), marker: null,
        level: LEVELS.indexOf(p.confidence) >= 0 ? p.confidence : null, review: reviewOf(p)
      };
      records.push(rec);
      typeCounts[type] = (typeCounts[type] || 0) + 1;
      if (rec.level) levelCounts[rec.level] = (levelCounts[rec.level] || 0) + 1;
      reviewCounts[rec.review] = (reviewCounts[rec.review] || 0) + 1;
      if (rec.day !== null && !rec.aggregate) {
        if (minDay === null || rec.day < minDay) minDay = rec.day;
        if (maxDay === null || rec.day > maxDay) maxDay = rec.day;
      }
    });
    var types = knownTypes.filter(function (t) { return typeCounts[t]; })
      .concat(Object.keys(typeCounts).filter(function (t) { return knownTypes.indexOf(t) < 0; }).sort());

    /* addLayers works in chunks for big tables; a filter change that comes
     * while it runs waits for it, so no stale chunk adds old symbols. */
    var loading = false, pending = false;
    var localTotal = records.filter(function (r) { return !r.aggregate; }).length;

    /* -- layers */
    var uncertaintyLayer = L.layerGroup().addTo(map);
    var arrowLayer = L.layerGroup().addTo(map);
    var labelLayer = L.layerGroup().addTo(map);
    var MAX_LABELS = 60;
    /* one canvas for every interactive symbol: stacked canvases would hide
     * each other's clicks. The map was made with preferCanvas. */

    var group = L.markerClusterGroup({
      chunkedLoading: true,
      chunkProgress: function (processed, total) {
        if (processed >= total) {
          loading = false;
          scheduleLabels();
          if (pending) {
            pending = false;
            update();
          }
        }
      },
      /* few incidents: only merge symbols that really overlap */
      maxClusterRadius: localTotal <= 300 ? 20 : 40,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        if (cluster._mapperN !== n) {
          var children = cluster.getAllChildMarkers();
          var sum = 0, byColor = dict();
          for (var i = 0; i < children.length; i++) {
            var rec = children[i].mapperRec;
            sum += rec.fat;
            byColor[rec.color] = (byColor[rec.color] || 0) + 1;
          }
          /* ring: share of each event type, in legend order */
          var stops = [], at = 0;
          types.map(colorOf).filter(function (c, k, all) { return all.indexOf(c) === k; })
            .forEach(function (c) {
              if (!byColor[c]) return;
              var next = at + byColor[c] / children.length * 100;
              stops.push(c + ' ' + at.toFixed(1) + '% ' + next.toFixed(1) + '%');
              at = next;
            });
          cluster._mapperN = n;
          cluster._mapperSum = sum;
          cluster._mapperRing = 'conic-gradient(' + stops.join(', ') + ')';
        }
        var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
        var ring = el('div', 'mapper-cluster-ring');
        ring.style.background = cluster._mapperRing;
        var box = el('div', 'mapper-cluster-inner');
        ring.appendChild(box);
        box.appendChild(el('span', 'mapper-cluster-n', fmtInt(n)));
        ring.appendChild(el('span', 'mapper-cluster-k', fmtInt(cluster._mapperSum) + ' killed'));
        ring.setAttribute('title', fmtInt(n) + ' incidents, ' + fmtInt(cluster._mapperSum) +
          ' fatalities reported (local incidents only; click to zoom in)');
        return L.divIcon({html: ring, className: 'mapper-cluster', iconSize: [size, size]});
      }
    });
    map.addLayer(group);

    function markerFor(rec) {
      if (!rec.marker) {
        var m = L.circleMarker([rec.lat, rec.lon], {
          radius: radiusOf(rec.fat),
          color: rec.approx ? rec.color : '#ffffff',
          weight: rec.approx ? 2.5 : 1,
          opacity: 1,
          fillColor: rec.approx ? '#ffffff' : rec.color,
          fillOpacity: rec.approx ? 0.35 : 0.85
        });
        m.mapperRec = rec;
        rec.marker = m;
      }
      return rec.marker;
    }

    function openCard(rec, latlng) {
      L.popup({maxWidth: 360, minWidth: 240, autoPanPadding: [20, 20]})
        .setLatLng(latlng || [rec.lat, rec.lon])
        .setContent(card(rec.p, rec.color))
        .openOn(map);
    }

    group.on('click', function (e) {
      if (e.layer && e.layer.mapperRec) openCard(e.layer.mapperRec, e.layer.getLatLng());
    });

    function arrowFor(rec) {
      var p = rec.p;
      var oLat = p.origin_latitude, oLon = p.origin_longitude;
      var k = Math.cos(rec.lat * Math.PI / 180) || 1;
      var dx = (rec.lon - oLon) * k, dy = rec.lat - oLat;
      var len = Math.sqrt(dx * dx + dy * dy);
      if (!(len > 0)) return null;
      var ux = dx / len, uy = dy / len;
      var head = Math.min(len * 0.3, Math.max(len * 0.08, 0.04));
      var tipLat = rec.lat, tipLon = rec.lon;
      function pt(back, side) {
        var x = -ux * back - uy * side, y = -uy * back + ux * side;
        return [tipLat + y, tipLon + x / k];
      }
      var style = {color: rec.color, weight: 2.5, opacity: 0.9, interactive: true};
      var line = L.polyline([[oLat, oLon], pt(head * 0.8, 0)], style);
      var tip = L.polygon([[tipLat, tipLon], pt(head, head * 0.45), pt(head, -head * 0.45)],
        {color: rec.color, weight: 1, fillColor: rec.color, fillOpacity: 0.95});
      var origin = L.circleMarker([oLat, oLon], {radius: 3, color: rec.color, weight: 1.5, fillColor: '#fff', fillOpacity: 1});
      var g = L.featureGroup([line, tip, origin]);
      g.on('click', function (e) { openCard(rec, e.latlng); });
      return g;
    }

    /* -- state */
    var state = {types: null, levels: null, reviews: null, from: null, to: null, min: 0};

    function allOf(values) {
      var s = dict();
      values.forEach(function (t) { s[t] = true; });
      return s;
    }

    function defaultTypes() {
      return allOf(types);
    }

    function defaultState() {
      return {types: defaultTypes(), levels: allOf(LEVELS), reviews: allOf(REVIEWS), from: null, to: null, min: 0,
              view: null};
    }

    function readHash() {
      state = defaultState();
      var hash = window.location.hash.replace(/^#/, '');
      if (!hash) return;
      hash.split('&').forEach(function (pair) {
        var i = pair.indexOf('=');
        if (i < 0) return;
        var key = pair.slice(0, i), raw = pair.slice(i + 1), value;
        try { value = decodeURIComponent(raw); } catch (e) { return; }
        if (key === 'types') {
          state.types = dict();
          raw.split(',').forEach(function (t) {
            try { t = decodeURIComponent(t); } catch (e) { return; }
            if (typeCounts[t]) state.types[t] = true;
          });
        } else if (key === 'confidence' || key === 'review') {
          var known = key === 'confidence' ? LEVELS : REVIEWS, chosen = dict();
          value.split(',').forEach(function (v) { if (known.indexOf(v) >= 0) chosen[v] = true; });
          state[key === 'confidence' ? 'levels' : 'reviews'] = chosen;
        } else if (key === 'from' || key === 'to') {
          if (isoDay(value) !== null) state[key] = isoDay(value);
        } else if (key === 'min') {
          var n = parseInt(value, 10);
          if (n > 0) state.min = n;
        } else if (key === 'view') {
          var v = value.split('/').map(Number);
          if (v.length === 3 && v.every(isFinite) && Math.abs(v[1]) <= 90 && Math.abs(v[2]) <= 360) {
            state.view = v;
          }
        }
      });
    }

    function writeHash() {
      var parts = [];
      var chosen = types.filter(function (t) { return state.types[t]; });
      if (chosen.length !== types.length) {
        parts.push('types=' + chosen.map(encodeURIComponent).join(','));
      }
      [['confidence', LEVELS, state.levels], ['review', REVIEWS, state.reviews]].forEach(function (group) {
        var on = group[1].filter(function (v) { return group[2][v]; });
        if (on.length !== group[1].length) parts.push(group[0] + '=' + on.join(','));
      });
      if (state.from !== null) parts.push('from=' + dayText(state.from));
      if (state.to !== null) parts.push('to=' + dayText(state.to));
      if (state.min > 0) parts.push('min=' + state.min);
      if (viewShared) {
        var c = map.getCenter();
        parts.push('view=' + map.getZoom() + '/' + c.lat.toFixed(4) + '/' + c.lng.toFixed(4));
      }
      var hash = parts.length ? '#' + parts.join('&') : '';
      if (window.location.hash !== hash && (hash || window.location.hash)) {
        try {
          history.replaceState(null, '', hash || window.location.pathname + window.location.search);
        } catch (e) {
          window.location.hash = hash;
        }
      }
    }

    function passesExceptDate(rec) {
      return !!state.types[rec.type] && rec.fat >= state.min && !!state.reviews[rec.review] &&
        (rec.level === null || !!state.levels[rec.level]);
    }

    function passesDate(rec) {
      if (state.from !== null && (rec.day === null || rec.day < state.from)) return false;
      if (state.to !== null && (rec.day === null || rec.day > state.to)) return false;
      return true;
    }

    /* -- panel */
    var panel = L.control({position: 'topright'});
    var ui = {};
    panel.onAdd = function () {
      var box = el('div', 'mapper-panel');
      stopMapEvents(box);
      var top = el('div', 'mapper-panel-head');
      top.appendChild(el('h1', 'mapper-title', cfg.title || 'Incident map'));
      var toggle = el('button', 'mapper-toggle', 'Hide');
      toggle.type = 'button';
      toggle.setAttribute('aria-expanded', 'true');
      toggle.addEventListener('click', function () {
        var closed = box.classList.toggle('mapper-collapsed');
        toggle.textContent = closed ? 'Filters' : 'Hide';
        toggle.setAttribute('aria-expanded', closed ? 'false' : 'true');
      });
      top.appendChild(toggle);
      box.appendChild(top);
      if (map.getSize().x < 600) {
        /* phones: the map first, filters one tap away */
        box.classList.add('mapper-collapsed');
        toggle.textContent = 'Filters';
        toggle.setAttribute('aria-expanded', 'false');
      }
      if (cfg.credit) box.appendChild(el('div', 'mapper-byline', cfg.credit));
      ui.counter = el('div', 'mapper-counter');
      ui.counter.id = 'mapper-counter';
      ui.counter.setAttribute('role', 'status');
      box.appendChild(ui.counter);

      var body = el('div', 'mapper-panel-body');
      box.appendChild(body);

      body.appendChild(el('h2', null, 'Event type'));
      var legend = el('div', 'mapper-legend');
      ui.typeBoxes = dict();
      types.forEach(function (t) {
        var label = el('label', 'mapper-legend-item');
        var cb = el('input');
        cb.type = 'checkbox';
        cb.className = 'mapper-type';
        cb.value = t;
        cb.addEventListener('change', function () {
          state.types[t] = cb.checked;
          update();
        });
        ui.typeBoxes[t] = cb;
        var sw = el('span', 'mapper-swatch');
        sw.style.backgroundColor = colorOf(t);
        label.appendChild(cb);
        label.appendChild(sw);
        label.appendChild(el('span', 'mapper-legend-name', t || 'Unclassified'));
        label.appendChild(el('span', 'mapper-legend-count', fmtInt(typeCounts[t])));
        legend.appendChild(label);
      });
      body.appendChild(legend);

      /* confidence and review: checkboxes counted like the event types */
      function checkGroup(title, cls, values, names, counts, key) {
        body.appendChild(el('h2', null, title));
        var group = el('div', 'mapper-legend');
        ui[key] = dict();
        values.forEach(function (v) {
          var label = el('label', 'mapper-legend-item');
          var cb = el('input');
          cb.type = 'checkbox';
          cb.className = cls;
          cb.value = v;
          cb.addEventListener('change', function () {
            state[key][v] = cb.checked;
            update();
          });
          ui[key][v] = cb;
          label.appendChild(cb);
          label.appendChild(el('span', 'mapper-legend-name', names[v]));
          label.appendChild(el('span', 'mapper-legend-count', fmtInt(counts[v] || 0)));
          group.appendChild(label);
        });
        body.appendChild(group);
      }
      checkGroup('Confidence', 'mapper-confidence', LEVELS, {high: 'High', medium: 'Medium', low: 'Low'},
                 levelCounts, 'levels');
      checkGroup('Review', 'mapper-review', REVIEWS, REVIEW_NAMES, reviewCounts, 'reviews');

      body.appendChild(el('h2', null, 'Dates'));
      ui.hist = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      ui.hist.setAttribute('class', 'mapper-hist');
      ui.hist.setAttribute('width', '260');
      ui.hist.setAttribute('height', '56');
      ui.hist.setAttribute('role', 'img');
      ui.hist.setAttribute('aria-label', 'Local incidents per day');
      body.appendChild(ui.hist);
      ui.histAxis = el('div', 'mapper-hist-axis');
      body.appendChild(ui.histAxis);
      var dates = el('div', 'mapper-dates');
      ui.from = el('input');
      ui.from.type = 'date';
      ui.from.id = 'mapper-from';
      ui.from.setAttribute('aria-label', 'From date');
      ui.to = el('input');
      ui.to.type = 'date';
      ui.to.id = 'mapper-to';
      ui.to.setAttribute('aria-label', 'To date');
      if (minDay !== null) {
        [ui.from, ui.to].forEach(function (inp) {
          inp.min = dayText(minDay);
          inp.max = dayText(maxDay);
        });
      }
      ui.from.addEventListener('change', function () {
        state.from = ui.from.value ? isoDay(ui.from.value) : null;
        update();
      });
      ui.to.addEventListener('change', function () {
        state.to = ui.to.value ? isoDay(ui.to.value) : null;
        update();
      });
      dates.appendChild(ui.from);
      dates.appendChild(el('span', null, ' to '));
      dates.appendChild(ui.to);
      body.appendChild(dates);

      var minRow = el('label', 'mapper-min');
      minRow.appendChild(el('span', null, 'At least '));
      ui.min = el('input');
      ui.min.type = 'number';
      ui.min.min = '0';
      ui.min.step = '1';
      ui.min.id = 'mapper-min';
      ui.min.addEventListener('input', function () {
        var n = parseInt(ui.min.value, 10);
        state.min = n > 0 ? n : 0;
        update();
      });
      minRow.appendChild(ui.min);
      minRow.appendChild(el('span', null, ' fatalities'));
      body.appendChild(minRow);

      var reset = el('button', 'mapper-reset', 'Reset filters');
      reset.type = 'button';
      reset.addEventListener('click', function () {
        state = defaultState();
        update();
      });
      body.appendChild(reset);

      body.appendChild(el('h2', null, 'Symbols'));
      var key = el('div', 'mapper-key');
      function keyItem(svgBuilder, text) {
        var row = el('div', 'mapper-key-item');
        var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
        svg.setAttribute('width', '34');
        svg.setAttribute('height', '24');
        svgBuilder(svg);
        row.appendChild(svg);
        row.appendChild(el('span', null, text));
        key.appendChild(row);
      }
      function circle(svg, r, attrs) {
        var c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
        c.setAttribute('cx', '17');
        c.setAttribute('cy', '12');
        c.setAttribute('r', String(r));
        Object.keys(attrs).forEach(function (k) { c.setAttribute(k, attrs[k]); });
        svg.appendChild(c);
      }
      keyItem(function (s) {
        circle(s, 5, {fill: '#555', stroke: '#fff'});
      }, 'Place known (town); size grows with √fatalities');
      keyItem(function (s) {
        circle(s, 10, {fill: 'none', stroke: '#555', 'stroke-dasharray': '3 3'});
        circle(s, 5, {fill: '#fff', 'fill-opacity': '0.4', stroke: '#555', 'stroke-width': '2'});
      }, 'Approximate place; dashed ring = uncertainty');
      keyItem(function (s) {
        circle(s, 9, {fill: '#334155', stroke: '#CC79A7', 'stroke-width': '3.5'});
      }, 'Cluster: number of incidents, people killed beside it');
      keyItem(function (s) {
        var l = document.createElementNS('http://www.w3.org/2000/svg', 'path');
        l.setAttribute('d', 'M3 18 L26 8 M26 8 L19 7 M26 8 L22 14');
        l.setAttribute('stroke', '#555');
        l.setAttribute('stroke-width', '2');
        l.setAttribute('fill', 'none');
        s.appendChild(l);
      }, 'Displacement: from origin to destination');
      body.appendChild(key);

      ui.aggregateBox = el('div', 'mapper-aggregates');
      body.appendChild(ui.aggregateBox);

      var download = el('button', 'mapper-reset', 'Download the data (GeoJSON)');
      download.type = 'button';
      download.addEventListener('click', function () {
        var text = JSON.stringify(doc);
        var url = URL.createObjectURL(new Blob([text], {type: 'application/geo+json'}));
        var a = el('a');
        a.href = url;
        a.download = 'incidents.geojson';
        document.body.appendChild(a);
        a.click();
        document.body.removeChild(a);
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      });
      body.appendChild(download);

      var credit = el('div', 'mapper-credit');
      credit.appendChild(el('div', null,
        'Positions are where reports place events, at the stated precision. Totals are as reported, unverified.'));
      body.appendChild(credit);
      return box;
    };
    panel.addTo(map);

    /* -- histogram */
    function drawHistogram() {
      var svg = ui.hist;
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      while (ui.histAxis.firstChild) ui.histAxis.removeChild(ui.histAxis.firstChild);
      if (minDay === null) {
        ui.histAxis.textContent = 'No dated incidents.';
        return;
      }
      var span = maxDay - minDay + 1;
      var binDays = Math.max(1, Math.ceil(span / 120));
      var bins = Math.ceil(span / binDays);
      var counts = new Array(bins);
      for (var b = 0; b < bins; b++) counts[b] = 0;
      for (var i = 0; i < records.length; i++) {
        var r = records[i];
        if (r.aggregate || r.day === null || !passesExceptDate(r)) continue;
        counts[Math.floor((r.day - minDay) / binDays)]++;
      }
      var max = Math.max.apply(null, counts.concat([1]));
      var width = 260, height = 48, w = width / bins;
      var ns = 'http://www.w3.org/2000/svg';
      var base = document.createElementNS(ns, 'line');
      base.setAttribute('x1', '0');
      base.setAttribute('x2', String(width));
      base.setAttribute('y1', String(height + 0.5));
      base.setAttribute('y2', String(height + 0.5));
      base.setAttribute('stroke', '#999');
      svg.appendChild(base);
      counts.forEach(function (count, index) {
        var start = minDay + index * binDays;
        var end = start + binDays - 1;
        var inRange = (state.from === null || end >= state.from) && (state.to === null || start <= state.to);
        var h = count ? Math.max(2, (count / max) * height) : 0;
        var rect = document.createElementNS(ns, 'rect');
        rect.setAttribute('x', (index * w + (w > 3 ? 0.5 : 0)).toFixed(2));
        rect.setAttribute('width', Math.max(0.6, w - (w > 3 ? 1 : 0)).toFixed(2));
        rect.setAttribute('y', (height - h).toFixed(2));
        rect.setAttribute('height', h.toFixed(2));
        rect.setAttribute('class', inRange ? 'mapper-bar' : 'mapper-bar mapper-bar-out');
        var title = document.createElementNS(ns, 'title');
        title.textContent = (binDays === 1 ? dayText(start) : dayText(start) + ' – ' + dayText(end)) +
          ': ' + count + ' incident' + (count === 1 ? '' : 's') + ' (click to show only this)';
        rect.appendChild(title);
        rect.addEventListener('click', function () {
          state.from = start;
          state.to = end;
          update();
        });
        svg.appendChild(rect);
        /* invisible full-height hit area so empty days are clickable too */
      });
      ui.histAxis.appendChild(el('span', null, dayText(minDay)));
      ui.histAxis.appendChild(el('span', null, binDays === 1 ? 'incidents per day, max ' + max : 'per ' + binDays + ' days, max ' + max));
      ui.histAxis.appendChild(el('span', null, dayText(maxDay)));
    }

    /* -- aggregate list */
    function drawAggregates(list) {
      var box = ui.aggregateBox;
      while (box.firstChild) box.removeChild(box.firstChild);
      var total = records.filter(function (r) { return r.aggregate; }).length;
      if (!total) return;
      box.appendChild(el('h2', null, 'Aggregate reports (' + list.length + ' of ' + total + ')'));
      box.appendChild(el('p', 'mapper-muted',
        'Totals over an area or a period. Listed apart: never added to the incidents or clusters on the map.'));
      var ul = el('ul', 'mapper-aggregate-list');
      var MAX_LISTED = 200;
      list = list.slice().sort(function (a, b) {
        return b.fat - a.fat || (b.day || 0) - (a.day || 0);
      });
      list.slice(0, MAX_LISTED).forEach(function (rec) {
        var li = el('li');
        var button = el('button', 'mapper-aggregate-item');
        button.type = 'button';
        var sw = el('span', 'mapper-swatch');
        sw.style.backgroundColor = rec.color;
        button.appendChild(sw);
        button.appendChild(el('strong', null, rec.p.location || 'unnamed area'));
        var toll = rec.p.fatalities ? fmtInt(rec.p.fatalities) + ' killed' : '';
        button.appendChild(el('span', null, ' · ' + (rec.p.event_date || 'undated')));
        // What the report is (a toll, looting, displacement...), so rows at the same area differ.
        button.appendChild(el('span', 'mapper-aggregate-what',
          (rec.p.sub_event_type || rec.p.event_type || '') + (toll ? ' · ' + toll : '')));
        button.addEventListener('click', function () {
          map.setView([rec.lat, rec.lon], Math.min(map.getZoom(), 7));
          openCard(rec);
        });
        li.appendChild(button);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (list.length > MAX_LISTED) {
        box.appendChild(el('p', 'mapper-muted', 'and ' + fmtInt(list.length - MAX_LISTED) +
          ' more with smaller tolls; narrow the filters to list them.'));
      }
    }

    /* -- decorations of what is drawn now (after every zoom/pan/filter):
     *    uncertainty rings of approximate symbols shown on their own, the
     *    "N killed" captions of clusters, and place-name labels (only while
     *    few symbols are in view). Captions and labels that would overlap
     *    are hidden, the most deadly first kept. */
    function overlaps(box, taken, margin) {
      var m = margin || 0;
      for (var i = 0; i < taken.length; i++) {
        var o = taken[i];
        if (box.left < o.right + m && box.right > o.left - m && box.top < o.bottom + m && box.bottom > o.top - m) return true;
      }
      return false;
    }

    function clusterWeight(layer) {
      return (layer._mapperSum || 0) + layer.getChildCount();
    }

    function refreshRings(layers) {
      uncertaintyLayer.clearLayers();
      var seen = dict();
      layers.forEach(function (layer) {
        var rec = layer.mapperRec;
        if (!rec || !rec.approx) return;
        var unc = rec.p.uncertainty_km;
        if (typeof unc !== 'number' || !(unc > 0)) return;
        var key = rec.lat + ',' + rec.lon + ',' + unc;
        if (seen[key]) return;
        seen[key] = true;
        uncertaintyLayer.addLayer(L.circle([rec.lat, rec.lon], {
          radius: unc * 1000, interactive: false,
          color: '#4b5563', weight: 1.2, opacity: 0.8, dashArray: '5 5', fillColor: '#4b5563', fillOpacity: 0.04
        }));
      });
    }

    function labelText(layer) {
      var names = [], seen = dict();
      var children = layer.getChildCount ? layer.getAllChildMarkers() : [layer];
      for (var i = 0; i < children.length; i++) {
        var n = children[i].mapperRec.p.location;
        if (n && !seen[n]) { seen[n] = true; names.push(n); }
      }
      if (!names.length) return null;
      return names.length > 2 ? names.slice(0, 2).join(', ') + ' +' + (names.length - 2) : names.join(', ');
    }

    function refreshLabels() {
      labelLayer.clearLayers();
      var bounds = map.getBounds().pad(0.1);
      var layers = group._featureGroup.getLayers().filter(function (layer) {
        return bounds.contains(layer.getLatLng());
      });
      refreshRings(layers);
      var taken = [];
      var clusters = layers.filter(function (l) { return l.getChildCount && l._icon; });
      clusters.forEach(function (l) { taken.push(l._icon.getBoundingClientRect()); });
      clusters.sort(function (a, b) { return clusterWeight(b) - clusterWeight(a); });
      clusters.forEach(function (l) {
        var caption = l._icon.querySelector('.mapper-cluster-k');
        if (!caption) return;
        caption.style.visibility = 'visible';
        var box = caption.getBoundingClientRect();
        if (overlaps(box, taken, 1)) caption.style.visibility = 'hidden';
        else taken.push(box);
      });
      if (layers.length <= MAX_LABELS) {
        var items = layers.map(function (layer) {
          var cluster = !!layer.getChildCount;
          var icon = cluster && layer.options.icon && layer.options.icon.options.iconSize;
          return {
            layer: layer,
            r: cluster ? (icon ? icon[0] / 2 : 20) : radiusOf(layer.mapperRec.fat),
            weight: cluster ? clusterWeight(layer) : layer.mapperRec.fat + 1
          };
        });
        items.sort(function (a, b) { return b.weight - a.weight; });
        items.forEach(function (item) {
          var text = labelText(item.layer);
          if (!text) return;
          var tip = L.tooltip({permanent: true, direction: 'right', offset: [item.r + 1, 0],
                               className: 'mapper-label', interactive: false, opacity: 1})
            .setLatLng(item.layer.getLatLng())
            .setContent(el('span', null, text))
            .addTo(labelLayer);
          var box = tip.getElement().getBoundingClientRect();
          if (overlaps(box, taken, 0)) labelLayer.removeLayer(tip);
          else taken.push(box);
        });
      }
      (map._mapperCountryLabels || []).forEach(function (node) {
        node.style.visibility = 'visible';
        if (overlaps(node.getBoundingClientRect(), taken, 4)) node.style.visibility = 'hidden';
      });
    }
    var labelTimer = null;
    function scheduleLabels() {
      if (labelTimer) clearTimeout(labelTimer);
      labelTimer = setTimeout(function () { labelTimer = null; refreshLabels(); }, 30);
    }
    map.on('moveend zoomend', scheduleLabels);
    group.on('animationend spiderfied unspiderfied', scheduleLabels);

    /* -- update everything from state */
    var shownCount = 0;

    function update() {
      if (loading) {
        pending = true;
        return;
      }
      var markers = [];
      var aggregates = [];
      var shownLocal = 0, shownFat = 0, totalLocal = 0;
      arrowLayer.clearLayers();
      for (var i = 0; i < records.length; i++) {
        var rec = records[i];
        if (!rec.aggregate) totalLocal++;
        if (!passesExceptDate(rec) || !passesDate(rec)) continue;
        if (rec.aggregate) {
          aggregates.push(rec);
          continue;
        }
        shownLocal++;
        shownFat += rec.fat;
        markers.push(markerFor(rec));
        if (typeof rec.p.origin_latitude === 'number' && typeof rec.p.origin_longitude === 'number') {
          if (rec.arrow === undefined) rec.arrow = arrowFor(rec);
          if (rec.arrow) arrowLayer.addLayer(rec.arrow);
        }
      }
      group.clearLayers();
      loading = true;
      group.addLayers(markers);
      shownCount = shownLocal + aggregates.length;

      var counter = ui.counter;
      counter.textContent = '';
      counter.appendChild(el('strong', null, fmtInt(shownCount)));
      counter.appendChild(document.createTextNode(' shown of ' + fmtInt(records.length) + ', '));
      counter.appendChild(el('strong', null, fmtInt(cfg.withoutCoordinates || 0)));
      counter.appendChild(document.createTextNode(' without coordinates (not mapped)'));
      counter.appendChild(el('div', 'mapper-counter-sub',
        fmtInt(shownLocal) + ' local incidents on the map, ' + fmtInt(shownFat) + ' killed · ' +
        fmtInt(aggregates.length) + ' aggregate reports listed apart'));
      counter.setAttribute('data-shown', String(shownCount));
      counter.setAttribute('data-total', String(records.length));
      counter.setAttribute('data-missing', String(cfg.withoutCoordinates || 0));
      counter.setAttribute('data-local-shown', String(shownLocal));

      types.forEach(function (t) { ui.typeBoxes[t].checked = !!state.types[t]; });
      LEVELS.forEach(function (v) { ui.levels[v].checked = !!state.levels[v]; });
      REVIEWS.forEach(function (v) { ui.reviews[v].checked = !!state.reviews[v]; });
      ui.from.value = state.from === null ? '' : dayText(state.from);
      ui.to.value = state.to === null ? '' : dayText(state.to);
      if (document.activeElement !== ui.min) ui.min.value = state.min > 0 ? String(state.min) : '';
      drawHistogram();
      drawAggregates(aggregates);
      writeHash();
    }

    /* view: from the hash (a shared link) or fitted to the incidents; once
     * the reader pans or zooms, the view joins the filters in the hash */
    var viewShared = false, viewReady = false;
    function applyView() {
      if (state.view) {
        map.setView([state.view[1], state.view[2]], state.view[0], {animate: false});
        viewShared = true;
      } else if (cfg.bounds) {
        var wide = map.getSize().x > 700;
        map.fitBounds(cfg.bounds, {
          paddingTopLeft: [40, 40], paddingBottomRight: [wide ? 340 : 40, 40], maxZoom: 10, animate: false
        });
      }
    }
    map.on('moveend', function () {
      if (!viewReady) return;
      viewShared = true;
      writeHash();
    });

    readHash();
    applyView();
    viewReady = true;
    update();
    window.addEventListener('hashchange', function () {
      readHash();
      viewReady = false;
      if (state.view) applyView();
      viewReady = true;
      update();
    });

    /* for tests and for notebook users poking at the page */
    window.mapperPage = {
      map: map,
      clusters: group,
      arrows: arrowLayer,
      rings: uncertaintyLayer,
      records: records,
      shownCount: function () { return shownCount; },
      ready: function () { return !loading && !pending; },
      openIncident: function (id) {
        for (var i = 0; i < records.length; i++) {
          if (records[i].p.incident_id === id) { openCard(records[i]); return true; }
        }
        return false;
      },
      visibleSymbolCount: function () {
        var total = 0;
        group._featureGroup.eachLayer(function (layer) {
          total += layer.getChildCount ? layer.getChildCount() : 1;
        });
        return total;
      }
    };
  };
})();
