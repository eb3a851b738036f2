import { test } from 'node:test';
import assert from 'node:assert/strict';

import { breakdownText, dayText, fmtInt, isoDay, notesText, radiusOf, safeHttpUrl }
  from '../../mapper/render/assets/js/core/format.js';

test('days round-trip through their ISO text', () => {
  assert.equal(isoDay('1970-01-02'), 1);
  assert.equal(isoDay('2025-03-09T12:00:00Z'), 20156);
  assert.equal(dayText(20156), '2025-03-09');
  assert.equal(isoDay('09/03/2025'), null);
  assert.equal(isoDay(20156), null);
});

test('numbers get thousands separators', () => {
  assert.equal(fmtInt(0), '0');
  assert.equal(fmtInt(999), '999');
  assert.equal(fmtInt(1234567), '1,234,567');
});

test('radius grows with the square root and stays between 5 and 30 px', () => {
  assert.equal(radiusOf(0), 5);
  assert.equal(radiusOf(16), 12);
  assert.equal(radiusOf(10000), 30);
});

test('only http(s) addresses become links', () => {
  assert.equal(safeHttpUrl(' https://news.example.org/a b '), 'https://news.example.org/a%20b');
  assert.equal(safeHttpUrl('HTTP://x.example/'), 'http://x.example/');
  assert.equal(safeHttpUrl('javascript:alert(1)'), null);
  assert.equal(safeHttpUrl('data:text/html,<script>'), null);
  assert.equal(safeHttpUrl('//evil.example'), null);
  assert.equal(safeHttpUrl('https://'), null);
  assert.equal(safeHttpUrl(null), null);
});

test('breakdown and notes columns read as text', () => {
  assert.equal(breakdownText('children=9;women=4'), 'children 9, women 4');
  assert.equal(breakdownText(''), '');
  assert.equal(notesText('origin=El Fasher; destination = Tawila;;loose'), 'origin: El Fasher · destination: Tawila · loose');
});
