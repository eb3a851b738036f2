import { test } from 'node:test';
import assert from 'node:assert/strict';

import { approxPhrase, clusterName, honestySummary, incidentName } from '../../mapper/render/assets/js/core/honesty.js';
import { record } from './helpers.mjs';

const known = (id, fat) => record({incident_id: id, location: 'Baniyas', event_date: '2025-03-09',
                                   event_type: 'Violence against civilians', fatalities: fat, geo_precision: 1});
const approx = (id, km, props = {}) => record({incident_id: id, location: 'near Qardaha', event_date: '2025-03-07',
                                               event_type: 'Battles', fatalities: 3, geo_precision: 2, uncertainty_km: km, ...props});

test('a cluster summary counts its approximate places and their rings', () => {
  const s = honestySummary([known('a', 20), approx('b', 10), approx('c', 122), approx('d', 10), approx('e', null)]);
  assert.equal(s.n, 5);
  assert.equal(s.approx, 4);
  assert.equal(s.sum, 32);
  // the union: one ring per distinct place and radius, largest first; no ring without a radius
  assert.deepEqual(s.rings.map((r) => r.km), [122, 10]);
  assert.equal(approxPhrase(s), 'includes 4 approximate');
  assert.equal(clusterName(s), '5 incidents, includes 4 approximate, 32 killed');
});

test('a cluster of known places says nothing of approximation', () => {
  const s = honestySummary([known('a', 20), known('b', 1)]);
  assert.equal(s.approx, 0);
  assert.deepEqual(s.rings, []);
  assert.equal(approxPhrase(s), '');
  assert.equal(clusterName(s), '2 incidents, 21 killed');
  assert.equal(clusterName(honestySummary([known('a', 1234)])), '1 incident, 1,234 killed');
});

test('an incident is named by place, date, type and toll', () => {
  assert.equal(incidentName(known('a', 20)), 'Baniyas, 2025-03-09, Violence against civilians, 20 killed');
  assert.equal(incidentName(approx('b', 10)), 'near Qardaha, 2025-03-07, Battles, 3 killed, approximate place, ±10 km');
  assert.equal(incidentName(record({incident_id: 'x'})), 'unnamed place, date unknown, Unclassified event, fatalities not reported');
  // article text is returned as text, whatever it holds
  const evil = '<img src=x onerror=alert(1)>';
  assert.equal(incidentName(record({location: evil, fatalities: 0})).split(',')[0], evil);
});
