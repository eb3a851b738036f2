/* Finding things: the search box, the actor / country / admin1 choices, the
 * list of the incidents in view, the legend counts, and each card's link.
 * DOM text only (dom.js): place names, actors and quotes are article text. */
import { dayText, fmtInt } from '../core/format.js';
import { FACET_KEYS, SORTS, excerpt, inView } from '../core/finding.js';
import { uncertaintyKm } from '../core/honesty.js';
import { append, button, el } from './dom.js';

const FACET_TITLES = {actors: 'Actor', countries: 'Country', admin1s: 'Region (admin1)'};
const SORT_NAMES = {newest: 'Newest first', oldest: 'Oldest first', deadliest: 'Most killed first'};
/* rows drawn at once; "Show more" adds as many (a 20,000-row list would cost every frame) */
const PAGE = 100;
/* options per facet select: the most frequent (the search box finds the rest) */
const MAX_OPTIONS = 300;

/** The link to one incident: "#incident=<id>" resolved against this page (copy it, share it). */
export function incidentLink(id) {
  const row = el('div', 'mapper-card-link');
  if (id === null || id === undefined) return row;
  const a = el('a', null, 'Link to this incident');
  a.setAttribute('href', '#incident=' + encodeURIComponent(String(id)));
  a.setAttribute('title', 'Link to this incident (copy it to share)');
  row.appendChild(a);
  return row;
}

/** The search box (appended to `body`); `actions.set({q})`. */
export function buildSearch(body, actions) {
  const wrap = el('div', 'mapper-search');
  const input = el('input', 'mapper-search-input');
  input.type = 'search';
  input.id = 'mapper-search';
  input.setAttribute('placeholder', 'Search place, actor or quote');
  input.setAttribute('aria-label', 'Search incidents by place, actor or quote text');
  input.setAttribute('autocomplete', 'off');
  input.addEventListener('input', () => actions.set({q: input.value}));
  wrap.appendChild(input);
  body.appendChild(wrap);
  return input;
}

/** One select per facet the records carry (none for a facet no record has); `actions.set({[key]})`. */
export function buildFacetSelects(body, options, actions) {
  const selects = new Map();
  if (FACET_KEYS.some((key) => options[key].length)) body.appendChild(el('h2', null, 'Actor and place'));
  for (const key of FACET_KEYS) {
    const values = options[key];
    if (!values.length) continue;
    const label = el('label', 'mapper-facet');
    label.appendChild(el('span', 'mapper-facet-name', FACET_TITLES[key]));
    const select = el('select', 'mapper-facet-select');
    select.setAttribute('data-facet', key);
    const any = el('option', null, 'Any');
    any.value = '';
    select.appendChild(any);
    const byValue = new Map();
    for (const [value] of values.slice(0, MAX_OPTIONS)) {
      const option = el('option', null, value);
      option.value = value;
      select.appendChild(option);
      byValue.set(value, option);
    }
    select.addEventListener('change', () => actions.set({[key]: select.value ? new Set([select.value]) : null}));
    label.appendChild(select);
    body.appendChild(label);
    selects.set(key, {select, byValue, any, values});
  }
  return selects;
}

/** The legend and the selects as the live counts say (core/counts.js liveCounts). */
export function renderCounts(ui, counts, state) {
  for (const [facet, boxes] of [['types', ui.types], ['levels', ui.levels], ['reviews', ui.reviews]]) {
    for (const [value, cb] of boxes) {
      const count = cb.parentNode && cb.parentNode.querySelector('.mapper-legend-count');
      const text = fmtInt(counts[facet].get(value) || 0);
      if (count && count.textContent !== text) count.textContent = text;
    }
  }
  for (const [key, {select, byValue, any}] of ui.facetSelects) {
    let total = 0;
    for (const [value, option] of byValue) {
      const n = counts[key].get(value) || 0;
      total += n;
      const text = value + ' (' + fmtInt(n) + ')';
      if (option.textContent !== text) option.textContent = text;
    }
    any.textContent = 'Any';
    const chosen = state[key];
    const first = chosen && chosen.size ? [...chosen][0] : '';
    if (first && !byValue.has(first)) {
      // a value from a link beyond the listed ones: listed so the select can say it
      const option = el('option', null, first);
      option.value = first;
      select.appendChild(option);
      byValue.set(first, option);
    }
    if (document.activeElement !== select) select.value = first;
    select.setAttribute('data-total', String(total));
  }
  // typing keeps the two equal (the caret stays); a new link replaces the text
  if (ui.search.value !== (state.q || '')) ui.search.value = state.q || '';
}

function placeText(p) {
  return [p.location || 'unnamed place', p.admin1].filter(Boolean).join(', ');
}

