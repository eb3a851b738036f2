import { test } from 'node:test';
import assert from 'node:assert/strict';

import { isoDay } from '../../mapper/render/assets/js/core/format.js';
import { parseHash, defaultState } from '../../mapper/render/assets/js/core/hash.js';
import { dayBins } from '../../mapper/render/assets/js/core/histogram.js';
import { record } from './helpers.mjs';

const TYPES = ['Battles', 'Riots'];
const D7 = isoDay('2025-03-07');

const RECORDS = [
  record({event_type: 'Battles', event_date: '2025-03-07'}),
  record({event_type: 'Battles', event_date: '2025-03-07'}),
  record({event_type: 'Riots', event_date: '2025-03-09', fatalities: 4}),
  record({event_type: 'Riots', event_date: '2025-03-10'}),
  record({event_type: 'Riots', event_date: null}),
  record({event_type: 'Battles', event_date: '2025-03-08', scope: 'aggregate'})
];

test('one bar per day over the range, undated and aggregate rows left out', () => {
  const h = dayBins(RECORDS, defaultState(TYPES), D7, D7 + 3);
  assert.equal(h.binDays, 1);
  assert.deepEqual(h.bins, [
    {start: D7, end: D7, count: 2, inRange: true},
    {start: D7 + 1, end: D7 + 1, count: 0, inRange: true},
    {start: D7 + 2, end: D7 + 2, count: 1, inRange: true},
    {start: D7 + 3, end: D7 + 3, count: 1, inRange: true}
  ]);
  assert.equal(h.max, 2);
});

test('the other filters change the counts, the dates only which bars are in range', () => {
  const h = dayBins(RECORDS, parseHash('types=Riots&from=2025-03-09&to=2025-03-09', TYPES), D7, D7 + 3);
  assert.deepEqual(h.bins.map((b) => b.count), [0, 0, 1, 1]);
  assert.deepEqual(h.bins.map((b) => b.inRange), [false, false, true, false]);
  assert.equal(dayBins(RECORDS, parseHash('min=99', TYPES), D7, D7 + 3).max, 1); // never 0
});

test('a long range is binned by several days, at most 120 bars', () => {
  // 2025-01-01 .. 2025-12-31: 365 days -> 4 days a bar, 92 bars, the last one ending past the range
  const first = isoDay('2025-01-01');
  const last = isoDay('2025-12-31');
  const records = [record({event_date: '2025-01-01'}), record({event_date: '2025-01-04'}),
                   record({event_date: '2025-01-05'}), record({event_date: '2025-12-31'})];
  const h = dayBins(records, defaultState(['']), first, last);
  assert.equal(h.binDays, 4);
  assert.equal(h.bins.length, 92);
  assert.deepEqual(h.bins[0], {start: first, end: first + 3, count: 2, inRange: true});
  assert.equal(h.bins[1].count, 1);
  assert.equal(h.bins[91].start, first + 364);
  assert.equal(h.bins[91].count, 1);
  assert.equal(h.bins.reduce((n, b) => n + b.count, 0), 4);
});

test('no dated incidents: no histogram', () => {
  assert.equal(dayBins(RECORDS, defaultState(TYPES), null, null), null);
});
