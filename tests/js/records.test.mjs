import { test } from 'node:test';
import assert from 'node:assert/strict';

import { dayRange, toRecord, typeOrder, unpackFeatures } from '../../mapper/render/assets/js/core/records.js';
import { colorOf, feature, record } from './helpers.mjs';

test('a packed document unpacks to the features, ids and property order of the original', () => {
  // as mapper/render/packing.py writes it: one column of codes, one of plain values
  const packed = {
    type: 'FeatureCollection',
    'mapper:without_coordinates': 1,
    features: [],
    'mapper:packed': {
      count: 2,
      ids: 'incident_id',
      coordinates: [36.1, 35.2, 35.9, 35.1],
      columns: {
        incident_id: {values: ['SY-001', 'SY-002']},
        event_type: {dictionary: ['Battles', 'Riots'], codes: [1, 0]},
        fatalities: {values: [3, null]}
      }
    }
  };
  const doc = unpackFeatures(packed);
  assert.equal(doc['mapper:packed'], undefined);
  assert.equal(doc['mapper:without_coordinates'], 1);
  assert.deepEqual(doc.features, [
    {type: 'Feature', id: 'SY-001', geometry: {type: 'Point', coordinates: [36.1, 35.2]},
     properties: {incident_id: 'SY-001', event_type: 'Riots', fatalities: 3}},
    {type: 'Feature', id: 'SY-002', geometry: {type: 'Point', coordinates: [35.9, 35.1]},
     properties: {incident_id: 'SY-002', event_type: 'Battles', fatalities: null}}
  ]);
  assert.deepEqual(Object.keys(doc.features[0].properties), ['incident_id', 'event_type', 'fatalities']);
});

test('explicit ids are used as given, a null id is left out', () => {
  const doc = unpackFeatures({type: 'FeatureCollection', features: [], 'mapper:packed': {
    count: 2, ids: ['a', null], coordinates: [0, 0, 1, 1], columns: {x: {values: [1, 2]}}
  }});
  assert.equal(doc.features[0].id, 'a');
  assert.equal('id' in doc.features[1], false);
});

test('a document that is not packed is returned as it is', () => {
  const doc = {type: 'FeatureCollection', features: [feature({a: 1})]};
  assert.equal(unpackFeatures(doc), doc);
});

test('a record reads the fields the filters need', () => {
  const rec = toRecord(feature({incident_id: 'X', event_type: 'Battles', fatalities: 4, event_date: '2025-03-09',
                                geo_precision: 2, scope: 'local', confidence: 'high', review_state: 'edited'},
                               36.5, 35.25), colorOf);
  assert.equal(rec.id, 'X');
  assert.equal(rec.lat, 35.25);
  assert.equal(rec.lon, 36.5);
  assert.equal(rec.fat, 4);
  assert.equal(rec.day, 20156); // 2025-03-09 is day 20,156 since 1970-01-01
  assert.equal(rec.approx, true);
  assert.equal(rec.aggregate, false);
  assert.equal(rec.color, '#D55E00');
  assert.equal(rec.level, 'high');
  assert.equal(rec.review, 'edited');
  assert.ok(Object.isFrozen(rec));
});

test('missing or odd values get safe defaults', () => {
  const rec = record({fatalities: -3, confidence: 'certain', review_state: '<b>x</b>', event_date: 'yesterday'});
  assert.equal(rec.fat, 0);
  assert.equal(rec.type, '');
  assert.equal(rec.level, null);
  assert.equal(rec.review, 'unreviewed');
  assert.equal(rec.day, null);
  assert.equal(rec.approx, false);
  assert.equal(rec.color, '#6b6b6b');
  assert.equal(record({fatalities: '12'}).fat, 0); // only numbers count
});

test('types come in legend order, then the unknown ones sorted', () => {
  const records = ['Riots', 'zeta', '__proto__', 'Battles', 'Riots'].map((t) => record({event_type: t}));
  assert.deepEqual(typeOrder(records, ['Battles', 'Protests', 'Riots']), ['Battles', 'Riots', '__proto__', 'zeta']);
});

test('the day range covers dated local incidents only', () => {
  const records = [
    record({event_date: '2025-03-07'}),
    record({event_date: '2025-03-10'}),
    record({event_date: '2025-01-01', scope: 'aggregate'}),
    record({event_date: null})
  ];
  assert.deepEqual(dayRange(records), {min: 20154, max: 20157});
  assert.deepEqual(dayRange([record({})]), {min: null, max: null});
});
