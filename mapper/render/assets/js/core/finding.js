/* Finding incidents: the search box, the actor / country / admin1 filters,
 * and the list of what is in view. State: {q: text, actors, countries,
 * admin1s: a Set of chosen values or null for "any"}. No DOM. */

/* the facets the tables may carry: state key -> the values of one record */
export const FACETS = Object.freeze({
  actors: (rec) => [rec.p.actor1, rec.p.actor2],
  countries: (rec) => [rec.p.country || rec.p.country_code],
  admin1s: (rec) => [rec.p.admin1]
});
export const FACET_KEYS = Object.freeze(Object.keys(FACETS));

/* record -> {facet key: its values}, made once per record (counted on every render) */
const valuesByRecord = new WeakMap();

/** The non-empty string values of a facet for one record (an actor named twice once); do not change it. */
export function facetValues(key, rec) {
  let known = valuesByRecord.get(rec);
  if (!known) {
    known = {};
    valuesByRecord.set(rec, known);
  }
  let out = known[key];
  if (!out) {
    out = [];
    for (const v of FACETS[key](rec)) {
      if (typeof v === 'string' && v.trim() && out.indexOf(v) < 0) out.push(v);
    }
    known[key] = Object.freeze(out);
  }
  return out;
}

/** Lower case, accents and other marks dropped, spaces collapsed: "Bāniyās " -> "baniyas". */
export function fold(text) {
  return String(text).normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/* record -> its folded searchable text, made on the first search only */
const haystacks = new WeakMap();

function haystack(rec) {
  let text = haystacks.get(rec);
  if (text === undefined) {
    const p = rec.p;
    text = fold([p.location, p.admin1, p.admin2, p.country, p.actor1, p.actor2, p.quote, p.sub_event_type,
                 p.event_type, p.incident_id].filter((v) => typeof v === 'string').join(' \u0001 '));
    haystacks.set(rec, text);
  }
  return text;
}

/** The words of a query, folded ("" or spaces only: none). */
export function queryTerms(q) {
  const text = fold(q || '');
  return text ? text.split(' ') : [];
}

/** Does the record hold every term (place, actor, quote text...)? No terms: yes. */
export function matchesTerms(rec, terms) {
  if (!terms.length) return true;
  const text = haystack(rec);
  for (const t of terms) if (text.indexOf(t) < 0) return false;
  return true;
}

/* the folded terms of the last query asked, so a render folds it once, not per record */
let lastQuery = null;
let lastTerms = [];

function termsOf(q) {
  if (q !== lastQuery) {
    lastQuery = q;
    lastTerms = queryTerms(q);
  }
  return lastTerms;
}

/** One facet: no choice passes everything; a choice passes a record holding one of its values. */
export function passesFacet(rec, key, chosen) {
  if (!chosen) return true;
  for (const v of facetValues(key, rec)) if (chosen.has(v)) return true;
  return false;
}

/** The finding filters (search text and the three facets) for one record. */
export function passesFinding(rec, state) {
  if (!state.q && !state.actors && !state.countries && !state.admin1s) return true; // the usual case, per frame
  for (const key of FACET_KEYS) if (state[key] && !passesFacet(rec, key, state[key])) return false;
  return !state.q || matchesTerms(rec, termsOf(state.q));
}

/** Every value of each facet in the records, the most frequent first: {actors: [[value, n]...], ...}. */
export function facetOptions(records) {
  const out = {};
  for (const key of FACET_KEYS) {
    const counts = new Map();
    for (const rec of records) for (const v of facetValues(key, rec)) counts.set(v, (counts.get(v) || 0) + 1);
    out[key] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  return out;
}

export const SORTS = Object.freeze(['newest', 'oldest', 'deadliest']);

/* undated records last in every order; ties by id, so the order is stable */
function byId(a, b) {
  const x = String(a.id);
  const y = String(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
}

function dayOrder(sign) {
  return (a, b) => {
    if (a.day === null || b.day === null) return (a.day === null) - (b.day === null) || byId(a, b);
    return sign * (a.day - b.day) || byId(a, b);
  };
}

const ORDERS = {
  newest: dayOrder(-1),
  oldest: dayOrder(1),
  deadliest: (a, b) => b.fat - a.fat || dayOrder(-1)(a, b)
};

/** The records inside `box` ({south, west, north, east}, or null for all), sorted. */
export function inView(records, box, sort) {
  // a view panned across the antimeridian has longitudes past ±180: a record may sit one world over
  const inLon = (lon) => (lon >= box.west && lon <= box.east) || (lon + 360 >= box.west && lon + 360 <= box.east) ||
    (lon - 360 >= box.west && lon - 360 <= box.east);
  const rows = box ? records.filter((r) => r.lat >= box.south && r.lat <= box.north && inLon(r.lon)) : records.slice();
  return rows.sort(ORDERS[sort] || ORDERS.newest);
}

/** A quote cut to `max` characters at a word, with "…". */
export function excerpt(text, max = 140) {
  if (typeof text !== 'string') return '';
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '') + '…';
}
