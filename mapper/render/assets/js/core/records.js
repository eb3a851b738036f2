/* The embedded data: unpack the column-packed FeatureCollection
 * (mapper/render/packing.py) and turn its features into the records the page
 * filters and draws. No DOM, no Leaflet. */
import { isoDay } from './format.js';

/* the confidence and review filters: every value always listed (a row without a
 * confidence, from an older table, passes the confidence filter) */
export const LEVELS = ['high', 'medium', 'low'];
export const REVIEWS = ['confirmed', 'edited', 'unreviewed'];

const PACKED = 'mapper:packed';

/** Ordinary GeoJSON from the packed document (a document that is not packed is returned as it is). */
export function unpackFeatures(packed) {
  const body = packed[PACKED];
  if (!body) return packed;
  const doc = {};
  for (const key of Object.keys(packed)) {
    if (key !== PACKED) doc[key] = packed[key];
  }
  const names = Object.keys(body.columns);
  const features = new Array(body.count);
  for (let i = 0; i < body.count; i++) {
    const props = {};
    for (const name of names) {
      const column = body.columns[name];
      props[name] = column.codes ? column.dictionary[column.codes[i]] : column.values[i];
    }
    const feature = {type: 'Feature'};
    const fid = body.ids === 'incident_id' ? props.incident_id : body.ids[i];
    if (fid !== null && fid !== undefined) feature.id = fid;
    feature.geometry = {type: 'Point', coordinates: [body.coordinates[2 * i], body.coordinates[2 * i + 1]]};
    feature.properties = props;
    features[i] = feature;
  }
  doc.features = features;
  return doc;
}

/** "confirmed", "edited" or "unreviewed" (anything else in the column). */
export function reviewOf(p) {
  return p.review_state === 'confirmed' || p.review_state === 'edited' ? p.review_state : 'unreviewed';
}

/** One record per feature: its properties (p), position, and the fields the filters read. */
export function toRecord(feature, colorOf) {
  const p = feature.properties || {};
  const c = feature.geometry.coordinates;
  const type = p.event_type || '';
  return Object.freeze({
    p,
    id: p.incident_id === undefined ? null : p.incident_id,
    lat: c[1],
    lon: c[0],
    type,
    fat: typeof p.fatalities === 'number' && p.fatalities > 0 ? p.fatalities : 0,
    day: isoDay(p.event_date),
    approx: typeof p.geo_precision === 'number' && p.geo_precision >= 2,
    aggregate: p.scope === 'aggregate',
    color: colorOf(type),
    level: LEVELS.indexOf(p.confidence) >= 0 ? p.confidence : null,
    review: reviewOf(p)
  });
}

/** The event types in legend order: the known ones that occur, then the others sorted. */
export function typeOrder(records, knownTypes) {
  const present = new Set(records.map((r) => r.type));
  const known = knownTypes.filter((t) => present.has(t));
  const knownSet = new Set(knownTypes);
  const others = [...present].filter((t) => !knownSet.has(t)).sort();
  return known.concat(others);
}

/** First and last day of the dated local incidents ({min: null, max: null} when none). */
export function dayRange(records) {
  let min = null;
  let max = null;
  for (const r of records) {
    if (r.day === null || r.aggregate) continue;
    if (min === null || r.day < min) min = r.day;
    if (max === null || r.day > max) max = r.day;
  }
  return {min, max};
}
