/* Legend counts that follow the filters. Each facet counts the records that
 * pass every *other* filter, so an unticked type still says how many it
 * would add, and ticking it adds exactly that many. One pass over the
 * records. No DOM. */
import { passesDate } from './filters.js';
import { FACET_KEYS, facetValues, passesFacet, passesFinding } from './finding.js';
import { dateCandidates } from './timeline.js';

/* the checkbox facets: state key -> does the record pass it, and its value */
const CHECKS = {
  types: {pass: (rec, s) => s.types.has(rec.type), value: (rec) => [rec.type]},
  levels: {pass: (rec, s) => rec.level === null || s.levels.has(rec.level), value: (rec) => (rec.level ? [rec.level] : [])},
  reviews: {pass: (rec, s) => s.reviews.has(rec.review), value: (rec) => [rec.review]}
};

function bumpAll(counts, values) {
  for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
}

/**
 * {types, levels, reviews, actors, countries, admin1s}: Maps value -> count,
 * each over the records passing every filter but its own (dates, minimum
 * and search always apply). `index`: as for core/filters.js select.
 */
export function liveCounts(records, state, index) {
  const keys = Object.keys(CHECKS).concat(FACET_KEYS);
  const out = {};
  for (const key of keys) out[key] = new Map();
  const base = {...state, actors: null, countries: null, admin1s: null};
  for (const rec of dateCandidates(records, state, index)) {
    if (rec.fat < state.min || !passesDate(rec, state) || !passesFinding(rec, base)) continue;
    let failed = null;
    let failures = 0;
    for (const key of keys) {
      const ok = CHECKS[key] ? CHECKS[key].pass(rec, state) : passesFacet(rec, key, state[key]);
      if (!ok) {
        failed = key;
        if (++failures > 1) break;
      }
    }
    if (failures > 1) continue;
    for (const key of keys) {
      if (failures === 1 && key !== failed) continue;
      bumpAll(out[key], CHECKS[key] ? CHECKS[key].value(rec) : facetValues(key, rec));
    }
  }
  return out;
}
