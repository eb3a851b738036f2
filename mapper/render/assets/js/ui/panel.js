/* The side panel: title, counter, filters, histogram, key, aggregate list,
 * download. It only builds DOM and reports what the reader did through
 * `actions`; `renderPanel` writes a state back into its controls. */
import { dayText, fmtInt, isoDay } from '../core/format.js';
import { LEVELS, REVIEWS } from '../core/records.js';
import { buildDensityControls, renderDensityControls } from './density.js';
import { append, button, el, svgEl } from './dom.js';
import { buildFacetSelects, buildList, buildSearch } from './finder.js';
import { buildTimeline } from './timeline.js';

const LEVEL_NAMES = {high: 'High', medium: 'Medium', low: 'Low'};
const REVIEW_NAMES = {confirmed: 'Confirmed', edited: 'Edited', unreviewed: 'Unreviewed'};

function header(box, title, narrow) {
  const top = el('div', 'mapper-panel-head');
  top.appendChild(el('h1', 'mapper-title', title));
  const toggle = button('mapper-toggle', 'Hide');
  toggle.setAttribute('aria-expanded', 'true');
  const show = (closed) => {
    box.classList.toggle('mapper-collapsed', closed);
    toggle.textContent = closed ? 'Filters' : 'Hide';
    toggle.setAttribute('aria-expanded', closed ? 'false' : 'true');
  };
  toggle.addEventListener('click', () => show(!box.classList.contains('mapper-collapsed')));
  top.appendChild(toggle);
  box.appendChild(top);
  /* phones: the map first, filters one tap away */
  if (narrow) show(true);
}

/* a group of checkboxes (event types, confidence, review), each with its count */
function checkGroup(body, title, cls, values, nameOf, counts, onToggle, swatchOf) {
  body.appendChild(el('h2', null, title));
  const group = el('div', 'mapper-legend');
  const boxes = new Map();
  for (const v of values) {
    const label = el('label', 'mapper-legend-item');
    const cb = el('input');
    cb.type = 'checkbox';
    cb.className = cls;
    cb.value = v;
    cb.addEventListener('change', () => onToggle(v, cb.checked));
    boxes.set(v, cb);
    label.appendChild(cb);
    if (swatchOf) {
      const sw = el('span', 'mapper-swatch');
      sw.style.backgroundColor = swatchOf(v);
      label.appendChild(sw);
    }
    append(label, el('span', 'mapper-legend-name', nameOf(v)), el('span', 'mapper-legend-count', fmtInt(counts.get(v) || 0)));
    group.appendChild(label);
  }
  body.appendChild(group);
  return boxes;
}

function dateInputs(body, range, actions) {
  const dates = el('div', 'mapper-dates');
  const input = (id, label, key) => {
    const node = el('input');
    node.type = 'date';
    node.id = id;
    node.setAttribute('aria-label', label);
    if (range.min !== null) {
      node.min = dayText(range.min);
      node.max = dayText(range.max);
    }
    node.addEventListener('change', () => actions.set({[key]: node.value ? isoDay(node.value) : null}));
    return node;
  };
  const from = input('mapper-from', 'From date', 'from');
  const to = input('mapper-to', 'To date', 'to');
  append(dates, from, el('span', null, ' to '), to);
  body.appendChild(dates);
  return {from, to};
}

function minInput(body, actions) {
  const row = el('label', 'mapper-min');
  row.appendChild(el('span', null, 'At least '));
  const min = el('input');
  min.type = 'number';
  min.min = '0';
  min.step = '1';
  min.id = 'mapper-min';
  min.addEventListener('input', () => {
    const n = parseInt(min.value, 10);
    actions.set({min: n > 0 ? n : 0});
  });
  append(row, min, el('span', null, ' fatalities'));
  body.appendChild(row);
  return min;
}

function symbolKey(body) {
  body.appendChild(el('h2', null, 'Symbols'));
  const key = el('div', 'mapper-key');
  const item = (shapes, text) => {
    const svg = svgEl('svg', {width: 34, height: 24});
    for (const shape of shapes) svg.appendChild(shape);
    key.appendChild(append(el('div', 'mapper-key-item'), svg, el('span', null, text)));
  };
  const circle = (r, attrs) => svgEl('circle', {cx: 17, cy: 12, r, ...attrs});
  item([circle(5, {fill: '#555', stroke: '#1f2933'})], 'Place known (town); size grows with √fatalities');
  item([circle(10, {fill: 'none', stroke: '#555', 'stroke-dasharray': '3 3'}),
        circle(5, {fill: '#fff', 'fill-opacity': '0.4', stroke: '#555', 'stroke-width': '2', 'stroke-dasharray': '3 2'})],
       'Approximate place; dashed ring = uncertainty');
  item([circle(9, {fill: '#334155', stroke: '#CC79A7', 'stroke-width': '3.5'})],
       'Cluster: number of incidents, people killed beside it');
  item([svgEl('circle', {cx: 17, cy: 12, r: 9, fill: '#7b8794', stroke: '#CC79A7', 'stroke-width': '3.5'}),
        svgEl('circle', {cx: 17, cy: 12, r: 6, fill: 'none', stroke: '#fff', 'stroke-width': '1.5', 'stroke-dasharray': '2 2'})],
       'Hatched cluster: includes approximate places (hover or focus shows their uncertainty)');
  item([svgEl('path', {d: 'M3 18 L26 8 M26 8 L19 7 M26 8 L22 14', stroke: '#555', 'stroke-width': '2', fill: 'none'})],
       'Displacement: from origin to destination');
  body.appendChild(key);
}

