// The event-type palette (mapper/render/map.py EVENT_COLORS, Okabe-Ito) checked for contrast and
// colour-vision deficiencies; docs/accessibility.md reports the numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { DEFICIENCIES, MAP_BACKGROUNDS, OUTLINE, closestPair, contrastRatio, deltaE, readableOn } from '../../mapper/render/assets/js/core/palette.js';

const source = readFileSync(new URL('../../mapper/render/map.py', import.meta.url), 'utf-8');
const block = /EVENT_COLORS = \{([^}]*)\}/.exec(source)[1];
const TYPES = [...block.matchAll(/"([^"]+)": "(#[0-9A-Fa-f]{6})"/g)].map((m) => m[2]);
const OTHER = /OTHER_COLOR = "(#[0-9A-Fa-f]{6})"/.exec(source)[1];
const PALETTE = [...TYPES, OTHER];

test('the WCAG formula gives the known ratios', () => {
  assert.equal(contrastRatio('#000000', '#ffffff').toFixed(1), '21.0');
  assert.equal(contrastRatio('#777777', '#ffffff').toFixed(2), '4.48');
  assert.equal(contrastRatio('#123456', '#123456'), 1);
});

test('every symbol edge is at least 3:1 on land and sea (WCAG 1.4.11)', () => {
  assert.equal(TYPES.length, 6);
  for (const bg of MAP_BACKGROUNDS) assert.ok(contrastRatio(OUTLINE, bg) >= 3, 'known-place outline on ' + bg);
  for (const color of PALETTE) {
    const edge = readableOn(color);
    for (const bg of MAP_BACKGROUNDS) assert.ok(contrastRatio(edge, bg) >= 3, `approximate edge of ${color} (${edge}) on ${bg}`);
    // darkened in its own hue only as much as needed: still near the legend's colour
    assert.ok(deltaE(edge, color, null) < 25, `${color} -> ${edge}`);
  }
});

test('the type colours stay apart with typical vision and each colour-vision deficiency', () => {
  // CIE76 ΔE above ~10 is a difference one sees at a glance; the closest pair is reported in the docs
  for (const kind of [null, ...DEFICIENCIES]) {
    const pair = closestPair(PALETTE, kind);
    assert.ok(pair.deltaE >= 12, `${kind || 'typical'}: ${pair.a} vs ${pair.b} ΔE ${pair.deltaE.toFixed(1)}`);
  }
});

test('the simulation is not a no-op: red and green merge for protanopia and deuteranopia', () => {
  const typical = deltaE('#ff0000', '#00a000', null);
  assert.ok(deltaE('#ff0000', '#00a000', 'deuteranopia') < typical / 2);
  assert.ok(deltaE('#ff0000', '#00a000', 'protanopia') < typical / 2);
});
