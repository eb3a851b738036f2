import { test } from 'node:test';
import assert from 'node:assert/strict';

import { visibleCountryLabels } from '../../mapper/render/assets/js/core/declutter.js';

const box = (left, top, w = 60, h = 12) => ({left, top, right: left + w, bottom: top + h});

test('a country narrower than its name has no name; the larger of two colliding names wins', () => {
  const items = [
    {label: box(100, 100), width: 30, height: 40}, // Lebanon at world zoom: smaller than its name
    {label: box(110, 104), width: 200, height: 150}, // Syria, colliding with a smaller neighbour's name
    {label: box(120, 108), width: 90, height: 80}, // Jordan: collides with Syria's name
    {label: box(400, 100), width: 80, height: 60}, // Turkey: far away
  ];
  assert.deepEqual(visibleCountryLabels(items, []), [false, true, false, true]);
});

test('names never cover what the incidents need (captions, place labels)', () => {
  const items = [{label: box(100, 100), width: 500, height: 500}];
  assert.deepEqual(visibleCountryLabels(items, [box(130, 95, 20, 20)]), [false]);
  assert.deepEqual(visibleCountryLabels(items, [box(300, 300, 20, 20)]), [true]);
});

test('at world zoom most small countries lose their names, so they cannot pile up', () => {
  // forty countries 20 px wide each, names 60 px: none fits; zoomed in (200 px each), all do
  const far = Array.from({length: 40}, (_, i) => ({label: box(i * 250, 0), width: 20, height: 20}));
  assert.equal(visibleCountryLabels(far, []).filter(Boolean).length, 0);
  const near = far.map((item) => ({...item, width: 200, height: 200}));
  assert.equal(visibleCountryLabels(near, []).filter(Boolean).length, 40);
});
