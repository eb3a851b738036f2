/* "Download the data": what the filters show, as CSV with data/incidents.csv's
 * columns and as GeoJSON. Pure: records and the embedded document in, text out.
 *
 * The CSV follows mapper's own writer (mapper/storage.py csv_text) cell for
 * cell: numbers in numeric columns as they are; every other cell
 * spreadsheet-safe (OWASP "CSV injection": a text cell starting with
 * = + - @ TAB or CR, after any leading quotes, gets one more leading ');
 * Python csv's minimal quoting, and a row holding a bare CR quoted whole. */

const FORMULA = /^'*[=+\-@\t\r]/;
/* what Python's float() reads as a finite number (mapper writes such a cell in a numeric column unaltered) */
const NUMBER_TEXT = /^\s*[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?\s*$/;

/** '=SUM(1)' -> "'=SUM(1)"; '-Foo' -> "'-Foo"; "'=x" -> "''=x"; 'Aleppo' unchanged (mapper.storage.spreadsheet_safe). */
export function spreadsheetSafe(text) {
  return FORMULA.test(text) ? "'" + text : text;
}

function isNumberCell(value) {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && NUMBER_TEXT.test(value);
}

/** One cell's text before quoting: "" for null, numbers kept in numeric columns, text made spreadsheet-safe. */
export function csvCell(value, numeric) {
  if (value === null || value === undefined) return '';
  if (numeric && isNumberCell(value)) return String(value);
  return spreadsheetSafe(typeof value === 'string' ? value : String(value));
}

function quoted(text) {
  return '"' + text.replace(/"/g, '""') + '"';
}

/** One CSV line (with its "\n"), quoted as Python's csv module does for mapper. */
export function csvLine(cells) {
  if (cells.some((cell) => cell.indexOf('\r') >= 0)) return cells.map(quoted).join(',') + '\n';
  if (cells.length === 1 && cells[0] === '') return '""\n';
  return cells.map((cell) => (/[",\n]/.test(cell) ? quoted(cell) : cell)).join(',') + '\n';
}

function valueOf(rec, column) {
  if (column === 'latitude') return rec.lat;
  if (column === 'longitude') return rec.lon;
  return Object.prototype.hasOwnProperty.call(rec.p, column) ? rec.p[column] : null;
}

/** The CSV of `records` (core/records.js) under `columns` (data/incidents.csv's), `numeric`: a Set of column names. */
export function incidentsCsv(records, columns, numeric) {
  const flags = columns.map((column) => numeric.has(column));
  let text = csvLine(columns.map((column) => csvCell(column, false)));
  for (const rec of records) {
    text += csvLine(columns.map((column, k) => csvCell(valueOf(rec, column), flags[k])));
  }
  return text;
}

/** The embedded FeatureCollection with only the features whose record is in `keep` (a Set);
 * `records[i]` is the record of `doc.features[i]`. Foreign members stay. */
export function shownDocument(doc, records, keep) {
  const out = {};
  for (const key of Object.keys(doc)) if (key !== 'features') out[key] = doc[key];
  out.features = doc.features.filter((feature, i) => keep.has(records[i]));
  return out;
}