/**
 * The panel's DOM. `facts`: {title, credit, narrow, types, colorOf, counts, range, options, getState};
 * `actions`: {toggle(facet, value, on), set(patch, {refit}), reset(), download(format: 'csv' | 'geojson'),
 * print(), openIncident(rec)}.
 */
export function buildPanel(facts, actions) {
  const box = el('div', 'mapper-panel');
  header(box, facts.title, facts.narrow);
  if (facts.credit) box.appendChild(el('div', 'mapper-byline', facts.credit));
  const counter = el('div', 'mapper-counter');
  counter.id = 'mapper-counter';
  counter.setAttribute('role', 'status');
  box.appendChild(counter);
  const body = el('div', 'mapper-panel-body');
  box.appendChild(body);

  const ui = {box, counter};
  ui.search = buildSearch(body, actions);
  ui.list = buildList(body, (rec) => actions.openIncident(rec));
  ui.types = checkGroup(body, 'Event type', 'mapper-type', facts.types, (t) => t || 'Unclassified',
                        facts.counts.types, (t, on) => actions.toggle('types', t, on), facts.colorOf);
  ui.levels = checkGroup(body, 'Confidence', 'mapper-confidence', LEVELS, (v) => LEVEL_NAMES[v],
                         facts.counts.levels, (v, on) => actions.toggle('levels', v, on));
  ui.reviews = checkGroup(body, 'Review', 'mapper-review', REVIEWS, (v) => REVIEW_NAMES[v],
                          facts.counts.reviews, (v, on) => actions.toggle('reviews', v, on));
  ui.facetSelects = buildFacetSelects(body, facts.options, actions);
  ui.density = buildDensityControls(body, actions);

  body.appendChild(el('h2', null, 'Dates'));
  ui.hist = svgEl('svg', {class: 'mapper-hist', width: 260, height: 56, role: 'img', 'aria-label': 'Local incidents per day'});
  body.appendChild(ui.hist);
  ui.histAxis = el('div', 'mapper-hist-axis');
  body.appendChild(ui.histAxis);
  ui.timeline = buildTimeline(body, facts.range, actions, facts.getState);
  Object.assign(ui, dateInputs(body, facts.range, actions));
  ui.min = minInput(body, actions);
  body.appendChild(button('mapper-reset', 'Reset filters', () => actions.reset()));

  symbolKey(body);
  ui.aggregateBox = el('div', 'mapper-aggregates');
  body.appendChild(ui.aggregateBox);
  /* what the filters show: CSV as data/incidents.csv (local incidents), GeoJSON with the aggregate reports too */
  const downloads = el('div', 'mapper-downloads');
  append(downloads, el('span', null, 'Download the data shown: '),
    button('mapper-reset mapper-download', 'Download the data (CSV)', () => actions.download('csv')),
    button('mapper-reset mapper-download', 'Download the data (GeoJSON)', () => actions.download('geojson')),
    button('mapper-reset mapper-download', 'Print this view', () => actions.print()));
  body.appendChild(downloads);
  body.appendChild(append(el('div', 'mapper-credit'), el('div', null,
    'Positions are where reports place events, at the stated precision. Totals are as reported, unverified.')));
  return ui;
}

/** The counter: "N shown of M, K without coordinates", and its data-* numbers for scripts. */
export function renderCounter(counter, shown, total, missing) {
  counter.textContent = '';
  append(counter,
    el('strong', null, fmtInt(shown.shown)), ' shown of ' + fmtInt(total) + ', ',
    el('strong', null, fmtInt(missing)), ' without coordinates (not mapped)',
    el('div', 'mapper-counter-sub',
      fmtInt(shown.local.length) + ' local incidents on the map, ' + fmtInt(shown.fatalities) + ' killed · ' +
      fmtInt(shown.aggregates.length) + ' aggregate reports listed apart'));
  counter.setAttribute('data-shown', String(shown.shown));
  counter.setAttribute('data-total', String(total));
  counter.setAttribute('data-missing', String(missing));
  counter.setAttribute('data-local-shown', String(shown.local.length));
}

/** The controls as the state says (the minimum is left alone while the reader types in it). */
export function renderControls(ui, state) {
  for (const [facet, boxes] of [['types', ui.types], ['levels', ui.levels], ['reviews', ui.reviews]]) {
    for (const [value, cb] of boxes) cb.checked = state[facet].has(value);
  }
  ui.from.value = state.from === null ? '' : dayText(state.from);
  ui.to.value = state.to === null ? '' : dayText(state.to);
  if (document.activeElement !== ui.min) ui.min.value = state.min > 0 ? String(state.min) : '';
  renderDensityControls(ui.density, state);
}
