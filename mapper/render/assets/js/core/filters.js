/* Which records the filter state lets through. State: {types, levels, reviews}
 * are Sets of the chosen values (a Set, so a type named "__proto__" is just a
 * name), from/to day numbers or null, min fatalities; the search text and
 * the actor / country / admin1 choices are core/finding.js's. No DOM. */
import { passesFinding } from './finding.js';
import { dateCandidates } from './timeline.js';

/** Every filter except the date range (the histogram counts with these). */
export function passesExceptDate(rec, state) {
  return state.types.has(rec.type) && rec.fat >= state.min && state.reviews.has(rec.review) &&
    (rec.level === null || state.levels.has(rec.level)) && passesFinding(rec, state);
}

/** The date range only: an undated record fails any bound. */
export function passesDate(rec, state) {
  if (state.from !== null && (rec.day === null || rec.day < state.from)) return false;
  if (state.to !== null && (rec.day === null || rec.day > state.to)) return false;
  return true;
}

export function passes(rec, state) {
  return passesDate(rec, state) && passesExceptDate(rec, state);
}

/** What the state shows: local records (drawn), aggregates (listed apart), the local fatalities.
 * `index` (core/timeline.js dayIndex of the same records), when given, skips the days out of range. */
export function select(records, state, index) {
  const local = [];
  const aggregates = [];
  let fatalities = 0;
  for (const rec of dateCandidates(records, state, index)) {
    if (!passes(rec, state)) continue;
    if (rec.aggregate) {
      aggregates.push(rec);
    } else {
      local.push(rec);
      fatalities += rec.fat;
    }
  }
  return {local, aggregates, fatalities, shown: local.length + aggregates.length};
}

function bump(counts, key) {
  counts.set(key, (counts.get(key) || 0) + 1);
}

/** Counts per facet value ({types, levels, reviews}: Maps), over the records that pass `keep`. */
export function facetCounts(records, keep) {
  const types = new Map();
  const levels = new Map();
  const reviews = new Map();
  for (const rec of records) {
    if (keep && !keep(rec)) continue;
    bump(types, rec.type);
    if (rec.level) bump(levels, rec.level);
    bump(reviews, rec.review);
  }
  return {types, levels, reviews};
}
