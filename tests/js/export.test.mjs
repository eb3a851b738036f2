import { test } from 'node:test';
import assert from 'node:assert/strict';

import { csvCell, csvLine, incidentsCsv, shownDocument, spreadsheetSafe } from '../../mapper/render/assets/js/core/export.js';
import { feature, record } from './helpers.mjs';

test('formula-like text gets one leading quote, as mapper.storage.spreadsheet_safe does', () => {
  for (const [text, safe] of [
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ['+1', "'+1"], ['-Foo', "'-Foo"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\rx', "'\rx"],
    ["'=x", "''=x"], ["''@x", "'''@x"],
    ['Aleppo', 'Aleppo'], ["'Amuda", "'Amuda"], ['', ''], ['a=b', 'a=b'], [' =x', ' =x'],
  ]) assert.equal(spreadsheetSafe(text), safe, text);
});

test('numbers in numeric columns stay numbers; the same text elsewhere is made safe', () => {
  assert.equal(csvCell(-33.9, true), '-33.9');
  assert.equal(csvCell('-33.9', true), '-33.9');
  assert.equal(csvCell(-33.9, false), "'-33.9");
  assert.equal(csvCell('-x', true), "'-x");
  assert.equal(csvCell(null, true), '');
  assert.equal(csvCell(undefined, false), '');
  assert.equal(csvCell(0, true), '0');
  assert.equal(csvCell(35.53125, true), '35.53125');
});

test('quoting follows Python csv: minimal, a single empty cell quoted, a bare CR quotes the row', () => {
  assert.equal(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', '']), 'a,"b,c","say ""hi""","two\nlines",\n');
  assert.equal(csvLine(['']), '""\n');
  assert.equal(csvLine(['a', "'\rb", '']), '"a","\'\rb",""\n');
});

test('the CSV has the given columns, coordinates from the geometry, and hostile text made inert', () => {
  const rows = [
    record({incident_id: 'SY-1', location: '=HYPERLINK("http://evil","x")', fatalities: 3, quote: '<img src=x onerror=alert(1)>'}),
    record({incident_id: 'SY-2', location: 'Baniyas', fatalities: null, quote: 'He said, "31 killed"'}),
  ];
  const text = incidentsCsv(rows, ['incident_id', 'location', 'fatalities', 'quote', 'latitude', 'longitude'],
                            new Set(['fatalities', 'latitude', 'longitude']));
  assert.equal(text,
    'incident_id,location,fatalities,quote,latitude,longitude\n' +
    'SY-1,"\'=HYPERLINK(""http://evil"",""x"")",3,<img src=x onerror=alert(1)>,35,36\n' +
    'SY-2,Baniyas,,"He said, ""31 killed""",35,36\n');
});

test('the GeoJSON keeps only the shown features and every foreign member', () => {
  const doc = {type: 'FeatureCollection', 'mapper:without_coordinates': 2,
               features: [feature({incident_id: 'a'}), feature({incident_id: 'b'}), feature({incident_id: 'c'})]};
  const recs = doc.features.map((f) => record(f.properties));
  const out = shownDocument(doc, recs, new Set([recs[0], recs[2]]));
  assert.deepEqual(out.features.map((f) => f.properties.incident_id), ['a', 'c']);
  assert.equal(out['mapper:without_coordinates'], 2);
  assert.equal(out.type, 'FeatureCollection');
  assert.equal(doc.features.length, 3); // the embedded document is left as it was
});
