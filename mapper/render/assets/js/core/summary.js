/* The words a printed map carries: what the filters keep, and whose reporting it
 * rests on. Pure: state and records in, strings out (article text stays text). */
import { dayText, fmtInt } from './format.js';
import { LEVELS, REVIEWS } from './records.js';

function listed(chosen, all, nameOf) {
  const kept = all.filter((v) => chosen.has(v));
  if (kept.length === all.length) return null;
  return kept.length ? kept.map(nameOf).join(', ') : 'none';
}

/* the choices of the search's facet selects (null: any) and their names */
const FACET_NAMES = [['actors', 'Actors'], ['countries', 'Countries'], ['admin1s', 'Regions']];

/** "Event types: Battles, Riots · 2025-03-08 to 2025-03-09 · at least 3 killed · search: "baniyas""
 * ("No filter: everything" when none). */
export function filterSummary(state, types) {
  const parts = [];
  const t = listed(state.types, types, (v) => v || 'Unclassified');
  if (t) parts.push('Event types: ' + t);
  const c = listed(state.levels, LEVELS, (v) => v);
  if (c) parts.push('Confidence: ' + c);
  const r = listed(state.reviews, REVIEWS, (v) => v);
  if (r) parts.push('Review: ' + r);
  if (state.from !== null || state.to !== null) {
    parts.push((state.from !== null ? dayText(state.from) : 'the start') + ' to ' + (state.to !== null ? dayText(state.to) : 'the end'));
  }
  if (state.min > 0) parts.push('at least ' + fmtInt(state.min) + ' killed');
  for (const [key, name] of FACET_NAMES) {
    const chosen = state[key];
    if (chosen) parts.push(name + ': ' + (chosen.size ? [...chosen].join(', ') : 'none'));
  }
  if (state.q) parts.push('search: "' + state.q + '"');
  return parts.length ? parts.join(' · ') : 'No filter: everything';
}

/** The distinct sources of `records`: [{title, outlet, url}] in first-seen order (url as given: the caller checks it). */
export function sourcesOf(records) {
  const seen = new Map();
  for (const rec of records) {
    const p = rec.p;
    const title = p.article_title || p.article || 'Article';
    const key = title + '\u0000' + (p.article_source || '') + '\u0000' + (p.article_url || '');
    if (!seen.has(key)) seen.set(key, {title, outlet: p.article_source || null, url: p.article_url || null});
  }
  return [...seen.values()];
}
