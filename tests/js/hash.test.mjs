import { test } from 'node:test';
import assert from 'node:assert/strict';

import { defaultState, parseHash, serializeHash } from '../../mapper/render/assets/js/core/hash.js';

const TYPES = ['Battles', 'Riots', 'Violence against civilians', 'a,b & c', '__proto__', 'constructor'];

test('the default state writes no hash, and an empty hash reads as the default', () => {
  assert.equal(serializeHash(defaultState(TYPES), TYPES), '');
  assert.deepEqual(parseHash('', TYPES), defaultState(TYPES));
  assert.deepEqual(parseHash('#', TYPES), defaultState(TYPES));
});

test('a filtered state round-trips through its hash', () => {
  const hash = '#types=Battles,a%2Cb%20%26%20c&confidence=high,low&review=confirmed,edited' +
    '&from=2025-03-08&to=2025-03-09&min=3&view=9/35.5000/35.8000';
  const state = parseHash(hash, TYPES);
  assert.deepEqual([...state.types], ['Battles', 'a,b & c']);
  assert.deepEqual([...state.levels], ['high', 'low']);
  assert.deepEqual([...state.reviews], ['confirmed', 'edited']);
  assert.equal(state.from, 20155);
  assert.equal(state.to, 20156);
  assert.equal(state.min, 3);
  assert.deepEqual(state.view, [9, 35.5, 35.8]);
  assert.equal(serializeHash(state, TYPES), hash);
});

test('keys are written in a fixed order whatever order they were read in', () => {
  const state = parseHash('min=2&review=unreviewed&types=Riots', TYPES);
  assert.equal(serializeHash(state, TYPES), '#types=Riots&review=unreviewed&min=2');
});

test('an empty selection is kept (nothing shown), not taken for "everything"', () => {
  const state = parseHash('#types=&confidence=', TYPES);
  assert.equal(state.types.size, 0);
  assert.equal(state.levels.size, 0);
  assert.equal(serializeHash(state, TYPES), '#types=&confidence=');
});

test('hostile or unknown values are dropped, never taken as names', () => {
  const state = parseHash('#types=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E,Riots,<img onerror>' +
    '&confidence=high,<script>&review=__proto__&min=-5&from=<b>&view=1/2', TYPES);
  assert.deepEqual([...state.types], ['Riots']);
  assert.deepEqual([...state.levels], ['high']);
  assert.equal(state.reviews.size, 0);
  assert.equal(state.min, 0);
  assert.equal(state.from, null);
  assert.equal(state.view, null);
  assert.equal(serializeHash(state, TYPES), '#types=Riots&confidence=high&review=');
});

test('a type named like an Object member is only selected when chosen', () => {
  const state = parseHash('#types=constructor', TYPES);
  assert.deepEqual([...state.types], ['constructor']);
  assert.equal(state.types.has('__proto__'), false);
  assert.equal(serializeHash(state, TYPES), '#types=constructor');
});

test('malformed percent escapes and pairs without "=" are skipped', () => {
  const state = parseHash('#min=%E0%A4%A&types=Riots,%E0%A4%A&junk&confidence=low&view=99/91/0', TYPES);
  assert.equal(state.min, 0);
  assert.deepEqual([...state.types], TYPES); // the whole pair is skipped
  assert.deepEqual([...state.levels], ['low']);
  assert.equal(state.view, null); // latitude out of range
});

test('states are frozen: a change makes a new state', () => {
  const state = parseHash('#min=1', TYPES);
  assert.ok(Object.isFrozen(state));
  assert.throws(() => { 'use strict'; state.min = 5; }, TypeError);
});
