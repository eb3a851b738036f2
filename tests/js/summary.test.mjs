import { test } from 'node:test';
import assert from 'node:assert/strict';

import { defaultState, parseHash } from '../../mapper/render/assets/js/core/hash.js';
import { filterSummary, sourcesOf } from '../../mapper/render/assets/js/core/summary.js';
import { record } from './helpers.mjs';

const TYPES = ['Battles', 'Riots', ''];

test('the filter summary names what is kept, and nothing when nothing is filtered', () => {
  assert.equal(filterSummary(defaultState(TYPES), TYPES), 'No filter: everything');
  assert.equal(filterSummary(parseHash('types=Battles,&min=3&from=2025-03-08', TYPES), TYPES),
    'Event types: Battles, Unclassified · 2025-03-08 to the end · at least 3 killed');
  assert.equal(filterSummary(parseHash('confidence=high&review=confirmed,edited&to=2025-03-09', TYPES), TYPES),
    'Confidence: high · Review: confirmed, edited · the start to 2025-03-09');
});

test('the filter summary names the search and the actor, country and region choices too', () => {
  assert.equal(filterSummary(parseHash('q=baniyas&country=Syria&admin1=Tartus,Latakia', TYPES), TYPES),
    'Countries: Syria · Regions: Tartus, Latakia · search: "baniyas"');
  assert.equal(filterSummary(parseHash('actor=gunmen', TYPES), TYPES), 'Actors: gunmen');
});

test('sources are listed once each, in the order first seen, as text', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const recs = [
    record({article_title: 'A', article_source: 'Wire', article_url: 'https://a'}),
    record({article_title: evil, article_source: null, article_url: 'javascript:alert(1)'}),
    record({article_title: 'A', article_source: 'Wire', article_url: 'https://a'}),
  ];
  assert.deepEqual(sourcesOf(recs), [
    {title: 'A', outlet: 'Wire', url: 'https://a'},
    {title: evil, outlet: null, url: 'javascript:alert(1)'},
  ]);
});
