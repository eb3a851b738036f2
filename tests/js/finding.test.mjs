import { test } from 'node:test';
import assert from 'node:assert/strict';

import { liveCounts } from '../../mapper/render/assets/js/core/counts.js';
import { facetCounts, select } from '../../mapper/render/assets/js/core/filters.js';
import { excerpt, facetOptions, fold, inView, matchesTerms, queryTerms } from '../../mapper/render/assets/js/core/finding.js';
import { defaultState, parseHash, serializeHash } from '../../mapper/render/assets/js/core/hash.js';
import { feature } from './helpers.mjs';
import { toRecord } from '../../mapper/render/assets/js/core/records.js';

const TYPES = ['Battles', 'Violence against civilians', 'Riots'];
const rec = (props, lon, lat) => toRecord(feature({scope: 'local', ...props}, lon, lat), () => '#000');

const RECORDS = [
  rec({incident_id: 'a', event_type: 'Violence against civilians', location: 'Bāniyās', admin1: 'Tartus', country: 'Syria',
       actor1: 'gunmen', actor2: 'civilians', fatalities: 20, event_date: '2025-03-09', confidence: 'medium',
       quote: 'Residents of the town of Baniyas described bodies strewn across streets.'}, 35.95, 35.18),
  rec({incident_id: 'b', event_type: 'Battles', location: 'Latakia', admin1: 'Latakia', country: 'Syria',
       actor1: 'security forces', actor2: 'gunmen', fatalities: 5, event_date: '2025-03-07', confidence: 'high',
       quote: 'Clashes erupted near the port.'}, 35.79, 35.53),
  rec({incident_id: 'c', event_type: 'Riots', location: 'Tripoli', admin1: 'North', country: 'Lebanon',
       actor1: 'rioters', fatalities: 0, event_date: '2025-03-08', review_state: 'confirmed',
       quote: '<img src=x onerror=alert(1)> protesters burned tyres'}, 35.84, 34.43),
  rec({incident_id: 'd', event_type: 'Battles', location: 'Jableh', admin1: 'Latakia', country: 'Syria',
       actor1: 'gunmen', fatalities: 3, event_date: null, confidence: 'low'}, 35.93, 35.36),
  rec({incident_id: 'e', event_type: 'Battles', location: 'Syria', country: 'Syria', fatalities: 300,
       event_date: '2025-03-09', scope: 'aggregate'}, 38.0, 35.0)
];
const ids = (list) => list.map((r) => r.id);
const state = (patch) => Object.freeze({...defaultState(TYPES), ...patch});

test('search folds case and accents and needs every word', () => {
  assert.equal(fold('  Bāniyās  TOWN '), 'baniyas town');
  assert.deepEqual(queryTerms(' Baniyas  gunmen '), ['baniyas', 'gunmen']);
  assert.deepEqual(queryTerms('   '), []);
  assert.ok(matchesTerms(RECORDS[0], ['baniyas', 'gunmen']));
  assert.ok(!matchesTerms(RECORDS[0], ['baniyas', 'rioters']));
});

test('search finds a place, an actor or quote text', () => {
  assert.deepEqual(ids(select(RECORDS, state({q: 'baniyas'})).local), ['a']);
  assert.deepEqual(ids(select(RECORDS, state({q: 'GUNMEN'})).local), ['a', 'b', 'd']);
  assert.deepEqual(ids(select(RECORDS, state({q: 'port'})).local), ['b']);
  assert.deepEqual(ids(select(RECORDS, state({q: 'onerror'})).local), ['c']); // text, matched as text
  assert.deepEqual(ids(select(RECORDS, state({q: 'nowhere at all'})).local), []);
  assert.deepEqual(ids(select(RECORDS, state({q: ''})).local), ['a', 'b', 'c', 'd']);
});

test('actor, country and admin1 filters pass a record holding one of the chosen values', () => {
  assert.deepEqual(ids(select(RECORDS, state({actors: new Set(['gunmen'])})).local), ['a', 'b', 'd']); // actor1 or actor2
  assert.deepEqual(ids(select(RECORDS, state({countries: new Set(['Lebanon'])})).local), ['c']);
  assert.deepEqual(ids(select(RECORDS, state({admin1s: new Set(['Latakia'])})).local), ['b', 'd']);
  assert.deepEqual(ids(select(RECORDS, state({admin1s: new Set(['Latakia']), actors: new Set(['security forces'])})).local), ['b']);
  assert.deepEqual(ids(select(RECORDS, state({countries: new Set()})).local), []); // an empty choice shows nothing
});

