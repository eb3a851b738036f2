/* The download buttons' work: the shown incidents as CSV (local incidents,
 * data/incidents.csv's columns: aggregates never share a table with them)
 * and as GeoJSON (local incidents and aggregate reports, as embedded). */
import { incidentsCsv, shownDocument } from '../core/export.js';
import { el } from './dom.js';

export function downloadText(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = el('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Download what `shown` (core/filters.js select) holds, as 'csv' or 'geojson'. */
export function exportShown(format, shown, doc, records, cfg) {
  if (format === 'csv') {
    const text = incidentsCsv(shown.local, cfg.tableColumns || [], new Set(cfg.numericColumns || []));
    downloadText(text, 'text/csv;charset=utf-8', 'incidents.csv');
    return;
  }
  const keep = new Set(shown.local.concat(shown.aggregates));
  downloadText(JSON.stringify(shownDocument(doc, records, keep)), 'application/geo+json', 'incidents.geojson');
}
