/* The popup card of one incident: DOM text only (see dom.js). */
import { breakdownText, fmtInt, notesText, safeHttpUrl } from '../core/format.js';
import { reviewOf } from '../core/records.js';
import { append, el } from './dom.js';

const TIME_PRECISION = {1: 'exact day', 2: 'within about a week', 3: 'within about a month'};
const GEO_PRECISION = {
  1: 'the named town or place itself',
  2: 'near a town, or part of a region',
  3: 'a larger region (approximate)'
};

function addRow(list, label, value) {
  if (value === null || value === undefined || value === '') return;
  append(list, el('dt', null, label), el('dd', null, value));
}

export function reviewText(p) {
  const state = reviewOf(p);
  if (state === 'confirmed') return 'checked by a reviewer (confirmed)';
  if (state === 'edited') {
    const fields = String(p.edited_fields || '').split(';').filter(Boolean).join(', ');
    return 'checked by a reviewer, edited: ' + (fields || 'some fields');
  }
  return 'not reviewed';
}

function facts(p) {
  const list = el('dl', 'mapper-card-facts');
  let date = p.event_date || 'date unknown';
  if (p.time_precision && TIME_PRECISION[p.time_precision]) date += ' (' + TIME_PRECISION[p.time_precision] + ')';
  addRow(list, 'Date', date);
  if (p.date_text) addRow(list, 'Date as written', '“' + p.date_text + '”');
  const where = [p.location, p.admin1, p.country_code].filter(Boolean).join(', ');
  addRow(list, 'Place', where || 'unnamed place');
  let how = p.provider || 'unknown source';
  if (p.geo_precision) {
    how += ', precision ' + p.geo_precision + (GEO_PRECISION[p.geo_precision] ? ': ' + GEO_PRECISION[p.geo_precision] : '');
  }
  if (p.uncertainty_km) how += ', ±' + p.uncertainty_km + ' km';
  addRow(list, 'Geocoded', how);
  const fat = p.fatalities === null || p.fatalities === undefined ? 'not reported' : fmtInt(p.fatalities);
  const bd = breakdownText(p.fatalities_breakdown);
  addRow(list, 'Fatalities', bd ? fat + ' (' + bd + ')' : fat);
  addRow(list, 'Actors', [p.actor1, p.actor2].filter(Boolean).join(' vs. '));
  // displacement: "El Fasher → Tawila", from the origin/destination columns (never parsed out of notes)
  if (p.origin || p.destination) {
    addRow(list, 'Fled', (p.origin || 'origin not given') + ' → ' + (p.destination || 'destination not given'));
  }
  addRow(list, 'Notes', notesText(p.notes));
  if (p.confidence) addRow(list, 'Confidence', p.confidence + (p.confidence_reasons ? ' — ' + p.confidence_reasons : ''));
  addRow(list, 'Review', reviewText(p));
  return list;
}

function source(p) {
  const src = el('div', 'mapper-card-source');
  const href = safeHttpUrl(p.article_url);
  const titleText = p.article_title || p.article || 'Article';
  if (href) {
    const a = el('a', null, titleText);
    a.setAttribute('href', href);
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer nofollow');
    src.appendChild(a);
  } else {
    src.appendChild(el('span', 'mapper-card-title', titleText));
  }
  if (p.article_source) src.appendChild(el('span', 'mapper-card-outlet', ' — ' + p.article_source));
  if (p.article_url && !href) src.appendChild(el('div', 'mapper-card-muted', 'Link not shown: not an http(s) address.'));
  return src;
}

/** The card for the properties `p` of one incident, its type in `color`. */
export function card(p, color) {
  const root = el('div', 'mapper-card');
  const head = el('div', 'mapper-card-type');
  head.style.borderLeftColor = color;
  head.appendChild(el('strong', null, p.event_type || 'Unclassified event'));
  if (p.sub_event_type) head.appendChild(el('span', null, ' — ' + p.sub_event_type));
  root.appendChild(head);
  if (p.scope === 'aggregate') {
    root.appendChild(el('div', 'mapper-card-aggregate',
      'Aggregate report: a total over an area or period, not a single incident. ' +
      'Not counted in local totals or clusters.'));
  }
  root.appendChild(facts(p));
  if (p.quote) root.appendChild(el('blockquote', 'mapper-card-quote', p.quote));
  root.appendChild(source(p));
  root.appendChild(el('div', 'mapper-card-muted', 'Incident ' + (p.incident_id || '?') + (p.article ? ' · ' + p.article : '')));
  return root;
}
