import { test } from 'node:test';
import assert from 'node:assert/strict';

import { facetCounts, passes, passesDate, passesExceptDate, select } from '../../mapper/render/assets/js/core/filters.js';
import { defaultState, parseHash } from '../../mapper/render/assets/js/core/hash.js';
import { record } from './helpers.mjs';

const TYPES = ['Battles', 'Riots', '__proto__'];

// six local incidents and one aggregate report, by hand
const RECORDS = [
  record({incident_id: 'a', event_type: 'Battles', fatalities: 10, event_date: '2025-03-07', confidence: 'high', review_state: 'confirmed'}),
  record({incident_id: 'b', event_type: 'Battles', fatalities: 2, event_date: '2025-03-08', confidence: 'medium'}),
  record({incident_id: 'c', event_type: 'Riots', fatalities: 0, event_date: '2025-03-08', confidence: 'low', review_state: 'edited'}),
  record({incident_id: 'd', event_type: 'Riots', fatalities: 5, event_date: null, confidence: 'medium'}),
  record({incident_id: 'e', event_type: '__proto__', fatalities: 1, event_date: '2025-03-09'}),
  record({incident_id: 'f', event_type: 'Battles', fatalities: 3, event_date: '2025-03-09', confidence: 'high'}),
  record({incident_id: 'g', event_type: 'Battles', fatalities: 300, event_date: '2025-03-01', scope: 'aggregate'})
];

const ids = (list) => list.map((r) => r.id);

test('the default state shows everything; aggregates are listed apart', () => {
  const shown = select(RECORDS, defaultState(TYPES));
  assert.deepEqual(ids(shown.local), ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.deepEqual(ids(shown.aggregates), ['g']);
  assert.equal(shown.fatalities, 21); // the aggregate's 300 are never added
  assert.equal(shown.shown, 7);
});

test('each filter narrows the selection', () => {
  const only = (hash) => ids(RECORDS.filter((r) => passes(r, parseHash(hash, TYPES))));
  assert.deepEqual(only('types=Riots'), ['c', 'd']);
  assert.deepEqual(only('types=__proto__'), ['e']);
  assert.deepEqual(only('min=3'), ['a', 'd', 'f', 'g']);
  assert.deepEqual(only('confidence=high'), ['a', 'e', 'f', 'g']); // no confidence given: kept
  assert.deepEqual(only('review=confirmed,edited'), ['a', 'c']);
  assert.deepEqual(only('review=unreviewed&types=Battles&min=3'), ['f', 'g']);
  assert.deepEqual(only('from=2025-03-08&to=2025-03-08'), ['b', 'c']); // undated d fails any bound
  assert.deepEqual(only('from=2025-03-09'), ['e', 'f']);
  assert.deepEqual(only('to=2025-03-07'), ['a', 'g']);
  assert.deepEqual(only('types='), []);
});

test('the date test and the other filters are separate', () => {
  const state = parseHash('from=2025-03-09&types=Riots', TYPES);
  const c = RECORDS[2];
  assert.equal(passesExceptDate(c, state), true);
  assert.equal(passesDate(c, state), false);
  assert.equal(passes(c, state), false);
});

test('facet counts over all records, or over those a predicate keeps', () => {
  const all = facetCounts(RECORDS);
  assert.deepEqual([...all.types], [['Battles', 4], ['Riots', 2], ['__proto__', 1]]);
  assert.deepEqual([...all.levels], [['high', 2], ['medium', 2], ['low', 1]]);
  assert.deepEqual([...all.reviews], [['confirmed', 1], ['unreviewed', 5], ['edited', 1]]);
  const state = parseHash('min=3', TYPES);
  const kept = facetCounts(RECORDS, (r) => passes(r, state));
  assert.deepEqual([...kept.types], [['Battles', 3], ['Riots', 1]]);
  assert.equal(kept.levels.get('low'), undefined);
});
