import { test } from 'node:test';
import assert from 'node:assert/strict';

import { cellText, cellWeight, hexCell, hexCenter, hexCorners, hexbin, weightName } from '../../mapper/render/assets/js/core/hexbin.js';

const R = 30;
const W = R * 2 * Math.sin(Math.PI / 3); // a row's cell width, 51.96 px
const identity = (lat, lon) => [lon, lat]; // "lat" is y, "lon" is x
const rec = (id, x, y, extra) => ({id, lat: y, lon: x, fat: 0, approx: false, aggregate: false, ...extra});

test('hand-placed points land in the exact hexagons', () => {
  assert.deepEqual(hexCell(0, 0, R), [0, 0]);
  assert.deepEqual(hexCell(10, 10, R), [0, 0]);
  assert.deepEqual(hexCell(W, 0, R), [1, 0]);
  assert.deepEqual(hexCell(W / 2, 45, R), [0, 1]); // odd row: shifted half a cell right
  assert.deepEqual(hexCell(-W / 2, 45, R), [-1, 1]);
  // just past the right edge of cell (0, 0) (inner radius 25.98): the odd row's cell below
  assert.deepEqual(hexCell(30, 20, R), [0, 1]);
  assert.deepEqual(hexCell(15, 10, R), [0, 0]);
  assert.deepEqual(hexCell(20, 20, R), [0, 1]); // nearer the odd row's centre (25.98, 45)
  assert.deepEqual(hexCell(-5, -40, R), [-1, -1]);
  assert.deepEqual(hexCenter(0, 1, R), [W / 2, 45]);
});

test('every point is in the cell whose centre is nearest (a hexagon is its Voronoi cell)', () => {
  for (let k = 0; k < 500; k++) {
    const x = Math.sin(k * 12.9898) * 400;
    const y = Math.cos(k * 78.233) * 400;
    const [i, j] = hexCell(x, y, R);
    const [cx, cy] = hexCenter(i, j, R);
    const d = Math.hypot(x - cx, y - cy);
    for (let di = -1; di <= 1; di++) {
      for (let dj = -1; dj <= 1; dj++) {
        const [ox, oy] = hexCenter(i + di, j + dj, R);
        assert.ok(d <= Math.hypot(x - ox, y - oy) + 1e-9, `(${x}, ${y})`);
      }
    }
  }
});

test('cells count incidents, sum the killed and the approximate places, keep the ids', () => {
  const cells = hexbin([
    rec('a', 0, 0, {fat: 3}), rec('b', 10, 10, {fat: 2, approx: true}), rec('c', W, 0, {fat: 0}),
    rec('d', W / 2, 45, {fat: 7})
  ], identity, R);
  assert.deepEqual(cells.map((c) => [c.i, c.j, c.count, c.killed, c.approx, c.ids]), [
    [0, 0, 2, 5, 1, ['a', 'b']], [1, 0, 1, 0, 0, ['c']], [0, 1, 1, 7, 0, ['d']]
  ]);
  assert.deepEqual(cells[0].center, [0, 0]);
  assert.equal(cellWeight(cells[0], 'count'), 2);
  assert.equal(cellWeight(cells[0], 'fat'), 5);
  assert.equal(cellText(cells[0]), '2 incidents, 5 killed (includes 1 approximate)');
  assert.equal(cellText(cells[1]), '1 incident, 0 killed');
});

test('empty input: no cells', () => {
  assert.deepEqual(hexbin([], identity, R), []);
});

test('aggregate reports are never binned', () => {
  const cells = hexbin([rec('a', 0, 0, {fat: 1}), rec('agg', 0, 0, {fat: 7000, aggregate: true}),
                        rec('agg2', 300, 300, {aggregate: true})], identity, R);
  assert.equal(cells.length, 1);
  assert.deepEqual([cells[0].count, cells[0].killed, cells[0].ids], [1, 1, ['a']]);
});

test('the projection decides: a zoom in splits a cell', () => {
  const recs = [rec('a', 0, 0), rec('b', 5, 5)];
  assert.equal(hexbin(recs, identity, R).length, 1);
  assert.equal(hexbin(recs, (lat, lon) => [lon * 16, lat * 16], R).length, 2);
});

test('corners, weights', () => {
  const corners = hexCorners(0, 0, R);
  assert.equal(corners.length, 6);
  for (const [x, y] of corners) assert.ok(Math.abs(Math.hypot(x, y) - R) < 1e-9);
  assert.equal(weightName('fat'), 'fat');
  assert.equal(weightName('bogus'), 'count');
});

test('the density view round-trips through the hash; the default writes nothing', async () => {
  const { defaultState, parseHash, serializeHash } = await import('../../mapper/render/assets/js/core/hash.js');
  const types = ['Battles'];
  assert.equal(serializeHash(defaultState(types), types), '');
  const state = parseHash('#mode=density&weight=fat', types);
  assert.equal(state.density, true);
  assert.equal(state.weight, 'fat');
  assert.equal(serializeHash(state, types), '#mode=density&weight=fat');
  assert.equal(parseHash('#mode=points&weight=bogus', types).density, false);
  assert.equal(parseHash('#weight=bogus', types).weight, 'count');
  assert.equal(serializeHash({...defaultState(types), weight: 'fat'}, types), ''); // a weight without the view: nothing
});
