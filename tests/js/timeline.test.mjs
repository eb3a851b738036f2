import { test } from 'node:test';
import assert from 'node:assert/strict';

import { select } from '../../mapper/render/assets/js/core/filters.js';
import { isoDay } from '../../mapper/render/assets/js/core/format.js';
import { defaultState, parseHash, serializeHash } from '../../mapper/render/assets/js/core/hash.js';
import { WINDOWS, autoWindow, brushRange, dateCandidates, dayIndex, nextWindow, playPlan, sliderBounds, sliderValue,
  windowAt, windowOf } from '../../mapper/render/assets/js/core/timeline.js';
import { record } from './helpers.mjs';

const D = (text) => isoDay(text);
const SEED = {min: D('2025-03-06'), max: D('2025-03-12')}; // seven days, as the seed map
const YEAR = {min: D('2024-01-01'), max: D('2024-12-31')};

test('window widths are a day, a week and 30 days; a short range plays day by day', () => {
  assert.deepEqual(WINDOWS, {day: 1, week: 7, month: 30});
  assert.equal(autoWindow(SEED), 'day');
  assert.equal(autoWindow(YEAR), 'week');
  assert.equal(autoWindow({min: 0, max: 800}), 'month');
  assert.equal(autoWindow({min: null, max: null}), 'day');
  assert.equal(windowOf({window: 'month'}, SEED), 'month');
  assert.equal(windowOf({window: '<b>'}, SEED), 'day');
});

test('the slider positions are the first days of windows that start inside the range', () => {
  assert.deepEqual(sliderBounds(SEED, 1), {min: SEED.min, max: SEED.max});
  assert.deepEqual(sliderBounds(SEED, 7), {min: SEED.min, max: SEED.min}); // one week: one position
  assert.deepEqual(sliderBounds(SEED, 30), {min: SEED.min, max: SEED.min});
  assert.equal(sliderBounds({min: null, max: null}, 7), null);
  assert.deepEqual(windowAt(SEED.min + 2, SEED, 1), {from: SEED.min + 2, to: SEED.min + 2});
  assert.deepEqual(windowAt(SEED.max + 50, SEED, 1), {from: SEED.max, to: SEED.max}); // clamped
  assert.deepEqual(windowAt(YEAR.min + 10, YEAR, 7), {from: YEAR.min + 10, to: YEAR.min + 16});
  assert.equal(sliderValue({from: null}, SEED, 1), SEED.min);
  assert.equal(sliderValue({from: SEED.min + 3}, SEED, 1), SEED.min + 3);
});

test('playback walks the windows from the first to the last, then stops', () => {
  let state = {from: null, to: null};
  const seen = [];
  for (let i = 0; i < 20; i++) {
    const next = nextWindow(state, SEED, 1, false);
    if (!next) break;
    seen.push(next.from);
    state = next;
  }
  assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6].map((k) => SEED.min + k)); // the seed's week, day by day
  assert.equal(nextWindow(state, SEED, 1, false), null); // at the end
  assert.deepEqual(nextWindow(state, SEED, 1, true), {from: SEED.min, to: SEED.min}); // play again: from the start
  // a brushed range that is no window: playback starts at the first window
  assert.deepEqual(nextWindow({from: SEED.min + 2, to: SEED.min + 4}, SEED, 1, false), {from: SEED.min, to: SEED.min});
});

test('a long range takes bigger steps; a short one stays readable', () => {
  const seed = playPlan(SEED, 1);
  assert.equal(seed.step, 1);
  assert.equal(seed.frames, 7);
  assert.ok(seed.interval >= 500 && seed.interval <= 700);
  const decade = playPlan({min: 0, max: 3650}, 7);
  assert.ok(decade.frames <= 300, JSON.stringify(decade));
  assert.ok(decade.step > 1);
  assert.ok(decade.interval >= 50); // never faster than 20 frames a second
  assert.equal(playPlan({min: null, max: null}, 1).frames, 0);
});

test('a brush takes whole bins, in either direction, clamped to the histogram', () => {
  // 10 bins of 3 days from day 100
  assert.deepEqual(brushRange(0.25, 0.55, 100, 3, 10), {from: 106, to: 117});
  assert.deepEqual(brushRange(0.55, 0.25, 100, 3, 10), {from: 106, to: 117});
  assert.deepEqual(brushRange(-1, 2, 100, 3, 10), {from: 100, to: 129});
  assert.deepEqual(brushRange(0.999, 1, 100, 1, 7), {from: 106, to: 106});
});

test('the day index gives the same selection as a full scan, in the records\' order', () => {
  const days = ['2025-03-09', null, '2025-03-07', '2025-03-09', '2025-03-08', '2025-03-12', '2025-03-07'];
  const records = days.map((d, i) => record({incident_id: 'r' + i, event_type: 'Battles', event_date: d}));
  const index = dayIndex(records);
  const base = defaultState(['Battles']);
  for (const [from, to] of [[null, null], ['2025-03-07', '2025-03-07'], ['2025-03-08', '2025-03-09'],
                            [null, '2025-03-08'], ['2025-03-09', null], ['2025-03-20', '2025-03-21']]) {
    const state = {...base, from: from && D(from), to: to && D(to)};
    const full = select(records, state).local.map((r) => r.id);
    assert.deepEqual(select(records, state, index).local.map((r) => r.id), full, `${from}..${to}`);
  }
  assert.equal(dateCandidates(records, base, index), records); // no bound: every record, undated too
});

test('the window width travels in the hash; a value the page does not know is dropped', () => {
  const state = parseHash('#from=2025-03-08&to=2025-03-08&window=week', ['Battles']);
  assert.equal(state.window, 'week');
  assert.equal(serializeHash(state, ['Battles']), '#from=2025-03-08&to=2025-03-08&window=week');
  assert.equal(parseHash('#window=fortnight', ['Battles']).window, null);
  assert.equal(serializeHash({...defaultState(['Battles']), window: '<b>'}, ['Battles']), ''); // never written
});