test('facet options are the values the records carry, the most frequent first', () => {
  const options = facetOptions(RECORDS);
  assert.deepEqual(options.countries, [['Syria', 4], ['Lebanon', 1]]);
  assert.deepEqual(options.actors[0], ['gunmen', 3]);
  assert.deepEqual(options.admin1s.map((o) => o[0]), ['Latakia', 'North', 'Tartus']);
  const bare = facetOptions([rec({incident_id: 'x', event_type: 'Riots'})]);
  assert.deepEqual(bare, {actors: [], countries: [], admin1s: []}); // a table without them: no filter offered
});

test('legend counts follow the other filters, and each facet ignores its own', () => {
  const all = liveCounts(RECORDS, state({}));
  const plain = facetCounts(RECORDS);
  assert.deepEqual([...all.types], [...plain.types]); // nothing chosen: the counts of the whole table
  const riotsOnly = state({types: new Set(['Riots']), countries: new Set(['Syria'])});
  const c = liveCounts(RECORDS, riotsOnly);
  // types: counted with the country filter only -> the Syrian records by type
  assert.equal(c.types.get('Battles'), 3);
  assert.equal(c.types.get('Violence against civilians'), 1);
  assert.equal(c.types.get('Riots') || 0, 0);
  // countries: counted with the type filter only -> the riots by country
  assert.equal(c.countries.get('Lebanon'), 1);
  assert.equal(c.countries.get('Syria') || 0, 0);
  // levels and reviews: both filters apply -> nothing is a Syrian riot
  assert.equal([...c.levels.values()].reduce((a, b) => a + b, 0), 0);
  const searched = liveCounts(RECORDS, state({q: 'gunmen'}));
  assert.equal(searched.types.get('Battles'), 2); // the search always applies
  const dated = liveCounts(RECORDS, state({from: 20156, to: 20156}));
  assert.equal([...dated.types.values()].reduce((a, b) => a + b, 0), 2); // 2025-03-09: a and the aggregate e
});

test('the list shows what is inside the view, sorted by date, undated last, or by toll', () => {
  const local = select(RECORDS, state({})).local;
  assert.deepEqual(ids(inView(local, null, 'newest')), ['a', 'c', 'b', 'd']);
  assert.deepEqual(ids(inView(local, null, 'oldest')), ['b', 'c', 'a', 'd']);
  assert.deepEqual(ids(inView(local, null, 'deadliest')), ['a', 'b', 'd', 'c']);
  const coast = {south: 35.0, north: 35.6, west: 35.5, east: 36.0};
  assert.deepEqual(ids(inView(local, coast, 'newest')), ['a', 'b', 'd']);
  // a view panned one world east (longitudes past 180) still holds them
  assert.deepEqual(ids(inView(local, {south: 35.0, north: 35.6, west: 395.5, east: 396.0}, 'newest')), ['a', 'b', 'd']);
});

test('excerpts cut long quotes at a word', () => {
  assert.equal(excerpt('short'), 'short');
  assert.equal(excerpt(null), '');
  const long = 'word '.repeat(60);
  const cut = excerpt(long, 40);
  assert.ok(cut.length <= 41 && cut.endsWith('…'), cut);
  assert.ok(!cut.includes('  '));
});

test('finding filters and an incident travel in the hash; unknown facet values are dropped when told', () => {
  const values = {actors: new Set(['gunmen']), countries: new Set(['Syria', 'Lebanon']), admin1s: new Set(['Tartus'])};
  const s = parseHash('#q=Baniyas%20town&actor=gunmen,nobody&country=Lebanon&admin1=%3Cimg%3E&incident=a%2Fb', TYPES, values);
  assert.equal(s.q, 'Baniyas town');
  assert.deepEqual([...s.actors], ['gunmen']);
  assert.deepEqual([...s.countries], ['Lebanon']);
  assert.equal(s.admin1s, null); // only an unknown value: no filter
  assert.equal(s.incident, 'a/b');
  assert.equal(serializeHash(s, TYPES), '#actor=gunmen&country=Lebanon&q=Baniyas%20town&incident=a%2Fb');
  // a value holding a comma or an ampersand survives the round trip
  const odd = parseHash(serializeHash({...defaultState(TYPES), actors: new Set(['A, B & C'])}, TYPES), TYPES);
  assert.deepEqual([...odd.actors], ['A, B & C']);
  assert.equal(serializeHash(defaultState(TYPES), TYPES), '');
});
