/* Honesty of what a symbol stands for: how many of the incidents behind a
 * cluster (or one symbol) sit at an approximate place, the union of their
 * uncertainty, and the words a screen reader and a tooltip give for them.
 * Pure: records in (core/records.js), plain values out. No DOM, no Leaflet. */
import { fmtInt } from './format.js';

/** The uncertainty radius of an approximate record in km, or null (known place, or no radius given). */
export function uncertaintyKm(rec) {
  if (!rec.approx) return null;
  const km = rec.p.uncertainty_km;
  return typeof km === 'number' && km > 0 ? km : null;
}

/**
 * What a group of records is: {n, approx, sum, rings}. `approx` counts the
 * records at an approximate place; `rings` is the union of their uncertainty
 * as distinct circles [{lat, lon, km}] (one per place and radius), largest first.
 */
export function honestySummary(records) {
  let approx = 0;
  let sum = 0;
  const rings = new Map();
  for (const rec of records) {
    sum += rec.fat;
    if (!rec.approx) continue;
    approx += 1;
    const km = uncertaintyKm(rec);
    if (km === null) continue;
    const key = rec.lat + ',' + rec.lon + ',' + km;
    if (!rings.has(key)) rings.set(key, {lat: rec.lat, lon: rec.lon, km});
  }
  const list = [...rings.values()].sort((a, b) => b.km - a.km);
  return {n: records.length, approx, sum, rings: list};
}

/** "includes 3 approximate" ("" when every place is known). */
export function approxPhrase(summary) {
  return summary.approx ? 'includes ' + fmtInt(summary.approx) + ' approximate' : '';
}

/** The accessible name of a cluster: "12 incidents, includes 3 approximate, 40 killed". */
export function clusterName(summary) {
  const parts = [fmtInt(summary.n) + (summary.n === 1 ? ' incident' : ' incidents')];
  const approx = approxPhrase(summary);
  if (approx) parts.push(approx);
  parts.push(fmtInt(summary.sum) + ' killed');
  return parts.join(', ');
}

/** The accessible name of one incident: "Baniyas, 2025-03-09, Violence against civilians, 20 killed"
 * (", approximate place, ±10 km" when it is one). Article text, returned as text. */
export function incidentName(rec) {
  const p = rec.p;
  const parts = [p.location || 'unnamed place', p.event_date || 'date unknown', p.event_type || 'Unclassified event'];
  const fat = p.fatalities;
  parts.push(typeof fat === 'number' ? fmtInt(fat) + ' killed' : 'fatalities not reported');
  if (rec.approx) {
    const km = uncertaintyKm(rec);
    parts.push(km === null ? 'approximate place' : 'approximate place, ±' + km + ' km');
  }
  return parts.join(', ');
}
