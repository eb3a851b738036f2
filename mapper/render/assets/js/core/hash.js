/* The filter state and its URL-hash form, so a filtered view can be shared:
 *   #types=Battles,Riots&confidence=high,medium&review=confirmed&from=2025-03-08&to=2025-03-09&min=3&view=9/35.5000/35.8000
 * and, for finding things and the time slider (core/finding.js, core/timeline.js):
 *   &q=baniyas&actor=gunmen&country=Syria&admin1=Tartus&window=week&incident=<id>
 * and the density view (core/hexbin.js): &mode=density&weight=fat
 * A key left out means "no restriction"; values the page does not know
 * (an event type not in the data, a level not listed) are dropped, so the
 * hash can only ever select among the page's own values. No DOM. */
import { dayText, isoDay } from './format.js';
import { LEVELS, REVIEWS } from './records.js';
import { weightName } from './hexbin.js';
import { windowName } from './timeline.js';

/* hash key -> state key of the facets whose values are the records' own text */
const FACET_HASH = {actor: 'actors', country: 'countries', admin1: 'admin1s'};

/** Everything shown: every type, level and review state, no dates, no minimum, no view. */
export function defaultState(types) {
  return Object.freeze({
    types: new Set(types), levels: new Set(LEVELS), reviews: new Set(REVIEWS),
    from: null, to: null, min: 0, view: null,
    q: '', actors: null, countries: null, admin1s: null, window: null, incident: null,
    density: false, weight: 'count'
  });
}

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch (e) {
    return null;
  }
}

function parseView(value) {
  const v = value.split('/').map(Number);
  if (v.length === 3 && v.every(isFinite) && Math.abs(v[1]) <= 90 && Math.abs(v[2]) <= 360) return v;
  return null;
}

/** The state a hash ("#a=b&c=d" or "a=b&c=d") asks for; `types` are the page's event types;
 * `values` ({actors, countries, admin1s}: Sets), when given, drops facet values the page has not. */
export function parseHash(hash, types, values) {
  const state = {...defaultState(types)};
  const known = new Set(types);
  const text = String(hash || '').replace(/^#/, '');
  if (!text) return Object.freeze(state);
  for (const pair of text.split('&')) {
    const i = pair.indexOf('=');
    if (i < 0) continue;
    const key = pair.slice(0, i);
    const raw = pair.slice(i + 1);
    const value = decode(raw);
    if (value === null) continue;
    if (key === 'types') {
      // each name is encoded on its own (a name may hold a comma)
      state.types = new Set(raw.split(',').map(decode).filter((t) => t !== null && known.has(t)));
    } else if (key === 'confidence' || key === 'review') {
      const values = key === 'confidence' ? LEVELS : REVIEWS;
      const chosen = new Set(value.split(',').filter((v) => values.indexOf(v) >= 0));
      if (key === 'confidence') state.levels = chosen;
      else state.reviews = chosen;
    } else if (key === 'from' || key === 'to') {
      const day = isoDay(value);
      if (day !== null) state[key] = day;
    } else if (key === 'min') {
      const n = parseInt(value, 10);
      if (n > 0) state.min = n;
    } else if (key === 'view') {
      const view = parseView(value);
      if (view) state.view = view;
    } else if (Object.prototype.hasOwnProperty.call(FACET_HASH, key)) {
      const facet = FACET_HASH[key];
      const chosen = raw.split(',').map(decode).filter((v) => v && (!values || values[facet].has(v)));
      if (chosen.length) state[facet] = new Set(chosen);
    } else if (key === 'q') {
      state.q = value.slice(0, 200);
    } else if (key === 'window') {
      state.window = windowName(value);
    } else if (key === 'incident') {
      if (value) state.incident = value;
    } else if (key === 'mode') {
      state.density = value === 'density';
    } else if (key === 'weight') {
      state.weight = weightName(value);
    }
  }
  return Object.freeze(state);
}

/** The hash of a state ("" when it is the default one); `types` in legend order. */
export function serializeHash(state, types) {
  const parts = [];
  const chosen = types.filter((t) => state.types.has(t));
  if (chosen.length !== types.length) parts.push('types=' + chosen.map(encodeURIComponent).join(','));
  const levels = LEVELS.filter((v) => state.levels.has(v));
  if (levels.length !== LEVELS.length) parts.push('confidence=' + levels.join(','));
  const reviews = REVIEWS.filter((v) => state.reviews.has(v));
  if (reviews.length !== REVIEWS.length) parts.push('review=' + reviews.join(','));
  if (state.from !== null) parts.push('from=' + dayText(state.from));
  if (state.to !== null) parts.push('to=' + dayText(state.to));
  if (state.min > 0) parts.push('min=' + state.min);
  for (const key of Object.keys(FACET_HASH)) {
    const chosen = state[FACET_HASH[key]];
    if (chosen && chosen.size) parts.push(key + '=' + [...chosen].sort().map(encodeURIComponent).join(','));
  }
  if (state.q) parts.push('q=' + encodeURIComponent(state.q));
  if (windowName(state.window)) parts.push('window=' + state.window);
  if (state.density) parts.push('mode=density');
  if (state.density && weightName(state.weight) !== 'count') parts.push('weight=' + weightName(state.weight));
  if (state.incident) parts.push('incident=' + encodeURIComponent(state.incident));
  if (state.view) {
    const [zoom, lat, lon] = state.view;
    parts.push('view=' + zoom + '/' + lat.toFixed(4) + '/' + lon.toFixed(4));
  }
  return parts.length ? '#' + parts.join('&') : '';
}