function makeRow(rec, onOpen) {
  const p = rec.p;
  const row = button('mapper-row', null, () => onOpen(rec));
  if (rec.id !== null) row.setAttribute('data-id', String(rec.id));
  const sw = el('span', 'mapper-swatch');
  sw.style.backgroundColor = rec.color;
  const head = el('div', 'mapper-row-head');
  append(head, sw, el('strong', 'mapper-row-place', placeText(p)),
    el('span', 'mapper-row-date', rec.day === null ? 'undated' : dayText(rec.day)));
  const what = el('div', 'mapper-row-what');
  append(what, el('span', 'mapper-row-type', p.event_type || 'Unclassified event'),
    el('span', 'mapper-row-fat', rec.fat ? ' · ' + fmtInt(rec.fat) + ' killed' : ''),
    // an approximate place must never read as a known one, here as on the map
    rec.approx ? el('span', 'mapper-row-approx', ' · approximate place') : null);
  append(row, head, what);
  const quote = excerpt(p.quote);
  if (quote) row.appendChild(el('div', 'mapper-row-quote', '“' + quote + '”'));
  /* the accessible name says it too (it replaces the row's text for a screen reader) */
  const km = rec.approx ? uncertaintyKm(rec) : null;
  const name = [placeText(p), rec.day === null ? 'undated' : dayText(rec.day), p.event_type || 'Unclassified event',
    rec.fat ? fmtInt(rec.fat) + ' killed' : null,
    rec.approx ? (km === null ? 'approximate place' : 'approximate place, ±' + km + ' km') : null].filter(Boolean).join(', ');
  row.setAttribute('aria-label', name);
  return row;
}

/**
 * The list of the incidents in view, appended to `body`. `onOpen(rec)` runs
 * when a row is chosen. render(local, box, open) lists the records of
 * `local` inside `box` (core/finding.js inView), `open` highlighted.
 */
export function buildList(body, onOpen) {
  const box = el('div', 'mapper-list');
  const head = el('div', 'mapper-list-head');
  const title = el('h2', 'mapper-list-title', 'In view');
  const sort = el('select', 'mapper-list-sort');
  sort.setAttribute('aria-label', 'Sort the list');
  for (const name of SORTS) {
    const option = el('option', null, SORT_NAMES[name]);
    option.value = name;
    sort.appendChild(option);
  }
  append(head, title, sort);
  const ul = el('ul', 'mapper-list-rows');
  const more = button('mapper-reset mapper-list-more', 'Show more');
  append(box, head, ul, more);
  body.appendChild(box);

  const rows = new WeakMap(); // record -> its row, made once
  const rowOf = (rec) => {
    let li = rows.get(rec);
    if (!li) {
      li = append(el('li'), makeRow(rec, onOpen));
      rows.set(rec, li);
    }
    return li;
  };
  let limit = PAGE;
  let last = null;
  let listed = [];
  let highlighted = null;

  function render(local, view, open) {
    last = [local, view, open];
    listed = inView(local, view, sort.value);
    const count = Math.min(limit, listed.length);
    const items = [];
    for (let i = 0; i < count; i++) items.push(rowOf(listed[i]));
    // the open incident is always listed, even past the page
    if (open && listed.indexOf(open) >= count) items.push(rowOf(open));
    ul.replaceChildren(...items); // one DOM change per render (it runs every playback frame)
    if (highlighted) {
      highlighted.classList.remove('mapper-row-open');
      highlighted.removeAttribute('aria-current');
      highlighted = null;
    }
    if (open && rows.has(open) && listed.indexOf(open) >= 0) {
      highlighted = rows.get(open).firstChild;
      highlighted.classList.add('mapper-row-open');
      highlighted.setAttribute('aria-current', 'true');
    }
    title.textContent = 'In view (' + fmtInt(listed.length) + ')';
    more.style.display = listed.length > count ? '' : 'none';
    more.textContent = 'Show ' + fmtInt(Math.min(PAGE, listed.length - count)) + ' more of ' +
      fmtInt(listed.length - count);
    box.setAttribute('data-count', String(listed.length));
  }
  const again = () => {
    if (last) render(...last);
  };
  sort.addEventListener('change', () => {
    limit = PAGE;
    again();
  });
  more.addEventListener('click', () => {
    limit += PAGE;
    again();
  });

  return {
    box,
    render,
    /** the listed records, in order (every one in view, drawn or past the page) */
    listed: () => listed,
    /** the open incident's row, scrolled into the list's view */
    reveal: () => {
      if (highlighted) highlighted.scrollIntoView({block: 'nearest'});
    }
  };
}
